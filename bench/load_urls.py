"""Netral's URLs plus /bench/bare/: the full middleware stack, no database, no template."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from netral.urls import urlpatterns as netral_urls


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *netral_urls]
