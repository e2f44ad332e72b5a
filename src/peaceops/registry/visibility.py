"""The visibility rules of ``peaceops.model.access`` as database filters, so that lists,
counts, facets and analyses never even load a record the caller may not see."""

from __future__ import annotations

from django.db.models import Q

from peaceops.model.access import Viewer


def visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Q over a SharedRecord (``prefix`` reaches one through a relation, e.g. 'meeting__')."""
    if viewer.is_admin:
        return Q()
    q = Q(**{f"{prefix}sensitivity": "public"})
    if viewer.is_member:
        org = viewer.organization
        q |= Q(**{f"{prefix}sensitivity": "partners"}) & (
            Q(**{f"{prefix}owner_organization_id": org}) | Q(**{f"{prefix}shared_with__id": org})
        )
        if viewer.sees_internal:
            q |= Q(**{f"{prefix}sensitivity": "internal", f"{prefix}owner_organization_id": org})
    return q


def visible(queryset, viewer: Viewer, prefix: str = ""):
    """Filter through a subquery of visible ids, so joins on ``shared_with`` never duplicate
    rows (counts stay counts)."""
    if viewer.is_admin:
        return queryset
    if not prefix:
        model = queryset.model
        ids = model.objects.using(queryset.db).filter(visible_q(viewer)).values("pk")
        return queryset.filter(pk__in=ids)
    relation = prefix.removesuffix("__")
    target = queryset.model._meta.get_field(relation).related_model
    ids = target.objects.using(queryset.db).filter(visible_q(viewer)).values("pk")
    return queryset.filter(**{f"{relation}__in": ids})


def audit_visible_q(viewer: Viewer) -> Q:
    """Audit entries follow the visibility of the record they are about."""
    if viewer.is_admin:
        return Q()
    q = Q(sensitivity="public")
    if viewer.is_member:
        org = viewer.organization
        q |= Q(sensitivity="partners") & (
            Q(owner_organization=org) | Q(shared_with__contains=f",{org},")
        )
        if viewer.sees_internal:
            q |= Q(sensitivity="internal", owner_organization=org)
    return q
