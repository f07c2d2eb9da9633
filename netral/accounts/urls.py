from __future__ import annotations

from django.urls import path

from netral.accounts.two_factor import views

app_name = "accounts"

urlpatterns = [
    path("masuk/kode/", views.verify, name="two-factor-verify"),
    path("staf/keamanan/", views.security, name="security"),
    path("staf/keamanan/daftar/", views.enrol, name="two-factor-enrol"),
    path("staf/keamanan/kode-cadangan/", views.backup_codes, name="two-factor-codes"),
    path("staf/keamanan/nonaktifkan/", views.disable, name="two-factor-disable"),
]
