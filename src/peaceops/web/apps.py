from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "peaceops.web"
    label = "web"
    verbose_name = "peaceops web"
