from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netral.prevention import (
    staff_pacts,
    staff_quiz,
    views_circulars,
    views_events,
    views_pacts,
    views_pressure,
    views_quiz,
    views_reminders,
)

app_name = "prevention"

urlpatterns: list[URLPattern | URLResolver] = [
    path("pakta/", views_pacts.pact_entry, name="pact-entry"),
    path("pakta/tandatangan/", views_pacts.pact_sign, name="pact-sign"),
    path("pakta/selesai/", views_pacts.pact_done, name="pact-done"),
    path("pakta/sertifikat/", views_pacts.pact_certificate, name="pact-certificate"),
    path("verifikasi/", views_pacts.verify_form, name="verify-form"),
    path("verifikasi/<str:code>/", views_pacts.verify, name="verify"),
    path("sosialisasi/", views_events.public_events, name="public-events"),
    path("hadir/<str:code>/", views_events.checkin, name="checkin"),
    path("staf/pencegahan/kegiatan/", views_events.event_list, name="events"),
    path("staf/pencegahan/kegiatan/<int:pk>/", views_events.event_detail, name="event"),
    path(
        "staf/pencegahan/kehadiran/<int:pk>/periksa/",
        views_events.attendance_review,
        name="attendance-review",
    ),
    path("kuis/latihan/", views_quiz.practice, name="quiz-practice"),
    path("kuis/<str:code>/", views_quiz.quiz_entry, name="quiz-entry"),
    path("kuis/<str:code>/jawab/", views_quiz.quiz_take, name="quiz-take"),
    path("kuis/<str:code>/hasil/", views_quiz.quiz_result, name="quiz-result"),
    path("staf/pencegahan/kuis/", staff_quiz.quiz_list, name="quizzes"),
    path("staf/pencegahan/kuis/soal/", staff_quiz.question_statistics, name="quiz-questions"),
    path("staf/pencegahan/kuis/<int:pk>/", staff_quiz.quiz_detail, name="quiz"),
    path("staf/pencegahan/kuis/<int:pk>/buka/", staff_quiz.quiz_toggle, name="quiz-toggle"),
    path("tekanan/", views_pressure.pressure_form, name="pressure-form"),
    path("tekanan/status/", views_pressure.pressure_status, name="pressure-status"),
    path("staf/pencegahan/tekanan/", views_pressure.pressure_list, name="pressures"),
    path("staf/pencegahan/tekanan/<int:pk>/", views_pressure.pressure_detail, name="pressure"),
    path(
        "staf/pencegahan/tekanan/<int:pk>/identitas/",
        views_pressure.pressure_identity,
        name="pressure-identity",
    ),
    path("staf/pencegahan/pakta/", staff_pacts.round_list, name="rounds"),
    path("staf/pencegahan/pakta/mulai/", staff_pacts.round_start, name="round-start"),
    path("staf/pencegahan/pakta/cakupan/", staff_pacts.agency_coverage, name="coverage"),
    path("staf/pencegahan/pakta/<int:pk>/", staff_pacts.round_detail, name="round"),
    path("staf/pencegahan/pakta/<int:pk>/kirim/", staff_pacts.round_send, name="round-send"),
    # Reminders go through the page's second-click guard (views_reminders).
    path(
        "staf/pencegahan/pakta/<int:pk>/ingatkan/",
        views_reminders.round_reminders_send,
        name="round-remind",
    ),
    path(
        "staf/pencegahan/pakta/<int:pk>/pengingat/",
        views_reminders.round_reminders,
        name="round-reminders",
    ),
    path("staf/pencegahan/surat-edaran/", views_circulars.circular_form, name="circulars"),
    path("staf/pencegahan/pakta/<int:pk>/kode/", staff_pacts.round_codes, name="round-codes"),
    path("staf/pencegahan/pakta/<int:pk>/kertas/", staff_pacts.round_paper, name="round-paper"),
    path(
        "staf/pencegahan/tanda-tangan/<int:pk>/sertifikat/",
        staff_pacts.signature_certificate,
        name="signature-certificate",
    ),
    path(
        "staf/pencegahan/tanda-tangan/<int:pk>/cabut/",
        staff_pacts.signature_revoke,
        name="signature-revoke",
    ),
]
