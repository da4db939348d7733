from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "podium.briefs"
    label = "briefs"
