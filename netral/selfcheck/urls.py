from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "selfcheck"

urlpatterns: list[URLPattern | URLResolver] = []
