from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from netral.web import views, views_unlock

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("masuk/buka/<str:token>/", views_unlock.unlock, name="login-unlock"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("staf/", views.staff_home, name="staff-home"),
    path("staf/lembaga/", views.institution_list, name="institution-list"),
    path("staf/lembaga/<int:pk>/", views.institution_detail, name="institution-detail"),
    path("staf/audit/", views.audit_log, name="audit-log"),
]
