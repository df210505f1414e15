from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Stridewise"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tracker import flagstore

        flagstore.connect_signals()  # every write to a log makes its stored flags stale
