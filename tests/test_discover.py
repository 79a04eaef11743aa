from __future__ import annotations

from pathlib import Path

import pytest

from planscan import KeywordSet
from planscan.discover import classify_level, discover, load_manifest, not_a_plan
from planscan.errors import ConfigError, InputError
from tests.fixtures.generate import MANIFEST_WITH_PROBLEMS


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
        # Real Buskerud titles and file names (ChristianBHT/Framskrivningsverkt-y, commit
        # 3633798b): a "tekstdel" is the samfunnsdel, a strategy is a housing plan.
        ("3328_aal_kommuneplan_2015-2027_tekstdel", "samfunnsdel"),
        ("Kommuneplan for Ål 2015–2027 Tekstdel", "samfunnsdel"),
        ("Kommuneplanens arealdel 2015-2027", "arealdel"),
        ("3312_lier_helhetlig_boligstrategi_2023-2027", "temaplan-bolig"),
        ("3338_nore-og-uvdal_boligutvikling_2023-2026", "temaplan-bolig"),
        ("Bustadstrategi for Gol", "temaplan-bolig"),
        ("3303_kongsberg_temaplan_skolestruktur_2023-2030", "temaplan-oppvekst"),
        ("3312_lier_handlingsplan_demensomsorg_2025-2029", "temaplan-helse"),
        ("3314_ovre-eiker_strategi_helse_velferd_2025-2035", "temaplan-helse"),
        ("3330_hol_strategi_ehelse_2024-2027", "temaplan-helse"),
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
    manifest.write_text(MANIFEST_WITH_PROBLEMS, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_manifest(manifest, keywords)
    assert str(info.value).splitlines() == [
        f"{manifest}:3:12: plan 1: level 'boligplan' is not in the keywords file; use one of:"
        " samfunnsdel, arealdel, okonomiplan-4arig, okonomiplan-arlig, temaplan-bolig,"
        " temaplan-oppvekst, temaplan-folkehelse, temaplan-helse, planstrategi",
        f"{manifest}:4:5: plan 2 is missing the required key 'level'",
        f"{manifest}:5:5: unknown key 'lvl' in plan 2; expected one of: municipality, level,"
        " path, url, title, period, status, format, found_on, link_text, reason, note, found,"
        " pinned, candidates",
        f"{manifest}:6:19: plan 3: municipality: 'no' is read as the boolean false by YAML;"
        ' put it in quotes: "no"',
    ]


@pytest.mark.parametrize(
    ("texts", "kind"),
    [
        (["3324_gol_planprogram_samfunnsdel_2026-2038"], "planprogram"),
        (["3324_gol_folkehelseprofil_oppsummering_2024"], "folkehelseprofil"),
        (["rapport", "Kunnskapsgrunnlag for boligsosial plan"], "kunnskapsgrunnlag"),
        (["Særutskrift fra kommunestyret"], "særutskrift"),
        (["kommuneplanens-samfunnsdel-2018"], None),
    ],
)
def test_documents_that_are_not_the_plan_of_a_level(
    keywords: KeywordSet, texts: list[str], kind: str | None
) -> None:
    assert not_a_plan(texts, keywords) == kind


def test_nothing_in_a_folder_is_skipped_without_a_word(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    (tmp_path / "Alfa").mkdir()
    (tmp_path / "Alfa" / "planstrategi.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "Alfa" / "lenker.txt").write_text("x", encoding="utf-8")
    (tmp_path / "Alfa" / "~$plan.docx").write_bytes(b"lock")
    (tmp_path / "Alfa" / ".DS_Store").write_bytes(b"")
    (tmp_path / "Alfa" / "gammel.pdf").symlink_to(tmp_path / "finnes-ikke.pdf")
    (tmp_path / "Beta").mkdir()  # an empty municipality folder: a column of x
    (tmp_path / "Gamma").mkdir()
    (tmp_path / "Gamma" / "notat.txt").write_text("x", encoding="utf-8")
    notes: list[str] = []
    refs = discover([tmp_path], keywords, notes)
    # A broken link named like a plan is a document of its own: an error row (issue 20).
    assert [(r.municipality, r.path.name if r.path else None) for r in refs] == [
        ("Alfa", "gammel.pdf"),
        ("Alfa", "planstrategi.pdf"),
        ("Beta", None),
    ]
    assert sorted(notes) == sorted(
        [
            f"{tmp_path / 'Alfa' / '~$plan.docx'}: a Word lock file, not a document; skipped",
            f"{tmp_path}: skipped 2 files: lenker.txt, notat.txt that are not PDF, DOCX or DOC",
            f"{tmp_path}: skipped hidden 1 file: .DS_Store",
            f"{tmp_path / 'Beta'}: an empty folder; its column is x",
            f"{tmp_path / 'Gamma'}: no plan documents (PDF, DOCX or DOC), only other files; not"
            " taken for a municipality",
        ]
    )


def test_an_empty_scan_is_an_input_error(keywords: KeywordSet, tmp_path: Path) -> None:
    import planscan

    (tmp_path / "Alfa").mkdir()
    (tmp_path / "Alfa" / "les-meg.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as info:
        planscan.scan([tmp_path])
    message = str(info.value)
    assert message.startswith(f"nothing to scan: no PDF, DOCX or DOC files in {tmp_path}")
    assert "les-meg.txt" in message


def test_an_empty_municipality_folder_is_a_column_of_x(
    keywords: KeywordSet, tree: Path, tmp_path: Path
) -> None:
    import shutil

    import planscan
    from planscan.models import Status

    root = tmp_path / "scan"
    shutil.copytree(tree / "Alfa", root / "Alfa")
    (root / "Beta").mkdir()
    result = planscan.scan([root])
    assert result.municipalities == ("Alfa", "Beta")
    assert {c.status for c in result.matrix if c.municipality == "Beta"} == {Status.MISSING}
    assert result.notes == (f"{root / 'Beta'}: an empty folder; its column is x",)


def test_a_leading_kommunenummer_names_the_municipality_not_the_folder(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    flat = tmp_path / "buskerud"
    flat.mkdir()
    for name in (
        "3301_drammen_samfunnsdel_2021-2040.pdf",
        "3328_aal_kommuneplan_2015-2027_tekstdel.pdf",
        "3338_nore-og-uvdal_boligutvikling_2023-2026.pdf",
        "planstrategi.pdf",
    ):
        (flat / name).write_bytes(b"%PDF-1.4")
    found = [(r.municipality, r.level) for r in discover([flat], keywords)]
    assert found == [
        ("Drammen", "samfunnsdel"),
        ("Ål", "samfunnsdel"),
        ("Nore og Uvdal", "temaplan-bolig"),
        ("buskerud", "planstrategi"),  # no number, and no municipality called so: the folder
    ]
    [ref] = discover([flat / "3328_aal_kommuneplan_2015-2027_tekstdel.pdf"], keywords)
    assert ref.municipality == "Ål"


def test_folders_named_by_a_municipality_in_any_spelling_show_its_proper_name(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    for folder in ("vagan", "1804", "Fauske", "Testby"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "planstrategi.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "kommuner" / "sortland").mkdir(parents=True)
    refs = discover([tmp_path / "kommuner", *sorted(tmp_path.glob("[!k]*"))], keywords)
    assert [r.municipality for r in refs] == ["Sortland", "Bodø", "Fauske", "Testby", "Vågan"]


def test_the_manifest_names_municipalities_by_name_or_number(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans:\n"
        "  - {municipality: vagan, level: planstrategi}\n"
        "  - {municipality: '3301', level: planstrategi}\n"
        "  - {municipality: Herøy, level: planstrategi}\n"  # two of them: as written
        "  - {municipality: Bydel Frogner, level: planstrategi}\n",
        encoding="utf-8",
    )
    names = [ref.municipality for ref in load_manifest(manifest, keywords)]
    assert names == ["Vågan", "Drammen", "Herøy", "Bydel Frogner"]


def test_the_searched_list_of_a_find_manifest(keywords: KeywordSet, tmp_path: Path) -> None:
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans: []\n"
        "searched:\n"
        "  - {municipality: Ål, level: arealdel, result: not-found, searched: '2026-12-04'}\n"
        "  - {municipality: Ål, level: planstrategi, result: not-searched, message: HTTP 403}\n"
        "  - {municipality: Ål, level: samfunnsdel, result: lost}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_manifest(manifest, keywords)
    assert str(caught.value) == (
        f"{manifest}:5:52: searched 3: result must be one of: not-found, not-searched"
    )
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("lost", "not-found"))
    refs = load_manifest(manifest, keywords)
    assert [(r.level, r.path, r.url, r.not_searched) for r in refs] == [
        ("arealdel", None, None, None),
        ("planstrategi", None, None, "HTTP 403"),
        ("samfunnsdel", None, None, None),
    ]


def test_a_searched_entry_with_an_unknown_level_names_the_levels(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    """The searched list's levels are checked as the plans' are, with the same message."""
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans: []\nsearched:\n  - {municipality: Ål, level: boligplan, result: not-found}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_manifest(manifest, keywords)
    assert str(caught.value) == (
        f"{manifest}:3:31: searched 1: level 'boligplan' is not in the keywords file; use one of:"
        " samfunnsdel, arealdel, okonomiplan-4arig, okonomiplan-arlig, temaplan-bolig,"
        " temaplan-oppvekst, temaplan-folkehelse, temaplan-helse, planstrategi"
    )
