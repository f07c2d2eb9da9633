from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netral.selfcheck import views

app_name = "selfcheck"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cek/", views.cek, name="cek"),
]
