from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's management command (generate_projects); no models."""

    name = "bench"
