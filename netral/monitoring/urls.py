from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netral.monitoring import views

app_name = "monitoring"

urlpatterns: list[URLPattern | URLResolver] = [
    path("staf/pemantauan/", views.queue_page, name="queue"),
    path("staf/pemantauan/paket/", views.batch_take_view, name="batch-take"),
    path("staf/pemantauan/paket/<int:pk>/", views.batch_page, name="batch"),
    path("staf/pemantauan/paket/<int:pk>/lepas/", views.batch_release_view, name="batch-release"),
    path("staf/pemantauan/unggahan/<int:pk>/", views.item_page, name="item"),
    path("staf/pemantauan/unggahan/<int:pk>/tandai/", views.item_mark_view, name="item-mark"),
    path("staf/pemantauan/unggahan/<int:pk>/temuan/", views.item_promote_view, name="promote"),
    path(
        "staf/pemantauan/unggahan/<int:pk>/keluarkan/",
        views.cluster_remove_view,
        name="cluster-remove",
    ),
    path("staf/pemantauan/kelompok/", views.clusters_page, name="clusters"),
    path("staf/pemantauan/akun/", views.accounts_page, name="accounts"),
    path("staf/pemantauan/akun/<int:pk>/asn/", views.account_tie_view, name="account-tie"),
    path("staf/pemantauan/tangkap/", views.capture_page, name="capture"),
    path("staf/pemantauan/tangkapan/<int:pk>/", views.screenshot_view, name="screenshot"),
]
