from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "podium.archive"
    label = "archive"
    verbose_name = "Archive"

    def ready(self) -> None:
        from podium.archive import signals  # noqa: F401  (connects the index hooks)
