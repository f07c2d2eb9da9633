"""Netral's URLs plus two references served by the same process as the real pages:

- /bench/bare/: the full middleware stack, no database, no template (the issue's reference);
- /bench/floor/: the least any durable, idempotent submission must do (parse the JSON body and
  insert one row keyed by its Idempotency-Key, committed on its own). It bounds what a report
  submission could reach on this machine, whatever Netral does around that insert.
"""

import json

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from netral.urls import urlpatterns as netral_urls


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@csrf_exempt
def floor(request: HttpRequest) -> HttpResponse:
    body = json.loads(request.body)
    with connection.cursor() as cursor:  # autocommit: the INSERT is its own synced commit
        cursor.execute(
            "INSERT INTO bench_floor (key, summary, body) VALUES (%s, %s, %s) "
            "ON CONFLICT (key) DO NOTHING RETURNING id",
            [
                request.headers.get("Idempotency-Key", ""),
                str(body.get("description", ""))[:200],
                request.body.decode(),
            ],
        )
        row = cursor.fetchone()
    return JsonResponse({"receipt": f"floor-{row[0] if row else 0}"}, status=201)


urlpatterns = [path("bench/bare/", bare), path("bench/floor/", floor), *netral_urls]
