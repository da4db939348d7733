from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "podium.accounts"
    label = "accounts"
