"""Crosswalks from other vocabularies to the register's: small tables written by hand, each
entry checked against its source. Changing one changes what imports write: say why in
docs/decisions.md.
"""

from __future__ import annotations

import re

from peaceops.importers.matching import normalize

# OECD DAC 5-digit purpose codes (IATI codelist "Sector", vocabulary 1) → function area.
# Checked against the names and descriptions of the IATI Sector codelist (version 2.03,
# IATI/IATI-Codelists-NonEmbedded xml/Sector.xml, CC BY 4.0). Only active codes whose
# description is one function of the register are mapped.
DAC_SECTOR_FUNCTIONS: dict[str, str] = {
    # 152 Conflict, peace & security
    "15210": "ssr",  # Security system management and reform
    "15220": "mediation",  # Civilian peace-building, conflict prevention and resolution
    "15240": "ddr",  # Reintegration and SALW control
    "15250": "mine_action",  # Removal of land mines and explosive remnants of war
    "15261": "ddr",  # Child soldiers (prevention and demobilisation): DDR of child soldiers
    # 151 Government & civil society
    "15130": "rule_of_law",  # Legal and judicial development
    "15131": "rule_of_law",  # Justice, law and order policy, planning and administration
    "15132": "police",  # Police
    "15134": "rule_of_law",  # Judicial affairs
    "15137": "rule_of_law",  # Prisons (corrections support)
    "15151": "electoral_support",  # Elections
    "15160": "human_rights",  # Human rights
}
# Codes in the peace-and-security range that deliberately map to no single function.
DAC_SECTOR_UNMAPPED_REASONS: dict[str, str] = {
    "15230": "participation in international peacekeeping operations: the DAC description "
    "covers several functions (monitoring, DDR, elections, mine clearance...)",
    "15110": "public sector policy: not a peace-operation function",
    "15161": "withdrawn code (use 15151)",
    "15162": "withdrawn code (use 15160)",
}

# IATI organisation identifiers (or prefixes) of register organizations that the general rule
# below cannot find. XI-IATI-EC_* are the European Commission's services (FPI, INTPA, NEAR,
# ECHO, DEVCO) as registered with IATI: their funding is the EU's.
IATI_ORGANISATION_PREFIXES: dict[str, str] = {"XI-IATI-EC_": "eu", "XI-IATI-EC": "eu"}
# IATI organisation type 10 = Government: a government body whose identifier starts with an
# ISO 3166-1 alpha-2 prefix (GB-GOV-1, NZ-1, SE-0, DE-1) is that state's.
IATI_GOVERNMENT_TYPE = "10"
# IATI transaction types that move money from provider to receiver (TransactionType codelist):
# 1 Incoming Funds, 2 Outgoing Commitment, 3 Disbursement, 4 Expenditure, 11 Incoming
# Commitment. Pledges (12, 13) are intentions, repayments and equity (5-10) are not funding.
IATI_FUNDING_TRANSACTIONS: dict[str, str] = {
    "1": "incoming funds",
    "2": "outgoing commitment",
    "3": "disbursement",
    "4": "expenditure",
    "11": "incoming commitment",
}

# HXL #sector values (codes or names, normalized) → function area. 3W files mostly list
# humanitarian clusters (WASH, nutrition, health...), which are aid delivered, not functions
# of a peace operation; those stay unmapped. The register's own function codes map to
# themselves (so that an HXL export reads back).
_HXL_SECTOR_WORDS: dict[str, str] = {
    "mine action": "mine_action",
    "demining": "mine_action",
    "humanitarian mine action": "mine_action",
    "human rights": "human_rights",
    "rule of law": "rule_of_law",
    "justice": "rule_of_law",
    "elections": "electoral_support",
    "electoral support": "electoral_support",
    "electoral assistance": "electoral_support",
    "ddr": "ddr",
    "disarmament demobilization and reintegration": "ddr",
    "disarmament demobilisation and reintegration": "ddr",
    "ssr": "ssr",
    "security sector reform": "ssr",
    "police": "police",
    "mediation": "mediation",
    "peacebuilding": "mediation",
    "border management": "border_management",
    "protection of civilians": "protection_of_civilians",
}


def hxl_sector_function(value: str, functions) -> str | None:
    text = value.strip()
    code = text.lower().replace("-", "_").replace(" ", "_")
    if code in functions:
        return code
    return _HXL_SECTOR_WORDS.get(normalize(re.sub(r"\(.*?\)", "", text)))
