"""Plotly figures for briefs and pages, built from analysis results (no I/O)."""

from __future__ import annotations

import datetime as dt
import math

import plotly.graph_objects as go

from peaceops.analytics.theater import LADDER
from peaceops.model import vocabulary as V

LADDER_COLOURS = {
    "none": "#bdbdbd",
    "co_presence": "#9ecae1",
    "coordination": "#4292c6",
    "ad_hoc_exchange": "#fd8d3c",
    "systematic_exchange": "#d94801",
}
_LAYOUT = dict(
    template="plotly_white",
    margin=dict(l=10, r=10, t=40, b=10),
    font=dict(family="system-ui, sans-serif", size=13),
)


def timeline(missions: list[dict], transitions: list[dict], today: dt.date) -> go.Figure:
    """One bar per mission (start → end or today), transitions as arrows between bars."""
    fig = go.Figure()
    rows = {m["id"]: i for i, m in enumerate(missions)}
    for m in missions:
        start = dt.date.fromisoformat(m["start_date"])
        end = dt.date.fromisoformat(m["end_date"]) if m["end_date"] else today
        fig.add_trace(
            go.Bar(
                x=[(end - start).days * 86400000],
                base=[start.isoformat()],
                y=[m["acronym"]],
                orientation="h",
                name=m["organization"].upper(),
                legendgroup=m["organization"],
                showlegend=False,
                marker_color=_colour(m["organization"]),
                hovertemplate=f"{m['acronym']} ({m['organization'].upper()}, {m['kind']})<br>"
                f"{m['start_date']} – {m['end_date'] or 'running'}<extra></extra>",
            )
        )
    for t in transitions:
        if t["from_mission"] in rows and t["to_mission"] in rows and t["date"]:
            names = {m["id"]: m["acronym"] for m in missions}
            fig.add_annotation(
                x=t["date"],
                y=names[t["to_mission"]],
                ax=t["date"],
                ay=names[t["from_mission"]],
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=3,
                arrowwidth=2,
                arrowcolor="#222",
                hovertext=f"{t['kind']} {t['date']}: "
                f"{names[t['from_mission']]} → {names[t['to_mission']]}",
            )
    fig.update_layout(
        **_LAYOUT,
        barmode="overlay",
        height=max(220, 34 * len(missions) + 80),
        xaxis=dict(type="date", title=None),
        yaxis=dict(autorange="reversed", title=None),
        title="Missions and transitions (arrows: handover, re-hatting, succession)",
    )
    return fig


def function_matrix(missions: list[dict]) -> go.Figure:
    """Organizations × functions mandated in the theater (cell = number of missions)."""
    organizations = sorted({m["organization"] for m in missions})
    functions = [f for f in V.FUNCTIONS if any(f in m["functions"] for m in missions)]
    z = [
        [
            sum(1 for m in missions if m["organization"] == o and f in m["functions"])
            for f in functions
        ]
        for o in organizations
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[f.replace("_", " ") for f in functions],
            y=[o.upper() for o in organizations],
            colorscale="Blues",
            showscale=False,
            text=z,
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z} mission(s)<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        height=max(220, 40 * len(organizations) + 140),
        title="Functions mandated in the theater (missions per organization)",
        xaxis=dict(tickangle=-35),
    )
    return fig


def interaction_network(dyads: list[dict]) -> go.Figure:
    """Organizations on a circle; edges coloured by the highest rung of the ladder reached."""
    nodes = sorted({d["organization_a"] for d in dyads} | {d["organization_b"] for d in dyads})
    position = {
        n: (
            math.cos(2 * math.pi * i / max(len(nodes), 1)),
            math.sin(2 * math.pi * i / max(len(nodes), 1)),
        )
        for i, n in enumerate(nodes)
    }
    fig = go.Figure()
    for level in LADDER:
        xs, ys = [], []
        for d in dyads:
            if d["level"] != level:
                continue
            (x0, y0), (x1, y1) = position[d["organization_a"]], position[d["organization_b"]]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=level.replace("_", " "),
                    line=dict(
                        color=LADDER_COLOURS[level],
                        width=1 + 1.5 * LADDER.index(level),
                        dash="dot" if level == "none" else "solid",
                    ),
                    hoverinfo="skip",
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[position[n][0] for n in nodes],
            y=[position[n][1] for n in nodes],
            mode="markers+text",
            text=[n.upper() for n in nodes],
            textposition="top center",
            showlegend=False,
            marker=dict(
                size=22, color=[_colour(n) for n in nodes], line=dict(color="#222", width=1)
            ),
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        height=460,
        title="Interaction network (edge = highest rung of the ladder)",
        xaxis=dict(visible=False, range=[-1.4, 1.4]),
        yaxis=dict(visible=False, range=[-1.3, 1.4], scaleanchor="x"),
        legend=dict(orientation="h", y=-0.05),
    )
    return fig


_PALETTE = [
    "#1f77b4",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#ff7f0e",
    "#d62728",
]
_FIXED = {
    "un": "#4b92db",
    "eu": "#003399",
    "osce": "#2ca02c",
    "nato": "#6b6b6b",
    "au": "#b8860b",
    "ecowas": "#8c564b",
    "fra": "#d62728",
}


def _colour(organization: str) -> str:
    return _FIXED.get(organization) or _PALETTE[sum(map(ord, organization)) % len(_PALETTE)]


def mandate_timeline(mission: dict) -> go.Figure:
    """A mission's functions over time (a function without dates spans the whole mission)."""
    today = dt.date.today()
    start = mission["start_date"]
    end = mission["end_date"] or today.isoformat()
    fig = go.Figure()
    for row in mission["mandate"]:
        f_start = row["start_date"] or start
        f_end = row["end_date"] or end
        days = (dt.date.fromisoformat(f_end) - dt.date.fromisoformat(f_start)).days
        fig.add_trace(
            go.Bar(
                x=[max(days, 1) * 86400000],
                base=[f_start],
                y=[row["function"].replace("_", " ")],
                orientation="h",
                showlegend=False,
                marker_color="#4b92db",
                hovertemplate=f"{row['function']}: {f_start} – {f_end}<br>"
                f"act: {row['act'] or '–'}<extra></extra>",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        height=max(200, 30 * len(mission["mandate"]) + 90),
        barmode="overlay",
        xaxis=dict(type="date"),
        yaxis=dict(autorange="reversed"),
        title="Mandated functions over time",
    )
    return fig


def reach_map(rows: list[dict], label: str) -> go.Figure:
    """Choropleth of mission-years per host country (geometry from the local topojson)."""
    fig = go.Figure(
        go.Choropleth(
            locations=[r["country"] for r in rows],
            z=[r["mission_years"] for r in rows],
            locationmode="ISO-3",
            colorscale="Blues",
            marker_line_color="#666",
            colorbar=dict(title="mission-years"),
            hovertemplate="%{location}: %{z} mission-years<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        height=420,
        title=f"Reach of {label} (mission-years)",
        geo=dict(showframe=False, showcoastlines=False, projection_type="natural earth"),
    )
    return fig


def function_profile(rows: list[dict], label: str) -> go.Figure:
    """Share of an organization's missions per function, with RCA on hover."""
    rows = [r for r in rows if r["missions"]]
    fig = go.Figure(
        go.Bar(
            x=[r["share_missions"] for r in rows],
            y=[r["function"].replace("_", " ") for r in rows],
            orientation="h",
            marker_color="#12355b",
            customdata=[[r["rca"], r["missions"]] for r in rows],
            hovertemplate="%{y}: %{x:.0%} of missions (%{customdata[1]}), RCA %{customdata[0]}"
            "<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        height=max(220, 26 * len(rows) + 90),
        title=f"Function profile of {label} (share of its missions)",
        xaxis=dict(tickformat=".0%"),
        yaxis=dict(autorange="reversed"),
    )
    return fig


def specialization_heatmap(result) -> go.Figure:
    """Organizations × functions, coloured by RCA (1 = average; above 1.5 = specialization)."""
    organizations = sorted(
        o for o, n in result.missions_by_organization.items() if n >= result.min_missions
    )
    matrix = result.matrix()
    functions = [f for f in V.FUNCTIONS if any(f in matrix.get(o, {}) for o in organizations)]
    z = [[matrix[o].get(f, 0.0) for f in functions] for o in organizations]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[f.replace("_", " ") for f in functions],
            y=[f"{o.upper()} ({result.missions_by_organization[o]})" for o in organizations],
            colorscale=[[0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [1, "#08306b"]],
            zmin=0,
            zmax=4,
            text=z,
            texttemplate="%{text}",
            colorbar=dict(title="RCA"),
            hovertemplate="%{y} · %{x}: RCA %{z}<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        height=max(260, 34 * len(organizations) + 160),
        title="Division of labour: revealed comparative advantage by function",
        xaxis=dict(tickangle=-35),
    )
    return fig
