"""The controlled vocabulary of peaceops.

These tuples are the single definition of every coded value; the data package descriptor
(``datapackage.json``) repeats them as ``enum`` constraints and a test keeps the two equal.
Extend with care and never rename a code silently: ids and codes are cited by users.
"""

from __future__ import annotations

# Mandate functions. The first ten are the comparison set of the civilian crisis-management
# literature (Dijkstra et al. 2018); the rest cover the wider peace-operations mandates.
FUNCTIONS: dict[str, str] = {
    "monitoring": "monitoring and reporting: ceasefires, peace agreements, borders, embargoes",
    "mediation": "mediation, good offices, political dialogue and peace-process support",
    "police": "police support: advising, training, mentoring, executive policing",
    "rule_of_law": "judiciary, prosecution and corrections support",
    "ssr": "security sector reform (institutions and governance of the security sector)",
    "border_management": "border and coast management",
    "ddr": "disarmament, demobilization and reintegration",
    "counter_terrorism": "counter-terrorism and organized-crime support",
    "public_order": "riot and crowd control, public-order policing",
    "armed_forces_support": "training, advising and equipping national armed forces",
    "protection_of_civilians": "protection of civilians",
    "human_rights": "human-rights promotion, monitoring and capacity building",
    "electoral_support": "electoral assistance and security",
    "governance": "civil administration, state authority, institution building",
    "humanitarian_support": "facilitating humanitarian assistance",
    "mine_action": "demining and explosive-hazard management",
    "security_provision": "military security, stabilization, deterrence, enforcement",
    "maritime_security": "counter-piracy and maritime interdiction",
}
CIVILIAN_FUNCTIONS: tuple[str, ...] = tuple(list(FUNCTIONS)[:10])

CAPABILITIES: dict[str, str] = {
    "staff": "personnel seconded or lent to another organization",
    "mission_support": "logistics, life support, transport, security or facilities",
    "equipment": "equipment, vehicles, premises",
    "funding": "money for another organization's mission or projects",
    "political_support": "political and diplomatic backing of another organization's work",
    "information": "intelligence, monitoring and reporting shared with another organization",
}

REGULARITIES = ("ad_hoc", "systematic")
FORMALITIES = ("formal", "informal")
LEVELS = ("strategic", "operational", "tactical")
CONFIDENCES = ("high", "medium", "low")
DATE_PRECISIONS = ("day", "month", "year")

ORGANIZATION_KINDS = ("universal", "regional", "subregional", "alliance", "coalition", "state")
ORGANIZATION_SCOPES = (
    "global",
    "europe",
    "euro_atlantic",
    "eurasia",
    "africa",
    "west_africa",
    "central_africa",
    "east_africa",
    "southern_africa",
    "sahel",
    "americas",
    "asia_pacific",
    "middle_east",
    "national",
)
MISSION_KINDS = ("civilian", "police", "military", "mixed")
SOURCE_KINDS = (
    "un_document",
    "eu_legal_act",
    "osce_document",
    "au_document",
    "ecowas_document",
    "nato_document",
    "government_document",
    "organization_page",
    "study",
    "seed_text",
    "dataset",
    "news",
)
ACT_BODIES = (
    "unsc",
    "unga",
    "un_secretary_general",
    "eu_council",
    "osce_permanent_council",
    "osce_ministerial_council",
    "osce_senior_council",
    "au_psc",
    "au_assembly",
    "ecowas_authority",
    "ecowas_mediation_security_council",
    "nato_nac",
    "g5_sahel_summit",
    "national_government",
    "international_agreement",
    "other",
)
ACT_ACTIONS = (
    "establish",
    "launch",
    "extend",
    "change_mandate",
    "terminate",
    "authorize",
    "welcome",
    "request",
)
PARTNER_ROLES = ("co_lead", "partner", "contributor")
PERSONNEL_CATEGORIES = ("troops", "police", "military_observers", "civilians", "total")
PERSONNEL_MEASURES = ("authorized", "deployed")
TRANSITION_KINDS = ("handover", "rehatting", "succession")
MEETING_KINDS = ("meeting", "liaison", "joint_body", "information_sharing")
INTERACTIONS = ("coordination", "exchange")
FRICTION_KINDS = ("duplication", "competition", "tension")
# Who may see a meeting or exchange record, who may act, and where a record comes from.
SENSITIVITIES = ("public", "partners", "internal")
ROLES = ("viewer", "contributor", "curator", "admin")
ORIGINS = ("curated", "contributed")

# Reference datasets the register is cross-checked against (../shared/data) and what is compared.
REFERENCE_DATASETS = ("un-psdata-pko", "un-psdata-crosswalk", "ipi-missions", "geo-pko")
CROSSCHECK_FIELDS = (
    "identity",
    "presence",
    "start_date",
    "end_date",
    "status",
    "host_countries",
    "headquarters",
    "activity",
)

# Each name here is the enum a data-package field refers to (see datapackage.json "x-vocabulary").
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "function": tuple(FUNCTIONS),
    "capability": tuple(CAPABILITIES),
    "regularity": REGULARITIES,
    "formality": FORMALITIES,
    "level": LEVELS,
    "confidence": CONFIDENCES,
    "date_precision": DATE_PRECISIONS,
    "organization_kind": ORGANIZATION_KINDS,
    "organization_scope": ORGANIZATION_SCOPES,
    "mission_kind": MISSION_KINDS,
    "source_kind": SOURCE_KINDS,
    "act_body": ACT_BODIES,
    "act_action": ACT_ACTIONS,
    "partner_role": PARTNER_ROLES,
    "personnel_category": PERSONNEL_CATEGORIES,
    "personnel_measure": PERSONNEL_MEASURES,
    "transition_kind": TRANSITION_KINDS,
    "meeting_kind": MEETING_KINDS,
    "interaction": INTERACTIONS,
    "friction_kind": FRICTION_KINDS,
    "sensitivity": SENSITIVITIES,
    "role": ROLES,
    "reference_dataset": REFERENCE_DATASETS,
    "crosscheck_field": CROSSCHECK_FIELDS,
}
