from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netral.catalogue import views

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = [
    path("jenis-pelanggaran/", views.violation_list, name="violations"),
]
