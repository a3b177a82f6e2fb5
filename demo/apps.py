from django.apps import AppConfig


class DemoConfig(AppConfig):
    """German demo content for development and tests; production settings leave it out."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo"
