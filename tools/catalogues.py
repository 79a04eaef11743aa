"""The message catalogues: extract every message from planscan's code, update the nb and nn
.po files, compile the .mo files the package reads at run time (stdlib gettext).

    python tools/catalogues.py          # update locale/{nb,nn}/LC_MESSAGES/planscan.po, compile
    python tools/catalogues.py --check  # exit 1, naming each message that lacks nb or nn,
                                        # is stale, has other {fields}, or a .mo not compiled

Babel reads, writes and compiles the catalogues here (a test-extra dependency); planscan
itself never imports it. Messages are found where the code calls `_`, `gettext`,
`ngettext`, `pgettext` (a Language's methods), makes a `Message` or marks them with `N_`.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src" / "planscan"
LOCALE = SOURCE / "i18n" / "locale"
DOMAIN = "planscan"
LANGUAGES = ("nb", "nn")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
    "Message": None,  # planscan.i18n.Message: the core's text, said later in a language
    "plural_message": (1, 2),
}
# Fixed header dates: the files change only when a message does.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)
FIELD = re.compile(r"\{(\w*)[^{}]*\}")

MessageKey = str | tuple[str, str]  # msgid, or (msgid, context) as Babel keys them


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract(source: Path = SOURCE) -> Catalog:
    """Every message of the code, with where it is used (file names, no line numbers)."""
    template = Catalog(project=DOMAIN, creation_date=FIXED_DATE, fuzzy=False)
    for path in sorted(source.rglob("*.py")):
        where = path.relative_to(source.parent).as_posix()
        for line, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            existing = template.get(message, context)
            if existing is None:
                template.add(message, locations=[(where, line)], context=context)
            elif where not in (file for file, _ in existing.locations):
                existing.locations.append((where, line))
    # The shipped keywords file's plan levels: their labels are the matrix's row names,
    # shown in the reader's language (report.legend.level_label); a keywords file of the
    # user's own keeps its labels as written.
    from planscan.keywords import load_keywords

    for number, level in enumerate(load_keywords(source / "keywords.yaml").levels, 1):
        if template.get(level.label) is None:
            template.add(
                level.label,
                locations=[("planscan/keywords.yaml", number)],
                auto_comments=["The name of a plan level (a row of the matrix)."],
            )
    return template


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.is_file():
        return Catalog(locale=language, project=DOMAIN, creation_date=FIXED_DATE, fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


HEADER = """\
{name} translations of planscan's messages.
Edit the msgstr lines; python tools/catalogues.py adds new messages, drops stale ones and
compiles the .mo file beside this one."""
NAMES = {"nb": "Norwegian Bokmål (nb)", "nn": "Norwegian Nynorsk (nn)"}


def written(catalog: Catalog) -> bytes:
    catalog.revision_date = FIXED_DATE
    catalog.creation_date = FIXED_DATE
    catalog.project = DOMAIN
    catalog.version = ""
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "planscan developers"
    catalog.language_team = NAMES[str(catalog.locale)]
    catalog.header_comment = "\n".join(
        f"# {line}" if line else "#"
        for line in HEADER.format(name=NAMES[str(catalog.locale)]).splitlines()
    )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, omit_header=False)
    return buffer.getvalue()


def update(template: Catalog) -> list[str]:
    """Bring both catalogues in line with the code (new messages untranslated, stale ones
    dropped) and compile them. Returns what changed."""
    changes = []
    for language in LANGUAGES:
        catalog = load(language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        data = written(catalog)
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            changes.append(f"wrote {path.relative_to(REPO)}")
        with path.open("rb") as file:
            mo = compiled(read_po(file, locale=language, domain=DOMAIN))
        if not mo_path(language).is_file() or mo_path(language).read_bytes() != mo:
            mo_path(language).write_bytes(mo)
            changes.append(f"wrote {mo_path(language).relative_to(REPO)}")
    return changes


def _fields(text: str) -> set[str]:
    return set(FIELD.findall(text))


def _strings(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _name(message: Message) -> str:
    msgid = _strings(message.id)[0]
    return f"{message.context}|{msgid!r}" if message.context else repr(msgid)


def _real(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


def problems(template: Catalog, catalogs: dict[str, Catalog]) -> list[str]:
    """Every message that lacks a translation, is stale, fuzzy, or whose translation has
    other {fields} than the English; and .mo files that are not the .po compiled."""
    found = []
    for language, catalog in catalogs.items():
        for message in _real(template):
            translated = catalog.get(message.id, message.context)
            if translated is None or not all(_strings(translated.string)):
                found.append(f"{language}: no translation of {_name(message)}")
                continue
            if translated.fuzzy:
                found.append(f"{language}: fuzzy translation of {_name(message)}")
            english = set().union(*map(_fields, _strings(message.id)))
            for text in _strings(translated.string):
                if _fields(text) != english:
                    found.append(
                        f"{language}: {_name(message)} has fields {sorted(english)},"
                        f" its translation {text!r} has {sorted(_fields(text))}"
                    )
        for message in _real(catalog):
            if template.get(message.id, message.context) is None:
                found.append(f"{language}: stale message {_name(message)} (not in the code)")
    return found


def mo_problems(catalogs: dict[str, Catalog]) -> list[str]:
    found = []
    for language, catalog in catalogs.items():
        path = mo_path(language)
        if not path.is_file() or path.read_bytes() != compiled(catalog):
            found.append(f"{language}: {path.relative_to(REPO)} is not {po_path(language).name}"
                         " compiled; run python tools/catalogues.py")  # fmt: skip
    return found


def hidden_calls(source: Path = SOURCE) -> list[str]:
    """Messages written inside f-strings, or as f-strings: the extractor cannot see them, so
    they would never be translated (nor missed by the check). Give the template and its
    fields instead (Message("{path}: ...", path=path)), or mark it with N_ outside."""
    found = []
    for path in sorted(source.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.JoinedStr):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in KEYWORDS:
                    where = f"{path.relative_to(REPO)}:{node.lineno}"
                    found.append(f"{where}: {name}() of an f-string is not extracted")
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and call.args:
                    name = getattr(call.func, "attr", getattr(call.func, "id", ""))
                    literal = isinstance(call.args[0], ast.Constant)
                    if name in KEYWORDS and literal:
                        where = f"{path.relative_to(REPO)}:{call.lineno}"
                        found.append(f"{where}: {name}() inside an f-string is not extracted")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Only say what is wrong.")
    args = parser.parse_args(argv)
    template = extract()
    if not args.check:
        for change in update(template):
            print(change)
    catalogs = {language: load(language) for language in LANGUAGES}
    found = hidden_calls() + problems(template, catalogs) + mo_problems(catalogs)
    for problem in found:
        print(f"catalogues: {problem}", file=sys.stderr)
    if not found:
        print(f"catalogues: {len(list(_real(template)))} messages, translated in nb and nn")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
