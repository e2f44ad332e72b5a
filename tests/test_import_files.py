"""Import of templates, HXL 4W and IATI files on tiny local inputs: dry run, per-row issues,
atomic commit, idempotent re-import, organization matching."""

from __future__ import annotations

import json

import pytest

import peaceops
from peaceops.cli.main import main
from peaceops.importers.limits import UnknownFormat
from peaceops.importers.matching import OrganizationMatcher
from peaceops.imports import ImportFailed


@pytest.fixture
def registry(tmp_path, mini_package):
    """The three-mission fixture plus the curated organizations (for matching)."""
    registry = peaceops.open(f"sqlite:///{tmp_path / 'r.sqlite3'}", load_if_empty=False)
    registry.load(mini_package)
    folder = tmp_path / "eu"
    folder.mkdir()
    (folder / "sources.csv").write_text(
        "id,kind,citation,document_symbol,url,publisher,published,accessed\n"
        "web-eeas-csdp,organization_page,EEAS CSDP page.,,,EEAS,,\n",
        encoding="utf-8",
    )
    (folder / "organizations.csv").write_text(
        "id,acronym,name,kind,scope,source_id\n"
        "eu,EU,European Union,regional,europe,web-eeas-csdp\n",
        encoding="utf-8",
    )
    assert registry.import_file(folder).committed  # a data-package folder without descriptor
    return registry


def xlsx_template(registry, path):
    registry.write_template(path, "xlsx")
    import openpyxl

    return openpyxl.load_workbook(path)


def exchange_row(**changes):
    row = {
        "id": "mli-un-au-test",
        "theater": "MLI",
        "giver_organization_id": "un",
        "giver_mission_id": "",
        "receiver_organization_id": "au",
        "receiver_mission_id": "",
        "capability": "information",
        "regularity": "ad_hoc",
        "formality": "",
        "level": "",
        "start_date": "2013-05-01",
        "end_date": "",
        "description": "A test exchange.",
        "source_id": "s-res-2100-2013",
        "confidence": "medium",
    }
    return {**row, **changes}


def test_template_has_one_sheet_per_resource_and_imports_empty(registry, tmp_path):
    book = xlsx_template(registry, tmp_path / "t.xlsx")
    assert book.sheetnames[0] == "about"
    assert "exchanges" in book.sheetnames and "missions" in book.sheetnames
    header = [c.value for c in next(book["exchanges"].iter_rows())]
    assert header == list(exchange_row())
    report = registry.import_file(tmp_path / "t.xlsx", dry_run=True)
    assert report.ok and report.rows_read == 0 and report.records == {}


def test_dry_run_reports_per_row_issues_and_writes_nothing(registry, tmp_path):
    book = xlsx_template(registry, tmp_path / "t.xlsx")
    book["exchanges"].append(list(exchange_row().values()))
    book["exchanges"].append(
        list(exchange_row(id="bad", receiver_organization_id="unn", theater="Mali").values())
    )
    book.save(tmp_path / "t.xlsx")
    before = registry.counts()
    report = registry.import_file(tmp_path / "t.xlsx", dry_run=True)
    assert not report.ok and registry.counts() == before
    located = {(i.location(), i.code) for i in report.errors}
    assert ("t.xlsx[exchanges]:line 3:receiver_organization_id", "foreign_key") in located
    assert ("t.xlsx[exchanges]:line 3:theater", "pattern") in located
    assert all(i.row == 3 for i in report.errors)
    assert any("did you mean 'un'" in (i.fix or "") for i in report.errors)


def test_a_bad_row_anywhere_writes_nothing(registry, tmp_path):
    book = xlsx_template(registry, tmp_path / "t.xlsx")
    book["sources"].append(["new-source", "study", "A study.", "", "", "", "2020", ""])
    book["exchanges"].append(list(exchange_row(source_id="new-source").values()))
    book["exchanges"].append(list(exchange_row(id="x2", capability="money").values()))
    book.save(tmp_path / "t.xlsx")
    before, version = registry.counts(), registry.version()
    with pytest.raises(ImportFailed) as failed:
        registry.import_file(tmp_path / "t.xlsx")
    assert failed.value.code == "import_failed"
    assert "nothing was written" in failed.value.message
    assert [i.code for i in failed.value.report.errors] == ["enum"]
    assert registry.counts() == before and registry.version() == version


def test_commit_is_one_transaction(registry, tmp_path, monkeypatch):
    from peaceops.registry import writes
    from peaceops.registry.models import Exchange

    book = xlsx_template(registry, tmp_path / "t.xlsx")
    book["sources"].append(["new-source", "study", "A study.", "", "", "", "2020", ""])
    book["exchanges"].append(list(exchange_row(source_id="new-source").values()))
    book.save(tmp_path / "t.xlsx")
    before = registry.counts()
    original = writes._diff

    def fail_on_exchanges(schema, rows, alias):
        if schema.name == "exchanges":
            raise RuntimeError("disk full")
        return original(schema, rows, alias)

    monkeypatch.setattr(writes, "_diff", fail_on_exchanges)
    with pytest.raises(RuntimeError):
        registry.import_file(tmp_path / "t.xlsx")
    assert registry.counts() == before
    assert not Exchange.objects.using(registry.alias).filter(id="mli-un-au-test").exists()


def test_reimport_is_idempotent_and_changes_update_by_key(registry, tmp_path):
    from peaceops.registry.models import AuditEntry

    def imports_audited():
        return list(
            AuditEntry.objects.using(registry.alias)
            .filter(action="import", object_id="exchanges.csv")
            .values_list("actor", "sensitivity")
        )

    path = tmp_path / "exchanges.csv"
    header = ",".join(exchange_row())
    path.write_text(f"{header}\n{','.join(exchange_row().values())}\n", encoding="utf-8")
    assert registry.import_file(path, dry_run=True).ok and imports_audited() == []
    first = registry.import_file(path)
    assert first.records["exchanges"].created == 1
    assert imports_audited() == [("system", "public")]
    version = registry.version()
    second = registry.import_file(path)
    assert second.records["exchanges"].unchanged == 1 and second.changes == 0
    assert registry.version() == version and len(imports_audited()) == 1
    path.write_text(
        f"{header}\n{','.join(exchange_row(description='Changed.').values())}\n", "utf-8"
    )
    third = registry.import_file(path)
    assert third.records["exchanges"].updated == 1 and registry.version() == version + 1
    assert registry.get("exchanges", "mli-un-au-test")["description"] == "Changed."


def test_unknown_csv_is_refused_with_a_hint(registry, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,age\nx,1\n", encoding="utf-8")
    with pytest.raises(UnknownFormat) as refused:
        registry.import_file(path)
    assert "--as" in str(refused.value)


def test_matcher_uses_aliases_prefers_names_and_suggests():
    organizations = [
        {"id": "ecowas", "acronym": "ECOWAS", "name": "Economic Community of West African States"},
        {"id": "au", "acronym": "AU", "name": "African Union"},
        {"id": "lso", "acronym": "LSO", "name": "Lesotho"},
    ]
    aliases = [{"organization_id": "ecowas", "alias": "CEDEAO"}]
    matcher = OrganizationMatcher(organizations, aliases)
    assert matcher.match("cédéao").organization_id == "ecowas"
    assert matcher.match("Economic Community Of West African States*CEDEAO").organization_id == (
        "ecowas"
    )
    assert matcher.match("Union Africaine (AU)").organization_id == "au"
    assert matcher.match("Aga Khan Foundation (Lesotho)").organization_id is None
    missed = matcher.match("Economic Community of West Africa States")
    assert missed.organization_id is None and "ecowas" in missed.suggestion


HXL_4W = """Funder,Implementer,Implementer acronym,Country,Sector,Start,End
#org+funder,#org+impl+name,#org+impl+acronym,#country,#sector,#date+start,#date+end
European Union,African Union,AUC,Mali,Human rights,2014-01-01,2014-12-31
European Union,African Union,AUC,Mali,Health,2014-01-01,2014-12-31
United Nations,Helpful NGO,HN,Mali,WASH,June,
United Nations,United Nations,,Mali,Police,,
"""


def test_hxl_4w_funding_becomes_one_sourced_exchange(registry, tmp_path):
    path = tmp_path / "4w.csv"
    path.write_text(HXL_4W, encoding="utf-8")
    preview = registry.import_file(path, dry_run=True)
    assert preview.kind == "hxl" and preview.ok, preview.errors
    assert preview.records["exchanges"].created == 1
    assert preview.records["organization_aliases"].created == 1  # AUC for the AU
    unmapped = {(u.field, u.value) for u in preview.unmapped}
    assert ("organization", "HN / Helpful NGO") in unmapped
    assert ("sector", "WASH") in unmapped and ("sector", "Health") in unmapped
    assert preview.mapped["sector"]["Human rights"] == "human_rights"
    assert ("date", "June") in unmapped
    assert ("funding", "un to itself") in unmapped
    report = registry.import_file(path)
    (exchange,) = [x for x in registry.list("exchanges").records if x["id"].startswith("hxl-")]
    assert (exchange["giver"], exchange["receiver"], exchange["theater"]) == ("eu", "au", "MLI")
    assert exchange["start_date"] == "2014-01-01" and exchange["sources"] == [report.source_id]
    assert "human_rights" in exchange["description"]
    assert registry.import_file(path).changes == 0


def test_a_contributors_hxl_upload_writes_only_their_exchange(registry, tmp_path):
    from peaceops.model.access import Viewer
    from peaceops.registry.models import AuditEntry, Exchange, OrganizationAlias

    path = tmp_path / "4w.csv"
    path.write_text(HXL_4W, encoding="utf-8")
    eu = registry.for_viewer(Viewer("amina", "eu", "contributor", verified=True))
    report = eu.upload(path, "4w.csv", sensitivity="internal")
    assert report.committed and set(report.records) == {"exchanges"}
    assert report.records["exchanges"].created == 1
    assert any("organization_aliases row(s) derived from the file" in n for n in report.notes)
    assert not OrganizationAlias.objects.using(registry.alias).filter(alias="AUC").exists()
    (exchange,) = Exchange.objects.using(registry.alias).filter(id__startswith="hxl-")
    assert (exchange.origin, exchange.owner_organization_id, exchange.sensitivity) == (
        "contributed",
        "eu",
        "internal",
    )
    assert exchange.source_id is None and "4w.csv" in exchange.evidence
    entry = AuditEntry.objects.using(registry.alias).get(action="import", actor="amina")
    assert entry.after["ids"] == {"exchanges": [exchange.id]}
    assert entry.sensitivity == "internal" and entry.owner_organization == "eu"
    assert exchange.id not in {x["id"] for x in registry.list("exchanges")}  # not public
    assert exchange.id in {x["id"] for x in eu.list("exchanges")}


IATI = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" xmlns:x="http://example.org/x">
 <iati-activity x:extra="ignored" default-currency="EUR">
  <iati-identifier>XI-IATI-EC_FPI-1</iati-identifier>
  <reporting-org ref="XI-IATI-EC_FPI" type="15"><narrative>EC FPI</narrative></reporting-org>
  <title><narrative>Support to mediation</narrative></title>
  <participating-org ref="XI-IATI-EC_FPI" role="1"><narrative>EC FPI</narrative></participating-org>
  <participating-org role="4"><narrative>Somebody Else</narrative></participating-org>
  <recipient-country code="ML"/>
  <sector code="15220" vocabulary="1"/>
  <sector code="11110" vocabulary="1"/>
  <transaction>
   <transaction-type code="3"/><transaction-date iso-date="2015-03-01"/>
   <value currency="EUR">1000</value>
   <provider-org ref="XI-IATI-EC_FPI"/>
   <receiver-org><narrative>African Union</narrative></receiver-org>
  </transaction>
  <transaction>
   <transaction-type code="12"/><transaction-date iso-date="2015-03-01"/>
   <value>5</value><provider-org ref="XI-IATI-EC_FPI"/>
   <receiver-org><narrative>African Union</narrative></receiver-org>
  </transaction>
  <transaction>
   <transaction-type code="3"/><transaction-date iso-date="2015-04-01"/>
   <value>7</value><provider-org ref="XI-IATI-EC_FPI"/>
  </transaction>
 </iati-activity>
 <iati-activity>
  <iati-identifier>GB-GOV-1-2</iati-identifier>
  <reporting-org ref="GB-GOV-1" type="10"><narrative>FCDO</narrative></reporting-org>
  <recipient-region code="298"/>
  <transaction>
   <transaction-type code="3"/><transaction-date iso-date="2016-01-01"/>
   <value currency="GBP">9</value><provider-org ref="GB-GOV-1"/>
   <receiver-org><narrative>United Nations</narrative></receiver-org>
  </transaction>
 </iati-activity>
</iati-activities>
"""


def test_iati_transactions_become_funding_exchanges(registry, tmp_path):
    path = tmp_path / "activities.xml"
    path.write_text(IATI, encoding="utf-8")
    report = registry.import_file(path)
    assert report.kind == "iati" and report.committed and report.rows_read == 2
    assert report.records["exchanges"].created == 1
    (exchange,) = [x for x in registry.list("exchanges").records if x["id"].startswith("iati-")]
    assert (exchange["giver"], exchange["receiver"], exchange["theater"]) == ("eu", "au", "MLI")
    assert (
        exchange["start_date"] == "2015-03-01" and "15220 -> mediation" in exchange["description"]
    )
    unmapped = {(u.field, u.value): u for u in report.unmapped}
    assert ("sector", "11110") in unmapped
    assert ("transaction", "no receiver-org") in unmapped
    assert ("organization", "Somebody Else") in unmapped
    assert any(k[0] == "country" and k[1].startswith("region 298") for k in unmapped)
    assert any("type 12" in note for note in report.notes)
    assert unmapped[("sector", "11110")].lines == ["XI-IATI-EC_FPI-1"]


def test_iati_1x_is_refused(registry, tmp_path):
    path = tmp_path / "old.xml"
    path.write_text('<iati-activities version="1.05"></iati-activities>', encoding="utf-8")
    with pytest.raises(UnknownFormat, match="only IATI 2.0x"):
        registry.import_file(path)


# -- the command line -------------------------------------------------------------------------


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_dry_run_json_and_commit(registry, tmp_path, capsys):
    path = tmp_path / "activities.xml"
    path.write_text(IATI, encoding="utf-8")
    db = registry.url
    code, out, err = run(
        capsys, "--database", db, "import", str(path), "--dry-run", "--format", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["kind"] == "iati" and report["dry_run"] and not report["committed"]
    assert report["records"]["exchanges"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert "would write 2 new and 0 changed records" in err  # the exchange and its source
    code, out, err = run(capsys, "--database", db, "import", str(path))
    assert code == 0 and "wrote" in err and "Unmapped values" in out


def test_cli_import_failure_prints_error_and_exits_1(registry, tmp_path, capsys):
    path = tmp_path / "exchanges.csv"
    path.write_text(
        ",".join(exchange_row())
        + "\n"
        + ",".join(exchange_row(receiver_organization_id="nobody").values())
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--database", registry.url, "import", str(path))
    assert code == 1
    assert "Error: " in err and "nothing was written" in err
    assert "exchanges.csv:line 2:receiver_organization_id" in out


def test_cli_template_and_filtered_export(registry, tmp_path, capsys):
    code, _, err = run(
        capsys,
        "--database",
        registry.url,
        "template",
        "--as",
        "csv",
        "--output",
        str(tmp_path / "exchanges.csv"),
    )
    assert code == 0
    assert (tmp_path / "exchanges.csv").read_text().startswith("id,theater,giver_organization")
    code, _, err = run(
        capsys,
        "--database",
        registry.url,
        "export",
        "--as",
        "geojson",
        "--country",
        "MLI",
        "--output",
        str(tmp_path / "m.geojson"),
    )
    assert code == 0 and "Wrote 1 file(s)" in err
    features = json.loads((tmp_path / "m.geojson").read_text())["features"]
    assert {f["id"] for f in features} == {"afisma", "minusma"}
    code, _, err = run(capsys, "--database", registry.url, "import", str(tmp_path / "nope.csv"))
    assert code == 1 and err.startswith("Error: ")
