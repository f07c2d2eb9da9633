from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "netral.cases"
