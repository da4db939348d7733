from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "podium.publications"
    label = "publications"
