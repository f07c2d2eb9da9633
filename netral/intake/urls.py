from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netral.intake import staff, views, views_receipt

app_name = "intake"

urlpatterns: list[URLPattern | URLResolver] = [
    path("lapor/", views.report_form, name="form"),
    path("lapor/status/", views.status, name="status"),
    path(
        "lapor/status/bukti/<int:pk>/kecil.jpg",
        views_receipt.status_thumbnail,
        name="status-thumbnail",
    ),
    path("lapor/tanda-terima.txt", views_receipt.receipt_download, name="receipt-download"),
    path("staf/laporan/", staff.report_list, name="staff-list"),
    path("staf/laporan/<int:pk>/", staff.report_detail, name="staff-detail"),
    path("staf/laporan/<int:pk>/pesan/", staff.message_to_reporter, name="staff-message"),
    path("staf/laporan/<int:pk>/identitas/", staff.reveal_identity, name="staff-identity"),
    path("staf/laporan/<int:pk>/gabung/", staff.merge, name="staff-merge"),
    path("staf/bukti/<int:pk>/", staff.evidence_view, name="evidence"),
    path("staf/bukti/<int:pk>/asli/", staff.evidence_original, name="evidence-original"),
]
