from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "podium.common"
    label = "common"
