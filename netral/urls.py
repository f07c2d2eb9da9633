from __future__ import annotations

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from netral.api.errors import not_found_view
from netral.api.urls import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", not_found_view),
    # One login for everyone, /admin/ included: the password at /masuk/ (django-axes), then the
    # second factor; admin's own login form would be a second door.
    path("admin/login/", RedirectView.as_view(pattern_name="web:login", query_string=True)),
    path("admin/", admin.site.urls),
    # Browsers and feed readers ask for /favicon.ico whatever the page names (a 404 otherwise).
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("web/favicon.svg"), permanent=True),
    ),
    # The quiz's public entry: practice, for anyone who types the short address.
    path("kuis/", RedirectView.as_view(pattern_name="prevention:quiz-practice")),
    path("", include("netral.accounts.urls")),
    path("", include("netral.catalogue.urls")),
    path("", include("netral.elections.urls")),
    path("", include("netral.deadlines.urls")),
    path("", include("netral.intake.urls")),
    path("", include("netral.cases.urls")),
    path("", include("netral.registry.urls")),
    path("", include("netral.insights.urls")),
    path("", include("netral.monitoring.urls")),
    path("", include("netral.selfcheck.urls")),
    path("", include("netral.prevention.urls")),
    path("", include("netral.web.urls")),
]
