"""Country brief: timeline, function matrix, complementarity, interaction ladder, synergy
opportunities and sources for one theater, as self-contained HTML or as Markdown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from peaceops.analytics.theater import (
    ComplementarityResult,
    InteractionResult,
    SynergyResult,
)
from peaceops.model.countries import country_name
from peaceops.model.snapshot import Snapshot

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Brief:
    country: str
    name: str
    generated: str
    missions: list[dict]
    transitions: list[dict]
    complementarity: ComplementarityResult
    interactions: InteractionResult
    synergy: SynergyResult
    sources: list[dict] = field(default_factory=list)

    @property
    def organizations(self) -> list[str]:
        return sorted({m["organization"] for m in self.missions})


def build_brief(
    snapshot: Snapshot,
    country: str,
    complementarity: ComplementarityResult,
    interactions: InteractionResult,
    synergy: SynergyResult,
) -> Brief:
    mission_ids = {m["id"] for m in complementarity.missions}
    transitions = [
        t
        for t in snapshot.transitions
        if t["from_mission"] in mission_ids or t["to_mission"] in mission_ids
    ]
    cited = set()
    for m in snapshot.missions:
        if m["id"] in mission_ids:
            cited.update(m["sources"])
    for t in transitions:
        cited.update(t["sources"])
    for d in interactions.dyads:
        cited.update(d["sources"])
    for f in snapshot.in_country(country, "frictions"):
        cited.update(f["sources"])
    return Brief(
        country=country,
        name=country_name(country),
        generated=snapshot.today.isoformat(),
        missions=complementarity.missions,
        transitions=transitions,
        complementarity=complementarity,
        interactions=interactions,
        synergy=synergy,
        sources=[s for s in snapshot.sources if s["id"] in cited],
    )


def render_html(brief: Brief, *, top: int = 15) -> str:
    """One HTML file with plotly.js inlined: opens offline, loads nothing from elsewhere."""
    from django.template import Context, Engine
    from plotly.offline import get_plotlyjs

    from peaceops.reports import charts

    today = dt.date.fromisoformat(brief.generated)
    figures = {
        "timeline": charts.timeline(brief.missions, brief.transitions, today),
        "matrix": charts.function_matrix(brief.missions),
        "network": charts.interaction_network(brief.interactions.dyads),
    }
    engine = Engine(dirs=[str(TEMPLATES)], autoescape=True)
    context = Context(
        {
            "brief": brief,
            "plotly_js": get_plotlyjs(),
            # "</" would end the inline script early; JSON allows the escaped form.
            "figures": {k: f.to_json().replace("</", "<\\/") for k, f in figures.items()},
            "opportunities": brief.synergy.opportunities[:top],
        }
    )
    return engine.get_template("brief.html").render(context)


def render_markdown(brief: Brief, *, top: int = 15) -> str:
    lines = [
        f"# Country brief: {brief.name} ({brief.country})",
        "",
        f"Generated {brief.generated} from the peaceops register.",
        "",
        "## Missions",
        "",
        "| mission | organization | kind | start | end | functions |",
        "|---|---|---|---|---|---|",
    ]
    for m in brief.missions:
        lines.append(
            f"| {m['acronym']} | {m['organization'].upper()} | {m['kind']} | "
            f"{m['start_date']} | {m['end_date'] or 'running'} | "
            f"{', '.join(m['functions'])} |"
        )
    lines += ["", "## Transitions", ""]
    lines += [
        f"- {t['date'] or 'date unknown'}: {t['from_mission']} → {t['to_mission']} ({t['kind']})"
        for t in brief.transitions
    ] or ["- none recorded"]
    lines += [
        "",
        "## Functions covered",
        "",
        "| function | organizations | coverage |",
        "|---|---|---|",
    ]
    for c in brief.complementarity.coverage:
        lines.append(
            f"| {c['function']} | {', '.join(o.upper() for o in c['organizations'])} "
            f"| {c['coverage']} |"
        )
    lines += [
        "",
        "## Complementarity of co-present organizations",
        "",
        "| dyad | years together | shared functions | overlap | classification |",
        "|---|---|---|---|---|",
    ]
    for d in brief.complementarity.dyads:
        lines.append(
            f"| {d['organization_a'].upper()}–{d['organization_b'].upper()} | "
            f"{d['co_present_years']} | {', '.join(d['shared_functions']) or '–'} | "
            f"{d['overlap']} | {d['classification']} |"
        )
    lines += [
        "",
        "## Interaction ladder",
        "",
        "| dyad | level | regular meetings | direction | capabilities exchanged | "
        "documented absences |",
        "|---|---|---|---|---|---|",
    ]
    for d in brief.interactions.dyads:
        lines.append(
            f"| {d['organization_a'].upper()}–{d['organization_b'].upper()} | "
            f"{d['level'].replace('_', ' ')} | {'yes' if d['regular_meetings'] else 'no'}"
            f" | {d['direction'] or '–'} | {', '.join(d['capabilities']) or '–'} | "
            f"{', '.join(d['documented_absences']) or '–'} |"
        )
    lines += ["", f"## Synergy opportunities (top {top})", ""]
    lines += [
        f"{o['rank']}. **{o['giver'].upper()} → {o['receiver'].upper()}: "
        f"{o['capability'].replace('_', ' ')}**"
        f"{' for ' + o['function'] if o['function'] else ''} — {o['explanation']}"
        for o in brief.synergy.opportunities[:top]
    ] or ["None found."]
    lines += ["", "## Sources", ""]
    lines += [
        f"- `{s['id']}`: {s['citation']}" + (f" <{s['url']}>" if s["url"] else "")
        for s in brief.sources
    ]
    return "\n".join(lines) + "\n"
