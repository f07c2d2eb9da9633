from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netral.cases import views, views_compliance

app_name = "cases"

urlpatterns: list[URLPattern | URLResolver] = [
    path("staf/perkara/", views.case_register, name="register"),
    path("staf/perkara/kotak-masuk/", views.case_inbox, name="inbox"),
    path("staf/perkara/temuan-baru/", views.finding_new, name="finding-new"),
    path("staf/perkara/kepatuhan/", views_compliance.compliance_page, name="compliance"),
    path("staf/perkara/lewat-waktu/", views_compliance.overdue_page, name="overdue"),
    path("staf/perkara/ppk-tidak-patuh/", views_compliance.noncompliant_page, name="noncompliant"),
    path("staf/perkara/ekspor.xlsx", views_compliance.register_export, name="export"),
    path("staf/perkara/<int:pk>/", views.case_detail, name="detail"),
    path("staf/perkara/<int:pk>/pindah/", views.case_move, name="move"),
    path(
        "staf/perkara/<int:pk>/asn/<int:subject_pk>/",
        views.case_subject_correction,
        name="subject-correct",
    ),
    path("staf/perkara/<int:pk>/dokumen/", views.case_document_upload, name="document-upload"),
    path(
        "staf/perkara/<int:pk>/dokumen/<int:doc_pk>/", views.case_document_download, name="document"
    ),
]
