from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "netral.elections"
