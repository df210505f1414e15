from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Stridewise"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.autoreload import file_changed

        from tracker import flagstore, i18n

        flagstore.connect_signals()  # every write to a log makes its stored flags stale
        # A catalogue compiled while the development server runs: Django reloads its
        # translations, and the renderings kept per language go with them.
        file_changed.connect(i18n.catalogue_changed, dispatch_uid="stridewise-catalogues")
