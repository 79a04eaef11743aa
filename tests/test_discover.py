from __future__ import annotations

from pathlib import Path

import pytest

from planscan import KeywordSet
from planscan.discover import classify_level, discover, load_manifest
from planscan.errors import ConfigError, InputError


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("kommuneplanens-samfunnsdel-2014-2026", "samfunnsdel"),
        ("Kommuneplan_arealdel_2015", "arealdel"),
        ("økonomiplan 2018-2021", "okonomiplan-4arig"),
        ("okonomiplan-2018-2021", "okonomiplan-4arig"),
        ("Handlingsprogram med økonomiplan 2018–2021 og årsbudsjett 2018", "okonomiplan-4arig"),
        ("arsbudsjett-2018", "okonomiplan-arlig"),
        ("Boligsosial handlingsplan 2016-2020", "temaplan-bolig"),
        ("boligpolitisk-plan", "temaplan-bolig"),
        ("Bustadpolitisk plan for Hemsedal", "temaplan-bolig"),
        ("oppvekstplan-2017", "temaplan-oppvekst"),
        ("folkehelseplan", "temaplan-folkehelse"),
        ("Helse- og omsorgsplan 2017-2027", "temaplan-helse"),
        ("helse-og-omsorgsplan", "temaplan-helse"),
        ("Kommunal planstrategi 2016-2019", "planstrategi"),
        ("referat fra møte", None),
    ],
)
def test_level_from_name_or_title(keywords: KeywordSet, text: str, level: str | None) -> None:
    assert classify_level(text, keywords.levels) == level


def test_folder_layout_gives_municipality_and_level(keywords: KeywordSet, tree: Path) -> None:
    refs = discover([tree], keywords)
    found = [(r.municipality, r.path.name if r.path else None, r.level) for r in refs]
    assert found == [
        ("Alfa", "boligsosial-handlingsplan.pdf", "temaplan-bolig"),
        ("Alfa", "kommuneplanens-samfunnsdel.docx", "samfunnsdel"),
        ("Beta", "arealdel-nettside.pdf", "arealdel"),
        ("Beta", "dokument-2017.pdf", None),  # the title decides, after extraction
        ("Beta", "notat.pdf", None),
    ]  # no ~$ lock file, no .txt


def test_a_file_directly_in_the_root_belongs_to_the_roots_name(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    folder = tmp_path / "Sortland"
    folder.mkdir()
    (folder / "planstrategi.pdf").write_bytes(b"%PDF-1.4")
    [ref] = discover([folder], keywords)
    assert (ref.municipality, ref.level) == ("Sortland", "planstrategi")
    [ref] = discover([folder / "planstrategi.pdf"], keywords)
    assert ref.municipality == "Sortland"


def test_missing_path_is_an_input_error(keywords: KeywordSet, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        discover([tmp_path / "nope"], keywords)


def test_manifest(keywords: KeywordSet, tmp_path: Path) -> None:
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans:\n"
        "  - municipality: Sortland\n"
        "    level: samfunnsdel\n"
        "    path: sortland/samfunnsdel.pdf\n"
        "    url: https://example.org/s.pdf\n"
        "    title: Kommuneplanens samfunnsdel 2014–2026\n"
        "  - municipality: Vågan\n"
        "    level: temaplan-bolig\n",
        encoding="utf-8",
    )
    first, second = load_manifest(manifest, keywords)
    assert first.path == tmp_path / "sortland" / "samfunnsdel.pdf"
    assert (first.municipality, first.level, first.level_source) == (
        "Sortland",
        "samfunnsdel",
        "manifest",
    )
    assert first.url == "https://example.org/s.pdf"
    assert first.title == "Kommuneplanens samfunnsdel 2014–2026"
    assert (second.municipality, second.level, second.path) == ("Vågan", "temaplan-bolig", None)


def test_manifest_problems_all_reported_with_positions(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans:\n"
        "  - municipality: Sortland\n"
        "    level: boligplan\n"
        "  - municipality: Vågan\n"
        "    lvl: samfunnsdel\n"
        "  - municipality: no\n"
        "    level: arealdel\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_manifest(manifest, keywords)
    assert str(info.value).splitlines() == [
        f"{manifest}:3:12: plan 1: level 'boligplan' is not in the keywords file; use one of:"
        " samfunnsdel, arealdel, okonomiplan-4arig, okonomiplan-arlig, temaplan-bolig,"
        " temaplan-oppvekst, temaplan-folkehelse, temaplan-helse, planstrategi",
        f"{manifest}:4:5: plan 2 is missing the required key 'level'",
        f"{manifest}:5:5: unknown key 'lvl' in plan 2; expected one of: municipality, level,"
        " path, url, title",
        f"{manifest}:6:19: plan 3: municipality: 'no' is read as the boolean false by YAML;"
        ' put it in quotes: "no"',
    ]
