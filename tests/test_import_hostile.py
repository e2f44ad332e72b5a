"""Hostile files: each is refused with a clear error, writes 0 rows, and the import stays under
256 MiB of memory and 5 seconds.

Each import runs in a fresh child process (``tests/hostile_child.py``) that times the
``import_file`` call and reports the refusal and its own peak resident memory (VmHWM: the whole
process, Python, Django and the register included, so the figure is an upper bound for the
import).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("hostile_child.py")
MEMORY_LIMIT = 256 * 1024 * 1024
TIME_LIMIT = 5.0
HEADER = (
    "id,theater,giver_organization_id,giver_mission_id,receiver_organization_id,"
    "receiver_mission_id,capability,regularity,formality,level,start_date,end_date,"
    "description,source_id,confidence\n"
)


def billion_laughs(path: Path) -> Path:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE iati-activities [\n'
        + "\n".join(entities)
        + '\n]>\n<iati-activities version="2.03"><iati-activity>'
        "<iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>\n",
        encoding="utf-8",
    )
    return path


def external_entity(path: Path) -> Path:
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE iati-activities [\n'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
        '<iati-activities version="2.03"><iati-activity>'
        "<iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>\n",
        encoding="utf-8",
    )
    return path


def _zip_of_zeros(path: Path, megabytes: int) -> Path:
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def zip_bomb_ratio(path: Path) -> Path:
    """50 MiB of zeros in a ~50 KiB workbook: an expansion of ~1000x."""
    return _zip_of_zeros(path, 50)


def zip_bomb_size(path: Path) -> Path:
    """300 MiB uncompressed: beyond the total size accepted, whatever the ratio."""
    return _zip_of_zeros(path, 300)


def zip_bomb_lying(path: Path) -> Path:
    """A directory that declares a few bytes for an entry that inflates to 50 MiB."""
    _zip_of_zeros(path, 50)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Rewrite the uncompressed size in the central directory record (zip64 extra field).
    name = b"xl/worksheets/sheet1.xml"
    index = data.find(b"PK\x01\x02")
    while index != -1:
        name_length = int.from_bytes(data[index + 28 : index + 30], "little")
        if data[index + 46 : index + 46 + name_length] == name:
            extra_length = int.from_bytes(data[index + 30 : index + 32], "little")
            extra = index + 46 + name_length
            cursor = extra
            while cursor < extra + extra_length:
                tag = int.from_bytes(data[cursor : cursor + 2], "little")
                size = int.from_bytes(data[cursor + 2 : cursor + 4], "little")
                if tag == 0x0001:
                    data[cursor + 4 : cursor + 12] = (1000).to_bytes(8, "little")
                cursor += 4 + size
            if int.from_bytes(data[index + 24 : index + 28], "little") != 0xFFFFFFFF:
                data[index + 24 : index + 28] = (1000).to_bytes(4, "little")
        index = data.find(b"PK\x01\x02", index + 4)
    assert info.file_size == 50 << 20
    path.write_bytes(bytes(data))
    return path


def wide_csv(path: Path) -> Path:
    path.write_text(HEADER.strip() + ",x" * 1_000_000 + "\n", encoding="utf-8")
    return path


def wide_csv_5000(path: Path) -> Path:
    path.write_text(HEADER.strip() + ",x" * 5_000 + "\n", encoding="utf-8")
    return path


def long_csv(path: Path) -> Path:
    row = "x,MLI,eu,,un,,funding,,,,,,d,s,high\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for _ in range(20):
            handle.write(row * 50_000)
    return path


def huge_cell_csv(path: Path) -> Path:
    path.write_text(
        HEADER + "a,MLI,eu,,un,,funding,,,,,," + "y" * 100_000 + ",s,high\n", encoding="utf-8"
    )
    return path


def latin1_csv(path: Path) -> Path:
    path.write_bytes(
        (HEADER + "a,CIV,eu,,un,,funding,,,,,,Côte d'Ivoire,s,high\n").encode("latin-1")
    )
    return path


def utf16_csv(path: Path) -> Path:
    path.write_bytes((HEADER + "a,MLI,eu,,un,,funding,,,,,,d,s,high\n").encode("utf-16"))
    return path


def formula_csv(path: Path) -> Path:
    path.write_text(
        HEADER + "a,MLI,eu,,un,,funding,,,,,,\"=cmd|' /C calc'!A0\",s,high\n", encoding="utf-8"
    )
    return path


def formula_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "exchanges"
    sheet.append(HEADER.strip().split(","))
    sheet.append(["a", "MLI", "eu", "", "un", "", "funding", "", "", "", "", "", "=1+2", "s"])
    book.save(path)
    return path


def not_a_zip(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    return path


HOSTILE = {
    "billion_laughs.xml": (billion_laughs, {"unsafe_xml"}),
    "external_entity.xml": (external_entity, {"unsafe_xml"}),
    "zip_bomb_ratio.xlsx": (zip_bomb_ratio, {"unsafe_archive"}),
    "zip_bomb_size.xlsx": (zip_bomb_size, {"unsafe_archive"}),
    "zip_bomb_lying.xlsx": (zip_bomb_lying, {"unsafe_archive", "unreadable_file"}),
    "wide/exchanges.csv": (wide_csv, {"unreadable_file"}),
    "wide5000/exchanges.csv": (wide_csv_5000, {"too_many_columns"}),
    "long/exchanges.csv": (long_csv, {"too_many_rows"}),
    "cell/exchanges.csv": (huge_cell_csv, {"cell_too_long"}),
    "latin1/exchanges.csv": (latin1_csv, {"invalid_encoding"}),
    "utf16/exchanges.csv": (utf16_csv, {"invalid_encoding"}),
    "formula/exchanges.csv": (formula_csv, {"import_failed"}),
    "formula.xlsx": (formula_xlsx, {"import_failed"}),
    "not_a_zip.xlsx": (not_a_zip, {"unreadable_file"}),
}


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> str:
    """A register with the curated data (so that 'writes 0 rows' means something)."""
    import peaceops

    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'register.sqlite3'}"
    peaceops.open(url)
    return url


def run_child(url: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(CHILD), url, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_cheaply_and_writes_nothing(name, register, tmp_path):
    make, codes = HOSTILE[name]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    result = run_child(register, path)
    peak = result["peak_rss"]
    assert result["refused"], result
    assert result["code"] in codes, result
    assert result["message"], result
    assert result["rows_before"] == result["rows_after"]
    assert result["seconds"] < TIME_LIMIT, result
    assert peak < MEMORY_LIMIT, f"{name}: peak RSS {peak / 2**20:.0f} MiB"


def test_formula_cells_are_neutralized_on_export_and_restored_on_import(tmp_path):
    from peaceops.model.cells import looks_like_formula, neutralize, unneutralize

    for text in ("=1+2", "+cmd", "-x", "@SUM(A1)", "'=already"):
        assert not looks_like_formula(neutralize(text))
        assert unneutralize(neutralize(text)) == text
    for number in ("-8.5", "+3", "-12"):
        assert neutralize(number) == number
