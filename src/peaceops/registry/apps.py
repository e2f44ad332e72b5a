from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "peaceops.registry"
    label = "registry"
    verbose_name = "peaceops register"
    default_auto_field = "django.db.models.BigAutoField"
