"""Server-rendered pages. Each view parses the request, makes façade calls, and renders either
the page or, with ``?format=json``, its JSON twin (the same data, one envelope)."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from peaceops.errors import InvalidArgument, NotFound, PeaceOpsError
from peaceops.model import vocabulary as V
from peaceops.web.auth import registry_for

PAGE_SIZE = 50


def _respond(request, template: str, data: dict, *, title: str, figures=None, status: int = 200):
    """Render the page, or its JSON twin. ``figures`` is a callable returning plotly figures;
    it runs only for HTML and its JSON is memoized per page until the register changes."""
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"ok": status < 400, "data": data},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )

    def render_figures() -> dict[str, str]:
        # "</" would end the <script type="application/json"> block early
        return {k: f.to_json().replace("</", "<\\/") for k, f in figures().items()}

    rendered = (
        registry_for(request).memo(("figures", request.get_full_path()), render_figures)
        if figures
        else {}
    )
    return render(request, template, {**data, "title": title, "figures": rendered}, status=status)


def _error_page(request, status: int, message: str, code: str):
    if request.GET.get("format") == "json" or request.path.startswith("/api/"):
        return JsonResponse(
            {"ok": False, "error": message, "code": code, "errors": []}, status=status
        )
    return render(
        request,
        "peaceops/error.html",
        {"title": f"Error {status}", "message": message},
        status=status,
    )


def _guard(view):
    """Register errors become a clear page (404 for unknown ids), never a stack trace."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            return _error_page(request, 404, str(exc), exc.code)
        except PeaceOpsError as exc:
            return _error_page(request, 400, str(exc), exc.code)

    wrapped.__name__ = view.__name__
    return require_safe(wrapped)


def _int(request, name: str, default: int, low: int, high: int) -> int:
    text = request.GET.get(name, "")
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise InvalidArgument(f"{name} must be a whole number.") from None
    return min(max(value, low), high)


# -- pages ----------------------------------------------------------------------------------


@_guard
def home(request):
    reg = registry_for(request)
    missions = reg.list("missions").records
    points = [
        {
            "id": m["id"],
            "label": m["acronym"] or m["name"],
            "org": m["lead_organization"],
            "lat": m["latitude"],
            "lon": m["longitude"],
            "kind": m["kind"],
            "start": int(m["start_date"][:4]),
            "end": int(m["end_date"][:4]) if m["end_date"] else None,
            "countries": m["host_countries"],
        }
        for m in missions
        if m["latitude"] is not None
    ]
    organizations = sorted({p["org"] for p in points})
    counts = {
        "missions": len(missions),
        "organizations": len(reg.list("organizations")),
        "countries": len(reg.countries()),
        "sources": len(reg.list("sources")),
        "exchanges": len(reg.list("exchanges")),
        "meetings": len(reg.list("meetings")),
    }
    data = {
        "counts": counts,
        "points": points,
        "organizations": organizations,
        "first_year": min(p["start"] for p in points),
        "last_year": reg.snapshot().today.year,
    }
    return _respond(request, "peaceops/home.html", data, title="peaceops")


FACETS = ("lead_organization", "kind", "functions", "host_countries")


@_guard
def mission_list(request):
    reg = registry_for(request)
    filters = {
        k: request.GET.get(k) for k in ("country", "organization", "function", "kind", "year", "q")
    }
    offset = _int(request, "offset", 0, 0, 100_000)
    listing = reg.list("missions", **filters)
    records, total = reg.page(
        "missions",
        sort=request.GET.get("sort") or "start_date",
        limit=PAGE_SIZE,
        offset=offset,
        **filters,
    )
    data = {
        "filters": {k: v for k, v in filters.items() if v},
        "total": total,
        "offset": offset,
        "limit": PAGE_SIZE,
        "missions": records,
        "facets": listing.facets(FACETS),
        "organizations": [(o["id"], o["acronym"]) for o in reg.list("organizations")],
        "functions": list(V.FUNCTIONS),
        "kinds": list(V.MISSION_KINDS),
        "countries": [(c["code"], c["name"]) for c in reg.countries()],
    }
    return _respond(request, "peaceops/missions.html", data, title="Missions")


@_guard
def mission_detail(request, mission_id: str):
    from peaceops.reports import charts

    context = registry_for(request).mission_context(mission_id)
    mission = context["mission"]
    return _respond(
        request,
        "peaceops/mission.html",
        context,
        title=mission["acronym"] or mission["name"],
        figures=(lambda: {"functions": charts.mandate_timeline(mission)})
        if mission["mandate"]
        else None,
    )


@_guard
def organization_list(request):
    records = (
        registry_for(request)
        .list("organizations", kind=request.GET.get("kind"), q=request.GET.get("q"))
        .records
    )
    return _respond(
        request,
        "peaceops/organizations.html",
        {
            "organizations": records,
            "kinds": list(V.ORGANIZATION_KINDS),
            "filters": {k: request.GET.get(k) for k in ("kind", "q") if request.GET.get(k)},
        },
        title="Organizations",
    )


@_guard
def organization_detail(request, organization_id: str):
    from peaceops.reports import charts

    reg = registry_for(request)
    organization = reg.get("organizations", organization_id)
    oid = organization["id"]
    reach = reg.reach_rows(oid)
    profile = [r for r in reg.specialization(min_missions=1).rows if r["organization"] == oid]
    missions = [m for m in reg.list("missions", organization=oid).records]
    theater = [
        {
            "id": m["id"],
            "acronym": m["acronym"] or m["name"],
            "organization": m["lead_organization"],
            "kind": m["kind"],
            "start_date": m["start_date"],
            "end_date": m["end_date"],
            "functions": m["functions"],
        }
        for m in missions
    ]
    today = reg.snapshot().today

    def figures():
        drawn = {
            "reach": charts.reach_map(reach, organization["acronym"]),
            "profile": charts.function_profile(profile, organization["acronym"]),
        }
        if theater:
            drawn["missions"] = charts.timeline(theater, [], today)
        return drawn

    return _respond(
        request,
        "peaceops/organization.html",
        {"organization": organization, "reach": reach, "profile": profile, "missions": missions},
        title=organization["name"],
        figures=figures,
    )


@_guard
def country_list(request):
    return _respond(
        request,
        "peaceops/countries.html",
        {"countries": registry_for(request).countries().records},
        title="Countries",
    )


@_guard
def country_detail(request, code: str):
    import datetime as dt

    from peaceops.reports import charts

    view = registry_for(request).country_view(code, request.GET.get("period"))
    today = dt.date.today()

    def figures():
        return {
            "timeline": charts.timeline(view["missions"], view["transitions"], today),
            "matrix": charts.function_matrix(view["missions"]),
            "network": charts.interaction_network(view["interactions"]),
        }

    return _respond(
        request,
        "peaceops/country.html",
        {**view, "top": view["opportunities"][:15]},
        title=f"{view['country']['name']}",
        figures=figures,
    )


@_guard
def analysis(request):
    from peaceops.reports import charts

    params = {
        "kind": request.GET.get("kind") or None,
        "period": request.GET.get("period") or None,
        "region": request.GET.get("region") or None,
        "civilian_functions": request.GET.get("civilian_functions") == "on",
        "min_missions": _int(request, "min_missions", 3, 1, 100),
    }
    result = registry_for(request).specialization(**params)
    data = {
        "params": params,
        "division": result.division_of_labour(),
        "missions_by_organization": result.missions_by_organization,
        "kinds": ["civilian_only", *V.MISSION_KINDS],
        "regions": ["Africa", "America", "Asia", "Europe", "Oceania"],
    }
    return _respond(
        request,
        "peaceops/analysis.html",
        data,
        title="Division of labour",
        figures=lambda: {"heatmap": charts.specialization_heatmap(result)},
    )


@_guard
def source_list(request):
    reg = registry_for(request)
    filters = {k: request.GET.get(k) for k in ("kind", "q")}
    offset = _int(request, "offset", 0, 0, 100_000)
    records, total = reg.page(
        "sources", sort=request.GET.get("sort") or "id", limit=PAGE_SIZE, offset=offset, **filters
    )
    return _respond(
        request,
        "peaceops/sources.html",
        {
            "sources": records,
            "total": total,
            "offset": offset,
            "limit": PAGE_SIZE,
            "kinds": list(V.SOURCE_KINDS),
            "filters": {k: v for k, v in filters.items() if v},
        },
        title="Sources",
    )


@_guard
def source_detail(request, source_id: str):
    reg = registry_for(request)
    source = reg.get("sources", source_id)
    return _respond(
        request,
        "peaceops/source.html",
        {"source": source, "cited_in": reg.citing(source["id"])},
        title=source["document_symbol"] or source["id"],
    )


# -- error pages (no stack trace ever reaches a user) ----------------------------------------


def not_found(request, exception=None):
    return _error_page(request, 404, "This page does not exist.", "not_found")


def server_error(request):
    return _error_page(
        request, 500, "Something went wrong on our side; it has been logged.", "internal_error"
    )


def csrf_failure(request, reason=""):
    from peaceops.web.uploads import refused

    if message := refused(request):  # the body was cut off, so its CSRF token was never read
        return _error_page(request, 413, message, "file_too_large")
    return _error_page(
        request, 403, "This form has expired or was sent from elsewhere; reload it.", "forbidden"
    )


def bad_request(request, exception=None):
    return _error_page(request, 400, "The request could not be understood.", "bad_request")
