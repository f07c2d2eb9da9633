from __future__ import annotations

from django.urls import path

from netral.registry import views

app_name = "registry"

urlpatterns = [
    path("staf/asn/", views.asn_list, name="list"),
    path("staf/asn/impor/", views.import_page, name="import"),
    path("staf/asn/impor/<int:pk>/", views.import_detail, name="import-detail"),
    path("staf/asn/impor/<int:pk>/status/", views.import_status, name="import-status"),
    path("staf/asn/impor/<int:pk>/ditolak.csv", views.import_rejects, name="import-rejects"),
    path("staf/asn/saran/", views.suggestions, name="suggest"),
    path("staf/asn/terlapor/<int:subject_id>/tautkan/", views.subject_link, name="link"),
    path("staf/asn/terlapor/<int:subject_id>/lepas/", views.subject_unlink, name="unlink"),
    path("staf/asn/<str:nip>/", views.asn_detail, name="detail"),
]
