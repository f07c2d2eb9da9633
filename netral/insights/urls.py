from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netral.insights import views, views_maps, views_public, views_reports

app_name = "insights"

urlpatterns: list[URLPattern | URLResolver] = [
    path("staf/dasbor/", views.dashboard, name="dashboard"),
    path("staf/dasbor/liga-ppk/", views.league_page, name="league"),
    path("staf/dasbor/perkara/", views.cases_behind, name="cases"),
    path("staf/dasbor/peta/", views_maps.map_page, name="map"),
    path("staf/dasbor/risiko/", views_maps.risk_page, name="risk"),
    path("staf/dasbor/ekspor/", views_reports.export, name="export"),
    path("staf/dasbor/ekspor/<int:pk>/", views_reports.export_status, name="export-status"),
    path(
        "staf/dasbor/ekspor/<int:pk>/unduh/", views_reports.export_download, name="export-download"
    ),
    path("staf/dasbor/laporan/", views_reports.report_page, name="report"),
    path("staf/dasbor/laporan.pdf", views_reports.report_pdf, name="report-pdf"),
    path("transparansi/", views_public.public_page, name="public"),
    path("transparansi/data.csv", views_public.public_csv, name="public-csv"),
]
