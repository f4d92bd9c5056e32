"""The bundled templates: reproducible from their blueprints, true to the models."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from forms.blueprints import BLUEPRINTS, make_templates
from forms.contract import TEMPLATE_MODELS, check_folder, check_template

BUNDLED = Path(__file__).resolve().parents[2] / "forms" / "templates"
WRONG_WORDS = (
    "小区戒毒", "小区康复", "旳", "家眷", "局限性", "都市街道", "合用对象",
    "体现状况", "汇报", "防止宣传",
)  # fmt: skip


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_committed_templates_match_their_blueprints(tmp_path: Path) -> None:
    make_templates(tmp_path)
    for name in BLUEPRINTS:
        fresh = _parts((tmp_path / f"{name}.docx").read_bytes())
        committed = _parts((BUNDLED / f"{name}.docx").read_bytes())
        assert fresh == committed, (
            f"{name}.docx differs: run `rehab-archive templates make`"
        )


def test_generation_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    make_templates(tmp_path / "a", ["registration"])
    make_templates(tmp_path / "b", ["registration"])
    a = (tmp_path / "a" / "registration.docx").read_bytes()
    assert a == (tmp_path / "b" / "registration.docx").read_bytes()


def test_every_entry_name_has_a_template() -> None:
    assert set(BLUEPRINTS) == set(TEMPLATE_MODELS)
    assert {p.stem for p in BUNDLED.glob("*.docx")} == set(BLUEPRINTS)


def test_bundled_templates_keep_the_contract() -> None:
    assert [m.message() for m in check_folder(BUNDLED)] == []


def _replace_in_body(data: bytes, old: str, new: str) -> bytes:
    parts = _parts(data)
    body = parts["word/document.xml"].decode()
    assert old in body
    parts["word/document.xml"] = body.replace(old, new, 1).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return out.getvalue()


def test_a_planted_wrong_placeholder_is_named_with_the_nearest_field() -> None:
    data = (BUNDLED / "registration.docx").read_bytes()
    planted = _replace_in_body(data, "{{ doc.drug_types }}", "{{ doc.drug_type }}")
    mismatches = check_template("registration", planted)
    unknown = [m for m in mismatches if m.problem == "unknown"]
    assert [(m.placeholder, m.nearest) for m in unknown] == [
        ("doc.drug_type", "doc.drug_types")
    ]
    missing = [m.placeholder for m in mismatches if m.problem == "missing"]
    assert missing == ["doc.drug_types"]


def test_a_wrong_loop_variable_field_is_found() -> None:
    data = (BUNDLED / "test_log.docx").read_bytes()
    planted = _replace_in_body(data, "{{ t.report_number }}", "{{ t.report_no }}")
    found = [(m.placeholder, m.nearest) for m in check_template("test_log", planted)]
    assert ("t.report_no", "t.report_number") in found


@pytest.mark.parametrize("name", sorted(BLUEPRINTS))
def test_no_wrong_word_in_any_template(name: str) -> None:
    body = _parts((BUNDLED / f"{name}.docx").read_bytes())["word/document.xml"]
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body.decode()))
    assert [w for w in WRONG_WORDS if w in text] == []


def test_every_run_names_its_east_asian_face() -> None:
    for path in BUNDLED.glob("*.docx"):
        body = _parts(path.read_bytes())["word/document.xml"].decode()
        fonts = re.findall(r"<w:rFonts [^>]*/>", body)
        assert fonts and all("w:eastAsia=" in f for f in fonts), path.name


def test_pages_are_a4_with_gb_t_9704_margins() -> None:
    body = _parts((BUNDLED / "decision.docx").read_bytes())["word/document.xml"]
    text = body.decode()
    assert 'w:w="11906"' in text and 'w:h="16838"' in text
    # 37 mm top, 35 mm bottom, 28 mm left, 26 mm right, in twips
    for side, twips in (
        ("top", 2098),
        ("bottom", 1984),
        ("left", 1587),
        ("right", 1474),
    ):
        assert f'w:{side}="{twips}"' in text
