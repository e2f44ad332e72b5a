"""The system of record: a Django app (models, migrations, load/export, queries).

Import ``peaceops.registry.django_setup`` and call ``configure()`` before importing models.
"""
