"""Languages: the choice of language, catalogues complete in nb and nn, numbers and dates,
status words in every language, and the CLI in Norwegian."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from planscan.cli import app
from planscan.errors import InputError
from planscan.i18n import Message, choose_language, get_language, status_of_word
from planscan.models import ScanResult, Status
from tests.conftest import REPO, CliRun
from tests.fixtures.generate import MANIFEST_WITH_PROBLEMS
from tests.goldens import assert_golden

NBSP = "\u00a0"


def catalogues() -> ModuleType:
    """tools/catalogues.py, imported from its file (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("catalogues", REPO / "tools" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogues"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "nb_NO.UTF-8"}, "nb"),
        (None, {"LANG": "no_NO"}, "nb"),
        (None, {"LANG": "nn_NO.UTF-8"}, "nn"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LANG": "nb_NO.UTF-8", "LC_MESSAGES": "nn_NO.UTF-8"}, "nn"),
        (None, {"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "nn_NO", "LANG": "nb_NO"}, "en"),
        (None, {"PLANSCAN_LANG": "nn", "LANG": "nb_NO.UTF-8"}, "nn"),
        (None, {"PLANSCAN_LANG": "", "LANG": "nb_NO.UTF-8"}, "nb"),
        ("en", {"PLANSCAN_LANG": "nn", "LC_ALL": "nb_NO.UTF-8"}, "en"),
    ],
)
def test_language_choice(option: str | None, environ: dict[str, str], expected: str) -> None:
    assert choose_language(option, environ) == expected


def test_an_unknown_planscan_lang_is_an_error() -> None:
    with pytest.raises(InputError, match="PLANSCAN_LANG=se: not a language"):
        choose_language(None, {"PLANSCAN_LANG": "se"})


def test_numbers_percent_and_dates_follow_the_language() -> None:
    nb, nn, en = (get_language(code) for code in ("nb", "nn", "en"))
    assert nb.format_number(12345.678, 1) == f"12{NBSP}345,7"
    assert nn.format_number(0.25, 2) == "0,25"
    assert en.format_number(12345.678, 1) == "12,345.7"
    assert nb.format_integer(41) == "41" and nb.format_integer(1234567) == f"1{NBSP}234{NBSP}567"
    assert nb.format_integer(1094) == "1094" and en.format_integer(1094) == "1094"
    assert nb.format_percent(0.256) == f"26{NBSP}%" and en.format_percent(0.256) == "26%"
    assert nb.format_date(date(2026, 3, 5)) == "5. mars 2026"
    assert nn.format_date(date(2026, 12, 24)) == "24. desember 2026"
    assert en.format_date(date(2026, 3, 5)) == "5 March 2026"


def test_status_words() -> None:
    nb, nn, en = (get_language(code) for code in ("nb", "nn", "en"))
    assert [nb.status_word(s) for s in (Status.GREEN, Status.YELLOW, Status.RED)] == [
        "grønn",
        "gul",
        "rød",
    ]
    assert [nn.status_word(s) for s in (Status.GREEN, Status.YELLOW, Status.RED)] == [
        "grøn",
        "gul",
        "raud",
    ]
    assert nb.status_word(Status.MISSING) == "ikke funnet på nett"
    assert nn.status_word(Status.MISSING) == "ikkje funne på nett"
    assert en.status_label(Status.GREEN) == "● green" and nb.status_label(Status.MISSING) == "x"
    for word, status in [
        ("grønn", Status.GREEN),
        ("Grøn", Status.GREEN),
        ("green", Status.GREEN),
        ("gul", Status.YELLOW),
        ("raud", Status.RED),
        ("RØD", Status.RED),
        ("yellow", Status.YELLOW),
        ("ikke  funnet på nett", Status.MISSING),
    ]:
        assert status_of_word(word) is status, word
    assert status_of_word("blå") is None


def test_every_message_has_its_nb_and_nn_translation() -> None:
    """The check of tools/catalogues.py: nothing missing, stale, fuzzy or with other fields,
    and the .mo files are the .po files compiled."""
    tool = catalogues()
    template = tool.extract()
    current = {language: tool.load(language) for language in tool.LANGUAGES}
    assert tool.problems(template, current) + tool.mo_problems(current) == []
    assert tool.hidden_calls() == []


def test_the_check_catches_a_missing_stale_or_wrong_translation() -> None:
    tool = catalogues()
    template = tool.extract()
    nb, nn = tool.load("nb"), tool.load("nn")
    nb.get("Plan level").string = ""
    nn.get("{path}: no such file").string = "{sti}: fila finst ikkje"
    nn.add("a message nobody uses any more", "ei melding")
    found = tool.problems(template, {"nb": nb, "nn": nn})
    assert found == [
        "nb: no translation of 'Plan level'",
        "nn: '{path}: no such file' has fields ['path'], its translation"
        " '{sti}: fila finst ikkje' has ['sti']",
        "nn: stale message 'a message nobody uses any more' (not in the code)",
    ]
    # A message new in the code, not yet in the catalogues.
    template.add("a new message")
    found = tool.problems(template, {"nb": tool.load("nb"), "nn": tool.load("nn")})
    assert found == [
        "nb: no translation of 'a new message'",
        "nn: no translation of 'a new message'",
    ]


def test_the_catalogues_are_package_data() -> None:
    """A non-editable install carries the .mo files (setuptools' package-data globs)."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["planscan"]
    package = REPO / "src" / "planscan"
    shipped = {path for pattern in globs for path in package.glob(pattern)}
    for language in ("nb", "nn"):
        assert package / "i18n" / "locale" / language / "LC_MESSAGES" / "planscan.mo" in shipped


def scan_examples(*args: str, env: dict[str, str] | None = None) -> CliRun:
    from tests.conftest import working_directory

    with working_directory(REPO):
        result = CliRunner().invoke(
            app, ["scan", "examples/", "--quiet", *args], env={"COLUMNS": "100", **(env or {})}
        )
    return CliRun(result.exit_code, result.stdout, result.stderr, {})


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_matrix_and_legend_in_norwegian(language: str) -> None:
    run = scan_examples("--lang", language)
    assert run.exit_code == 0, run.stderr
    assert_golden(f"examples-matrix-{language}.txt", run.stdout)


def test_the_locale_chooses_the_language() -> None:
    by_option = scan_examples("--lang", "nb")
    by_locale = scan_examples(env={"PLANSCAN_LANG": "", "LANG": "nb_NO.UTF-8"})
    by_variable = scan_examples(env={"PLANSCAN_LANG": "nb", "LANG": "en_GB.UTF-8"})
    assert by_option.stdout == by_locale.stdout == by_variable.stdout
    assert "Plannivå" in by_option.stdout


def test_errors_in_norwegian(tmp_path: Path) -> None:
    missing = tmp_path / "finnes-ikke"
    run = CliRunner().invoke(app, ["scan", str(missing), "--lang", "nn"])
    assert run.exit_code == 2
    assert run.stderr == f"planscan: {missing}: fila eller mappa finst ikkje\n"
    run = CliRunner().invoke(app, ["scan", "examples/"], env={"PLANSCAN_LANG": "se"})
    assert run.exit_code == 2
    assert (
        run.stderr == "planscan: PLANSCAN_LANG=se: not a language planscan speaks (nb, nn or en)\n"
    )


def test_json_is_the_same_in_every_language(tmp_path: Path) -> None:
    outputs = []
    for language in ("nb", "nn", "en"):
        path = tmp_path / f"{language}.json"
        run = scan_examples("--lang", language, "--json", str(path))
        assert run.exit_code == 0
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["matrix"][0]["status"] in {"green", "yellow", "red", "missing"}


def test_csv_for_norwegian_excel(tmp_path: Path) -> None:
    """nb: ; and decimal comma, UTF-8 with BOM; Python's sniffer reads it as columns."""
    path = tmp_path / "matrix.csv"
    run = scan_examples("--lang", "nb", "--csv", str(path), "--csv-scores")
    assert run.exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text, delimiters=";,")
    assert dialect.delimiter == ";"
    rows = list(csv.reader(io.StringIO(text), dialect))
    assert rows[0][:5] == ["nivå", "plannivå", "Fauske", "Fauske (poeng)", "Sortland"]
    bolig = next(row for row in rows if row[0] == "temaplan-bolig")
    vefsn = rows[0].index("Vefsn")
    assert bolig[vefsn] == "grønn"
    score = bolig[vefsn + 1]
    assert "," in score and "." not in score and float(score.replace(",", ".")) > 0
    assert bolig[2] == "ikke funnet på nett" and bolig[3] == ""  # Fauske has no housing plan


def test_csv_dialects_for_scripts(tmp_path: Path) -> None:
    path = tmp_path / "matrix.csv"
    run = scan_examples(
        "--lang", "nb", "--csv", str(path), "--csv-dialect", "rfc4180", "--csv-scores"
    )
    assert run.exit_code == 0
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    bolig = next(row for row in rows if row[0] == "temaplan-bolig")
    vefsn = rows[0].index("Vefsn")
    assert bolig[vefsn] == "grønn" and "." in bolig[vefsn + 1]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_explain_and_hits_in_norwegian(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """explain: the rule, the reasons and the labels of passages in Norwegian; hits too."""
    monkeypatch.chdir(REPO)  # paths as a user in the checkout sees them
    plan = "examples/Vefsn/kommuneplan-samfunnsdel-2015-2027.pdf"
    explained = CliRunner().invoke(
        app, ["explain", plan, "--lang", language], env={"COLUMNS": "100"}
    )
    assert explained.exit_code == 0
    assert_golden(f"explain-vefsn-samfunnsdel-{language}.txt", explained.stdout)
    hits = CliRunner().invoke(
        app, ["hits", plan, "--lang", language, "-t", "vanskeligstilt"], env={"COLUMNS": "100"}
    )
    assert hits.exit_code == 0
    assert " sider · 936 ord " in hits.stdout and " treff" in hits.stdout


def test_hits_csv_follows_the_dialect(tmp_path: Path) -> None:
    """The hits CSV: ; and a byte-order mark for Norwegian Excel, its column ids unchanged."""
    path = tmp_path / "hits.csv"
    run = scan_examples("--lang", "nb", "--csv-hits", str(path))
    assert run.exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["municipality", "level", "path", "status"]
    assert len(rows) > 100 and all(len(row) == len(rows[0]) for row in rows)


def test_notes_and_fail_on_in_norwegian() -> None:
    """The frame of the notes on standard error is Norwegian; --fail-on names its cells."""
    run = scan_examples("--lang", "nn", "--fail-on", "red")
    assert run.exit_code == 1
    lines = run.stderr.splitlines()
    assert "planscan: --fail-on red: 19 celler er på eller under raud:" in lines
    assert "planscan:   Sortland · Kommuneplan – samfunnsdel: x (ikkje funne på nett)" in lines
    assert any(line.startswith("planscan: merk: examples/2021 har sin eigen") for line in lines)


def test_a_message_is_english_text_that_can_be_said_in_norwegian() -> None:
    """The core's text: a plain English str everywhere (JSON, YAML, equality, reader
    processes), said in the reader's language by the renderers, fields inside it too."""
    import pickle

    from planscan.i18n import Message
    from planscan.yamlfile import dump

    inner = Message("{n} pages", n=3)
    message = Message("robots.txt of {host} could not be read: {why}", host="a.no", why=inner)
    assert message == "robots.txt of a.no could not be read: 3 pages"
    assert json.dumps([message]) == '["robots.txt of a.no could not be read: 3 pages"]'
    assert dump({"m": message}) == "m: 'robots.txt of a.no could not be read: 3 pages'\n"
    copy = pickle.loads(pickle.dumps(message))
    assert type(copy) is Message and copy.fields["why"].template == "{n} pages"
    for said in (message, copy):
        assert get_language("nb").say(said) == "robots.txt på a.no kunne ikke leses: 3 sider"
        assert get_language("nn").say(said) == "robots.txt på a.no kunne ikkje lesast: 3 sider"
        assert get_language("en").say(said) == message
    assert get_language("nb").say("plain text") == "plain text"  # not a Message: as it is


# What a scan says about particular files and inputs, in bokmål and nynorsk; English phrases
# that must not leak into either.
SCAN_NOTES = {
    "nb": [
        "planscan: {alfa}/gammel.pdf: en lenke til en fil som ikke finnes",
        "planscan: merk: {alfa}/~$plan.docx: en låsefil fra Word, ikke et dokument; hoppet over",
        "planscan: merk: {root}: hoppet over 2 filer: lenker.txt, notat.txt som ikke er PDF,"
        " DOCX eller DOC",
        "planscan: merk: {root}: hoppet over skjulte 1 fil: .DS_Store",
        "planscan: merk: {root}/Beta: en tom mappe; kolonnen er x",
        "planscan: merk: {root}/Gamma: ingen plandokumenter (PDF, DOCX eller DOC), bare andre"
        " filer; ikke tatt som en kommune",
    ],
    "nn": [
        "planscan: {alfa}/gammel.pdf: ei lenkje til ei fil som ikkje finst",
        "planscan: merk: {alfa}/~$plan.docx: ei låsefil frå Word, ikkje eit dokument; hoppa over",
        "planscan: merk: {root}: hoppa over 2 filer: lenker.txt, notat.txt som ikkje er PDF,"
        " DOCX eller DOC",
        "planscan: merk: {root}: hoppa over skjulte 1 fil: .DS_Store",
        "planscan: merk: {root}/Beta: ei tom mappe; kolonnen er x",
        "planscan: merk: {root}/Gamma: ingen plandokument (PDF, DOCX eller DOC), berre andre"
        " filer; ikkje teken som ein kommune",
    ],
}
ENGLISH_PHRASES = (
    "skipped", "empty folder", "not taken", "does not exist", "lock file", " must ", " not ",
    "unknown", "is missing", "is read as", "put it in quotes", "did you mean", "expected",
)  # fmt: skip


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_what_a_scan_says_about_its_files_in_norwegian(
    docs: dict[str, Path], tmp_path: Path, lang: str
) -> None:
    root = tmp_path / "planer"
    alfa = root / "Alfa"
    alfa.mkdir(parents=True)
    (alfa / "planstrategi.pdf").write_bytes(docs["terms_pdf"].read_bytes())
    (alfa / "lenker.txt").write_text("x", encoding="utf-8")
    (alfa / "~$plan.docx").write_bytes(b"lock")
    (alfa / ".DS_Store").write_bytes(b"")
    (alfa / "gammel.pdf").symlink_to(tmp_path / "finnes-ikke.pdf")
    (root / "Beta").mkdir()
    (root / "Gamma").mkdir()
    (root / "Gamma" / "notat.txt").write_text("x", encoding="utf-8")
    run = CliRunner().invoke(app, ["scan", str(root), "-q", "--no-cache", "--lang", lang])
    assert run.exit_code == 3  # the broken link is a document that could not be read
    assert run.stderr.splitlines() == [
        line.format(root=root, alfa=alfa) for line in SCAN_NOTES[lang]
    ]
    assert not [phrase for phrase in ENGLISH_PHRASES if phrase in run.stderr]


PROBLEMS = {
    "nb": [
        "planscan: {manifest}:3:12: plan 1: nivået 'boligplan' finnes ikke i nøkkelordfilen;"
        " bruk ett av: samfunnsdel, arealdel, okonomiplan-4arig, okonomiplan-arlig,"
        " temaplan-bolig, temaplan-oppvekst, temaplan-folkehelse, temaplan-helse, planstrategi",
        "planscan: {manifest}:4:5: plan 2 mangler den påkrevde nøkkelen 'level'",
        "planscan: {manifest}:5:5: ukjent nøkkel 'lvl' i plan 2; forventet en av: municipality,"
        " level, path, url, title, period, status, format, found_on, link_text, reason, note,"
        " found, pinned, candidates",
        "planscan: {manifest}:6:19: plan 3: municipality: 'no' leses som sannhetsverdien false"
        ' av YAML; sett det i anførselstegn: "no"',
    ],
    "nn": [
        "planscan: {manifest}:3:12: plan 1: nivået 'boligplan' finst ikkje i nøkkelordfila;"
        " bruk eitt av: samfunnsdel, arealdel, okonomiplan-4arig, okonomiplan-arlig,"
        " temaplan-bolig, temaplan-oppvekst, temaplan-folkehelse, temaplan-helse, planstrategi",
        "planscan: {manifest}:4:5: plan 2 manglar den påkravde nøkkelen 'level'",
        "planscan: {manifest}:5:5: ukjend nøkkel 'lvl' i plan 2; venta ein av: municipality,"
        " level, path, url, title, period, status, format, found_on, link_text, reason, note,"
        " found, pinned, candidates",
        "planscan: {manifest}:6:19: plan 3: municipality: 'no' vert lese som sanningsverdien"
        ' false av YAML; set det i hermeteikn: "no"',
    ],
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_problems_in_a_manifest_in_norwegian(tmp_path: Path, lang: str) -> None:
    """Every problem of a manifest, each on its line, with its place, in the reader's
    language; the same file's problems stay English in English."""
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(MANIFEST_WITH_PROBLEMS, encoding="utf-8")
    run = CliRunner().invoke(app, ["scan", "-m", str(manifest)], env={"PLANSCAN_LANG": lang})
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [line.format(manifest=manifest) for line in PROBLEMS[lang]]
    assert not [phrase for phrase in ENGLISH_PHRASES if phrase in run.stderr]
    english = CliRunner().invoke(app, ["scan", "-m", str(manifest), "--lang", "en"])
    assert "plan 2 is missing the required key 'level'" in english.stderr


@pytest.mark.parametrize(
    ("lang", "keywords_problem", "review_problem", "unknown"),
    [
        (
            "nb",
            "version må være et heltall, ikke teksten 'to'",
            "vurdering 1: status 'lilla' er ikke en av green, yellow, red (eller grønn, gul, rød;"
            " nynorsk grøn, gul, raud)\n",
            "ukjent kommune 'Vagn'; mente du Vågan, Berlevåg eller Vanylven?",
        ),
        (
            "nn",
            "version må vere eit heiltal, ikkje teksten 'to'",
            "vurdering 1: status 'lilla' er ikkje ein av green, yellow, red (eller grøn, gul, raud;"
            " bokmål grønn, gul, rød)\n",
            "ukjend kommune 'Vagn'; meinte du Vågan, Berlevåg eller Vanylven?",
        ),
    ],
)
def test_problems_in_keywords_and_review_files_and_names_in_norwegian(
    tmp_path: Path, lang: str, keywords_problem: str, review_problem: str, unknown: str
) -> None:
    keywords = tmp_path / "keywords.yaml"
    keywords.write_text("version: to\nterms: {}\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["scan", "examples/", "-k", str(keywords), "--lang", lang])
    assert run.exit_code == 2
    assert f"planscan: {keywords}:1:10: {keywords_problem}" in run.stderr.splitlines()
    review = tmp_path / "review.yaml"
    review.write_text(
        "reviews:\n  - {municipality: Vefsn, level: temaplan-bolig, status: lilla, by: Kari,"
        " date: 2026-01-05, why: lest}\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke(app, ["scan", "examples/", "--review", str(review), "--lang", lang])
    assert run.exit_code == 2
    assert run.stderr == f"planscan: {review}:2:58: {review_problem}"
    run = CliRunner().invoke(app, ["find", "Vagn", "--lang", lang, "-o", str(tmp_path / "p.yaml")])
    assert (run.exit_code, run.stderr) == (2, f"planscan: {unknown}\n")
    assert not [phrase for phrase in ENGLISH_PHRASES if phrase in run.stderr]


def test_a_plural_message_has_the_form_for_its_number() -> None:
    import pickle

    from planscan.i18n import plural_message

    one = plural_message("{n} file: {names}", "{n} files: {names}", 1, names="a.txt")
    two = plural_message("{n} file: {names}", "{n} files: {names}", 2, names="a.txt, b.jpg")
    assert (one, two) == ("1 file: a.txt", "2 files: a.txt, b.jpg")
    assert get_language("nb").say(one) == "1 fil: a.txt"
    assert get_language("nn").say(pickle.loads(pickle.dumps(two))) == "2 filer: a.txt, b.jpg"


def test_the_check_catches_a_message_written_as_an_f_string(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = catalogues()
    monkeypatch.setattr(tool, "REPO", tmp_path)
    (tmp_path / "core.py").write_text(
        'notes.append(Message(f"{path}: skipped"))\nnotes.append(Message("{path}: ok", path=p))\n',
        encoding="utf-8",
    )
    assert tool.hidden_calls(tmp_path) == ["core.py:1: Message() of an f-string is not extracted"]


DOCUMENT_ERRORS = {
    "nb": (
        "planscan: {folder}/tom-plan.pdf: filen er tom (0 byte); last den ned på nytt",
        "planscan: {folder}/boligplan.pdf: PDF-en er passordbeskyttet; gi --password eller bruk"
        " en ubeskyttet kopi",
        "ingen tekst kunne hentes ut (et skannet dokument uten tekstlag?)",
    ),
    "nn": (
        "planscan: {folder}/tom-plan.pdf: fila er tom (0 byte); last henne ned på nytt",
        "planscan: {folder}/boligplan.pdf: PDF-en er passordverna; gje --password eller bruk ein"
        " uverna kopi",
        "ingen tekst kunne hentast ut (eit skanna dokument utan tekstlag?)",
    ),
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_why_a_document_could_not_be_read_in_norwegian(
    docs: dict[str, Path], tmp_path: Path, lang: str
) -> None:
    """In the document list and on standard error, read afresh or from the cache."""
    empty, encrypted, no_text = DOCUMENT_ERRORS[lang]
    folder = tmp_path / "planer" / "Alfa"
    folder.mkdir(parents=True)
    (folder / "tom-plan.pdf").write_bytes(b"")
    from tests.fixtures import hostile

    hostile_files = hostile.build_hostile(tmp_path / "hostile")
    (folder / "boligplan.pdf").write_bytes(hostile_files["encrypted"].read_bytes())
    (folder / "planstrategi.pdf").write_bytes(docs["scanned_pdf"].read_bytes())
    env = {"PLANSCAN_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "250"}
    args = ["scan", str(tmp_path / "planer"), "--lang", lang]
    for _ in ("read", "from the cache"):
        run = CliRunner().invoke(app, args, env=env)
        assert run.exit_code == 3
        assert run.stderr.splitlines() == [
            encrypted.format(folder=folder),
            empty.format(folder=folder),
        ]
        assert no_text in run.stdout
        said = run.stdout + run.stderr
        assert not [p for p in ("empty", "password-protected", "no text", "extracted") if p in said]


@pytest.mark.parametrize(
    ("lang", "applied", "stale"),
    [
        (
            "nb",
            "gul satt av Kari 2026-01-05 (beregnet: grønn)",
            "vurdering ikke brukt: vurderingen sier ikke hvilket dokument som ble lest, og cellen"
            " har nå ett; les det og legg til sha256: ",
        ),
        (
            "nn",
            "gul sett av Kari 2026-01-05 (rekna ut: grøn)",
            "vurdering ikkje brukt: vurderinga seier ikkje kva dokument som vart lese, og cella"
            " har no eitt; les det og legg til sha256: ",
        ),
    ],
)
def test_a_reviews_outcome_in_norwegian(
    examples_result: ScanResult, tmp_path: Path, lang: str, applied: str, stale: str
) -> None:
    sha = examples_result.cell("Vefsn", "temaplan-bolig").documents
    doc = next(d for d in examples_result.documents if d.path == sha[0])
    review = tmp_path / "review.yaml"
    review.write_text(
        "reviews:\n"
        "  - {municipality: Vefsn, level: temaplan-bolig, status: gul, by: Kari,"
        f" date: 2026-01-05, why: lest, sha256: {doc.sha256}}}\n"
        "  - {municipality: Vefsn, level: planstrategi, status: gul, by: Kari,"
        " date: 2026-01-05, why: lest}\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke(
        app, ["scan", "examples/", "--review", str(review), "--lang", lang], env={"COLUMNS": "200"}
    )
    assert applied in run.stdout
    assert f"planscan: {review}:3:5: {stale}" in run.stderr
    assert "set by" not in run.stdout and "does not say" not in run.stderr


def test_a_message_read_back_as_text_is_still_said_in_norwegian() -> None:
    """Text a Message made, stored (cache, store index, manifest) and read back as a str:
    the message is found by its words, its fields taken from the text; other text is left
    as it is, names included."""
    nb, nn = get_language("nb"), get_language("nn")
    stored = "HTTP 500 Internal Server Error; the copy fetched 2026-01-05T10:00:00Z is kept"
    assert nb.say(stored) == (
        "HTTP 500 Internal Server Error; kopien hentet 2026-01-05T10:00:00Z beholdes"
    )
    nested = (
        "searched 12 pages of www.al.kommune.no: no Temaplan bolig; stopped early: the page"
        " budget (200 pages) ran out"
    )
    assert nn.say(nested) == (
        "søkte i 12 sider av www.al.kommune.no: ingen Temaplan bustad; stoppa tidleg:"
        " sidebudsjettet (200 sider) er brukt opp"
    )
    placed = "https://a.no/: robots.txt of a.no does not allow planscan to read https://a.no/"
    assert nb.say(placed) == (
        "https://a.no/: robots.txt på a.no tillater ikke planscan å lese https://a.no/"
    )
    assert nb.say("green set by Kari and Ola on 2026-01-05 (computed: red)") == (
        "grønn satt av Kari and Ola 2026-01-05 (beregnet: rød)"
    )
    for text in ("Kari and Ola", "plan: see the appendix", "Bustadpolitisk plan 2025-2030"):
        assert nb.say(text) == nn.say(text) == text
    assert get_language("en").say(stored) == stored


def test_the_progress_bars_in_norwegian() -> None:
    from rich.console import Console

    from planscan.report.terminal import FindProgress, make_progress

    progress, _, _ = make_progress(Console(), get_language("nb"))
    assert [task.description for task in progress.tasks] == ["dokumenter", "sider"]
    finding = FindProgress(Console(force_terminal=True), get_language("nn"))
    with finding:
        finding.event("Ål", Message("{n} pages read", n=12))
        assert [task.fields["what"] for task in finding.bar.tasks] == ["12 sider lesne"]


def test_plan_levels_are_named_in_the_readers_language(tmp_path: Path) -> None:
    # The shipped levels' labels are in the catalogues (tools/catalogues.py reads them from
    # keywords.yaml); a keywords file of the user's own keeps its labels as written.
    from planscan.keywords import load_keywords
    from planscan.report.legend import level_label

    levels = {level.id: level for level in load_keywords(None).levels}
    nn, nb, en = get_language("nn"), get_language("nb"), get_language("en")
    assert level_label(levels["temaplan-bolig"], nn) == "Temaplan bustad"
    assert level_label(levels["okonomiplan-arlig"], nn) == "Økonomiplan årleg / årsbudsjett"
    assert level_label(levels["temaplan-bolig"], nb) == "Temaplan bolig"
    assert level_label(levels["temaplan-bolig"], en) == "Temaplan bolig"
    own = replace(levels["temaplan-bolig"], label="Bustadplan for Ål")
    assert level_label(own, nn) == level_label(own, nb) == "Bustadplan for Ål"
