"""The hostile battery (issue 20): hostile inputs and interruptions through the real command.

    python benchmarks/hostile.py [--src DIR] [--only NAME ...] [--list] [--json FILE]

Each case builds its files in a fresh folder, runs `python -m planscan ...` there (with
--src, the planscan of another source tree, e.g. a worktree of an older commit), and marks
the run:

- hang: still running after the case's wall-clock cap (it is then killed, with its group
  and every process that carries the run's marker in its environment);
- crash: a Python traceback, or an exit code planscan never gives (a signal not sent);
- leak: a secret in any output, store or cache file (inflated where compressed) or on the
  terminal, a raw control character on the terminal, a planscan process still alive after
  it ended, or a temporary file left behind;
- wrong: it held, but a good document beside the bad one was not scored, or the case's own
  check failed;
- held: none of these.

Every run is capped: wall time (per case), address space (RLIMIT_AS, 4 GiB by default, so
a bomb ends in MemoryError instead of taking a shared machine down), and its own TMPDIR.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures import hostile as h  # noqa: E402
from tests.fixtures.generate import make_pdf  # noqa: E402
from tests.fixtures.processes import kill_all, marked  # noqa: E402

MARKER = "PLANSCAN_HOSTILE_RUN"
GOOD_TEXT = [["Boligsosial handlingsplan", "Husbanken og startlån for vanskeligstilte."]]
SECRET_WORD = "Hemmeligord"  # text of a protected PDF: must never be cached
PASSWORD = "s3cr3t-pass"  # a password: must never be stored or printed
URL_SECRET = "urlpass9x"  # the password in a URL's user information
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Setup:
    """How to run one case, and what to check beyond the common checks."""

    args: list[str]
    good: tuple[str, ...] = ()  # file names that must be scored (read from --json)
    secrets: tuple[str, ...] = ()
    signal_after: tuple[signal.Signals, float] | None = None  # send this, this much later
    expected_codes: tuple[int, ...] = (0, 1, 2, 3)
    wall: float = 60.0
    check: Callable[[Path, str, str], str | None] | None = None  # folder, out, err -> problem
    before: list[list[str]] = field(default_factory=list)  # runs before the measured one


@dataclass
class Case:
    name: str
    group: str
    build: Callable[[Path, Shared], Setup]


@dataclass
class Shared:
    """What several cases use: the web server and its base URL, the built bomb."""

    base_url: str = ""


@dataclass
class Outcome:
    name: str
    group: str
    mark: str
    why: str
    seconds: float


# Builders --------------------------------------------------------------------------------


def _plans(folder: Path, bad_name: str, builder: Callable[[Path], Path]) -> Path:
    """folder/plans/Alfa/<good plan> and folder/plans/Beta/<the bad file>."""
    (folder / "plans" / "Alfa").mkdir(parents=True)
    (folder / "plans" / "Beta").mkdir(parents=True)
    make_pdf(folder / "plans" / "Alfa" / "boligsosial-handlingsplan.pdf", GOOD_TEXT)
    builder(folder / "plans" / "Beta" / bad_name)
    return folder / "plans"


def _scan(plans: Path, *more: str) -> list[str]:
    return ["scan", str(plans), "--json", "out/result.json", "--csv", "out/m.csv", *more]


def document_case(bad_name: str, builder: Callable[[Path], Path], *more: str, wall: float = 60):
    def build(folder: Path, shared: Shared) -> Setup:
        plans = _plans(folder, bad_name, builder)
        return Setup(_scan(plans, *more), good=("boligsosial-handlingsplan.pdf",), wall=wall)

    return build


def _write(text: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    return build


def yaml_case(option: str, content: Callable[[Path], Path]):
    """A keywords, manifest or review file that is hostile: refused, exit 2, quickly."""

    def build(folder: Path, shared: Shared) -> Setup:
        plans = _plans(folder, "samfunnsdel.pdf", lambda p: make_pdf(p, GOOD_TEXT))
        file = content(folder / "hostile.yaml")
        if option == "--manifest":
            return Setup(["scan", "--manifest", str(file)], expected_codes=(2,), wall=30)
        return Setup([*_scan(plans), option, str(file)], expected_codes=(2,), wall=30)

    return build


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link(target: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.symlink_to(target)
        return path

    return build


def _sparse(size: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        with path.open("wb") as out:
            out.truncate(size)
        return path

    return build


def manifest_entry_case(builder: Callable[[Path], Path]):
    def build(folder: Path, shared: Shared) -> Setup:
        make_pdf(folder / "good.pdf", GOOD_TEXT)
        builder(folder / "bad.pdf")
        (folder / "plans.yaml").write_text(
            "plans:\n"
            "  - {municipality: Alfa, level: temaplan-bolig, path: good.pdf}\n"
            "  - {municipality: Beta, level: temaplan-bolig, path: bad.pdf}\n",
            encoding="utf-8",
        )
        args = ["scan", "--manifest", str(folder / "plans.yaml"), "--json", "out/result.json"]
        return Setup(args, good=("good.pdf",), wall=30)

    return build


ESC = "\x1b]0;owned\x07\x1b[2J\x1b]8;;http://evil/\x1b\\"


def names_case(municipality: str, file_name: str):
    def build(folder: Path, shared: Shared) -> Setup:
        (folder / "plans" / municipality).mkdir(parents=True)
        make_pdf(folder / "plans" / municipality / file_name, GOOD_TEXT)
        make_pdf(folder / "plans" / municipality / "broken\nplanscan: ok.pdf", GOOD_TEXT)
        broken = folder / "plans" / municipality / "broken\nplanscan: ok.pdf"
        broken.write_bytes(broken.read_bytes()[:200])
        return Setup(
            ["scan", str(folder / "plans"), "--details", "--markdown", "out/m.md"],
            check=_no_forged_line,
        )

    return build


def _no_forged_line(folder: Path, out: str, err: str) -> str | None:
    if any(line.startswith("planscan: ok.pdf") for line in err.splitlines()):
        return "a file name forged a planscan: line on stderr"
    markdown = folder / "out" / "m.md"
    if markdown.exists() and _RAW_CONTROL.search(markdown.read_text(encoding="utf-8")):
        return "raw control characters in the Markdown"
    return None


def manifest_fields_case(folder: Path, shared: Shared) -> Setup:
    make_pdf(folder / "good.pdf", GOOD_TEXT)
    (folder / "plans.yaml").write_text(
        "plans:\n"
        f'  - {{municipality: "Alfa{_yaml_escape(ESC)}", level: temaplan-bolig, path: good.pdf,'
        f' title: "T{_yaml_escape(ESC)}"}}\n'
        f'  - {{municipality: "Beta\\nplanscan: fine", level: samfunnsdel,'
        f' url: "http://127.0.0.1:9/{_yaml_escape(ESC)}.pdf"}}\n',
        encoding="utf-8",
    )
    return Setup(["scan", "--manifest", str(folder / "plans.yaml")], check=_no_forged_line)


def _yaml_escape(text: str) -> str:
    return "".join(c if c.isprintable() and c not in '\\"' else f"\\x{ord(c):02x}" for c in text)


def cache_case(mutate: Callable[[dict[str, object]], str], analyses: bool = False):
    """Fill the cache with a first scan, then rewrite its text entries (or, with
    `analyses`, its analysis entries; the others are removed) as `mutate` says."""

    def build(folder: Path, shared: Shared) -> Setup:
        plans = _plans(folder, "samfunnsdel.pdf", lambda p: make_pdf(p, GOOD_TEXT))
        setup = Setup(_scan(plans), good=("boligsosial-handlingsplan.pdf", "samfunnsdel.pdf"))
        setup.before = [_scan(plans)]

        def damage(folder: Path = folder) -> None:
            for file in (folder / "cache").rglob("*.z"):
                if file.name.endswith(".analysis.json.z") != analyses:
                    file.unlink()
                    continue
                data = json.loads(zlib.decompress(file.read_bytes()))
                file.write_bytes(zlib.compress(mutate(data).encode()))

        setup.damage = damage  # type: ignore[attr-defined]
        return setup

    return build


def _set_all(key: str, value: object) -> Callable[[dict[str, object]], str]:
    """Every value under `key`, at any depth, replaced."""

    def change(data: dict[str, object]) -> str:
        def walk(node: object) -> object:
            if isinstance(node, dict):
                return {k: (value if k == key else walk(v)) for k, v in node.items()}
            if isinstance(node, list):
                return [walk(v) for v in node]
            return node

        return json.dumps(walk(data))

    return change


def _deep(data: dict[str, object]) -> str:
    """The text made a list nested 200,000 deep (written by hand: json.dumps would recurse)."""
    text = json.dumps({**data, "text": "@@"})
    return text.replace('"@@"', "[" * 200_000 + "]" * 200_000)


def _not_a_mapping(data: dict[str, object]) -> str:
    return "[1, 2, 3]"


def protected_cache_case(folder: Path, shared: Shared) -> Setup:
    """Read a protected PDF with its password, then again without: the text must neither
    be in the cache nor be served to the run without the password."""
    (folder / "plans" / "Alfa").mkdir(parents=True)
    plan = folder / "plans" / "Alfa" / "boligsosial-handlingsplan.pdf"
    _protected_pdf(plan)
    setup = Setup(_scan(folder / "plans"), secrets=(SECRET_WORD, PASSWORD))
    setup.before = [[*_scan(folder / "plans"), "--password", PASSWORD]]
    setup.check = _served_without_password
    return setup


def _protected_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="eier", user_password=PASSWORD)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 8, f"{SECRET_WORD}: Husbanken og vanskeligstilte.")
    pdf.output(str(path))


def _served_without_password(folder: Path, out: str, err: str) -> str | None:
    result = json.loads((folder / "out" / "result.json").read_text(encoding="utf-8"))
    if any(doc.get("status") != "error" for doc in result["documents"]):
        return "a protected document was scored without its password (served from the cache)"
    return None


def url_credentials_case(folder: Path, shared: Shared) -> Setup:
    url = shared.base_url.replace("http://", f"http://planner:{URL_SECRET}@") + "/good.pdf"
    (folder / "plans.yaml").write_text(
        f"plans:\n  - {{municipality: Alfa, level: temaplan-bolig, url: '{url}'}}\n",
        encoding="utf-8",
    )
    args = ["scan", "--manifest", str(folder / "plans.yaml"), "--fetch", "--store", "store"]
    return Setup(
        [*args, "--json", "out/result.json", "--markdown", "out/m.md", "--html", "out/r.html"],
        secrets=(URL_SECRET,),
    )


def fetch_case(path: str, *more: str, wall: float = 60):
    def build(folder: Path, shared: Shared) -> Setup:
        base = shared.base_url
        (folder / "plans.yaml").write_text(
            "plans:\n"
            f"  - {{municipality: Alfa, level: temaplan-bolig, url: '{base}/good.pdf'}}\n"
            f"  - {{municipality: Beta, level: temaplan-bolig, url: '{base}{path}'}}\n",
            encoding="utf-8",
        )
        return Setup(["fetch", str(folder / "plans.yaml"), "--store", "store", *more], wall=wall)

    return build


def output_fifo_case(folder: Path, shared: Shared) -> Setup:
    """--json to a FIFO that a reader holds open: written through, never renamed over."""
    import threading

    plans = _plans(folder, "samfunnsdel.pdf", lambda p: make_pdf(p, GOOD_TEXT))
    fifo = _fifo(folder / "out.fifo")
    holder = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that a writer may open it
    chunks: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as pipe:
            chunks.append(pipe.read())

    threading.Thread(target=read, daemon=True).start()

    def check(folder: Path, out: str, err: str) -> str | None:
        os.close(holder)
        if not fifo.is_fifo():
            return "the FIFO was replaced by a regular file"
        if not b"".join(chunks).lstrip().startswith(b"{"):
            return "nothing was written into the FIFO"
        return None

    return Setup(["scan", str(plans), "--json", str(fifo)], check=check)


def result_file_case(content: str):
    def build(folder: Path, shared: Shared) -> Setup:
        (folder / "bad.json").write_text(content, encoding="utf-8")
        plans = _plans(folder, "samfunnsdel.pdf", lambda p: make_pdf(p, GOOD_TEXT))
        setup = Setup(["diff", "out/good.json", str(folder / "bad.json")], expected_codes=(2,))
        setup.before = [["scan", str(plans), "--json", "out/good.json"]]
        return setup

    return build


def merge_case(folder: Path, shared: Shared) -> Setup:
    (folder / "bad.json").write_text('{"documents": 5, "shard": [1]}', encoding="utf-8")
    return Setup(["merge", str(folder / "bad.json"), str(folder / "bad.json")], expected_codes=(2,))


def signal_case(sig: signal.Signals):
    """Interrupt a scan of slow documents mid-way: readers ended, temp files gone, the code
    the shell expects (128 + the signal), or for SIGKILL no reader left behind."""

    def build(folder: Path, shared: Shared) -> Setup:
        (folder / "plans" / "Alfa").mkdir(parents=True)
        for number in range(4):
            h.slow_last_page(folder / "plans" / "Alfa" / f"plan-{number}.pdf", 400_000)
        # Ended by the signal itself, as the shell sees it (128 + N): -N from Popen.
        expected = (-sig,)
        return Setup(
            ["scan", str(folder / "plans"), "--engine", "pdfplumber", "-j", "2", "--no-cache",
             "--json", "out/result.json"],
            signal_after=(sig, 3.0),
            expected_codes=expected,
            wall=40,
        )  # fmt: skip

    return build


CASES: list[Case] = [
    # PDF
    Case("pdf-page-tree-dag", "pdf", document_case("dag.pdf", h.page_tree_dag, "--timeout", "10")),
    Case(
        "pdf-page-tree-dag-text",
        "pdf",
        document_case(
            "dag-text.pdf",
            lambda p: h.page_tree_dag(p, text=b"Husbanken og vanskeligstilte boligmarkedet " * 20),
            "--timeout", "10", "--max-memory", "256",
        ),
    ),  # fmt: skip
    Case("pdf-page-tree-cycle", "pdf", document_case("cycle.pdf", h.page_tree_cycle)),
    Case("pdf-reference-loop", "pdf", document_case("loop.pdf", h.reference_loop)),
    Case("pdf-huge-xref", "pdf", document_case("xref.pdf", h.huge_xref_index)),
    Case(
        "pdf-flate-bomb",
        "pdf",
        document_case("bomb.pdf", lambda p: h.flate_bomb(p, 1024), "--max-memory", "256"),
    ),
    Case("pdf-random", "pdf", document_case("random.pdf", h.random_bytes)),
    Case("pdf-html", "pdf", document_case("web.pdf", h.html_as_pdf)),
    Case("pdf-encrypted", "pdf", document_case("locked.pdf", lambda p: h.encrypted_pdf(p, "x"))),
    Case(
        "pdf-slow-page",
        "pdf",
        document_case("slow.pdf", lambda p: h.slow_last_page(p, 400_000),
                      "--engine", "pdfplumber", "--timeout", "3"),
    ),  # fmt: skip
    Case("pdf-fifo-in-folder", "special", document_case("fifo.pdf", _fifo, wall=30)),
    Case("pdf-link-to-dev-zero", "special", document_case("zero.pdf", _link("/dev/zero"))),
    Case("pdf-broken-link", "special", document_case("gone.pdf", _link("/nowhere/x.pdf"))),
    # DOCX
    Case("docx-document-bomb", "docx", document_case("bomb.docx", h.docx_document_bomb)),
    Case("docx-unused-part-bomb", "docx", document_case("unused.docx", h.docx_unused_part_bomb)),
    Case("docx-billion-laughs", "docx", document_case("laughs.docx", h.docx_billion_laughs)),
    Case("docx-xxe", "docx", document_case("xxe.docx", lambda p: h.docx_xxe(p, "http://127.0.0.1:9/"))),
    Case("docx-ole", "docx", document_case("old.docx", h.ole_as_docx)),
    Case("docx-corrupt-zip", "docx", document_case("corrupt.docx", h.corrupt_zip)),
    # YAML
    Case("yaml-keywords-laughs", "yaml", yaml_case("--keywords", _write(h.billion_laughs_yaml()))),
    Case("yaml-keywords-recursive", "yaml", yaml_case("--keywords", _write("a: &p [*p]\n"))),
    Case("yaml-keywords-deep", "yaml", yaml_case("--keywords", _write("a: " + "[" * 900 + "]" * 900))),  # noqa: E501
    Case("yaml-manifest-laughs", "yaml", yaml_case("--manifest", _write(h.billion_laughs_yaml()))),
    Case("yaml-manifest-recursive", "yaml", yaml_case("--manifest", _write("plans: &p [*p]\n"))),
    Case("yaml-review-laughs", "yaml", yaml_case("--review", _write(h.billion_laughs_yaml()))),
    Case("yaml-review-recursive", "yaml", yaml_case("--review", _write("reviews: &r [*r]\n"))),
    Case("yaml-keywords-huge", "yaml", yaml_case("--keywords", _sparse(64 << 20))),
    # Special files as inputs
    Case("special-keywords-dev-zero", "special", yaml_case("--keywords", _link("/dev/zero"))),
    Case("special-keywords-fifo", "special", yaml_case("--keywords", _fifo)),
    Case("special-manifest-dev-zero", "special", yaml_case("--manifest", _link("/dev/zero"))),
    Case("special-manifest-fifo", "special", yaml_case("--manifest", _fifo)),
    Case("special-review-fifo", "special", yaml_case("--review", _fifo)),
    Case("special-entry-fifo", "special", manifest_entry_case(_fifo)),
    Case("special-entry-dev-zero", "special", manifest_entry_case(_link("/dev/zero"))),
    Case("special-entry-dev-urandom", "special", manifest_entry_case(_link("/dev/urandom"))),
    # Names on the terminal
    Case("names-escape-sequences", "names", names_case(f"Alfa{ESC}", f"plan{ESC}.pdf")),
    Case("names-bidi", "names", names_case("Alfa\u202egpj", "plan\u202efdp.pdf")),
    Case("names-manifest-fields", "names", manifest_fields_case),
    # Cache entries of the wrong shape
    Case("cache-text-a-number", "cache", cache_case(_set_all("text", 12345))),
    Case("cache-labels-wrong-type", "cache", cache_case(_set_all("page_labels", [1, {"x": 2}]))),
    Case("cache-headers-wrong-type", "cache", cache_case(_set_all("headers", [[1, [2]], 3]))),
    Case("cache-vocabulary-wrong-type", "cache", cache_case(_set_all("counts", "?"))),
    Case("cache-deep-nesting", "cache", cache_case(_deep)),
    Case("cache-not-a-mapping", "cache", cache_case(_not_a_mapping)),
    Case("cache-analysis-wrong-shape", "cache", cache_case(_set_all("counts", "x"), True)),
    # Secrets
    Case("secret-protected-text", "secrets", protected_cache_case),
    Case("secret-url-credentials", "secrets", url_credentials_case),
    # Fetch
    Case("fetch-gzip-layers", "fetch", fetch_case("/gzip-bomb.pdf", "--max-bytes", "50000000")),
    Case("fetch-silent-server", "fetch", fetch_case("/silent.pdf", "--timeout", "2", "--deadline", "5")),  # noqa: E501
    # Outputs and result files
    Case("output-json-fifo", "output", output_fifo_case),
    Case("diff-wrong-shape", "output", result_file_case('{"documents": 5}')),
    Case("diff-not-json", "output", result_file_case("\x1b]0;x\x07 not json")),
    Case("merge-wrong-shape", "output", merge_case),
    # Interruptions
    Case("signal-term", "signals", signal_case(signal.SIGTERM)),
    Case("signal-int", "signals", signal_case(signal.SIGINT)),
    Case("signal-hup", "signals", signal_case(signal.SIGHUP)),
    Case("signal-kill", "signals", signal_case(signal.SIGKILL)),
]  # fmt: skip


# Running ---------------------------------------------------------------------------------


def _texts(folder: Path, inputs: set[Path]) -> Iterator[tuple[Path, bytes]]:
    """Every file the run made, inflated where it is zlib or gzip data."""
    for file in folder.rglob("*"):
        if file in inputs or not file.is_file() or file.is_symlink():
            continue
        try:
            data = file.read_bytes()
        except OSError:
            continue
        yield file, data
        for inflate in (zlib.decompress, gzip.decompress):
            try:
                yield file, inflate(data)
            except Exception:  # noqa: S112 - not compressed that way
                continue


def run_case(case: Case, shared: Shared, python: str, src: Path | None, memory: int) -> Outcome:
    folder = Path(tempfile.mkdtemp(prefix=f"hostile-{case.name}-"))
    try:
        return _run_in(case, shared, folder, python, src, memory)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_in(
    case: Case, shared: Shared, folder: Path, python: str, src: Path | None, memory: int
) -> Outcome:
    setup = case.build(folder, shared)
    (folder / "out").mkdir(exist_ok=True)
    (folder / "tmp").mkdir()
    inputs = set(folder.rglob("*"))
    marker = uuid.uuid4().hex
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "LANG": "C.UTF-8",
        "PLANSCAN_LANG": "en",
        "PLANSCAN_CACHE_DIR": str(folder / "cache"),
        "TMPDIR": str(folder / "tmp"),
        "NO_COLOR": "1",
        "COLUMNS": "120",
        MARKER: marker,
    }
    if src is not None:
        env["PYTHONPATH"] = str(src)

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    def start(args: list[str], out: Path, err: Path) -> subprocess.Popen[bytes]:
        with out.open("wb") as stdout, err.open("wb") as stderr:
            return subprocess.Popen(
                [python, "-m", "planscan", *args],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
                preexec_fn=limits,
            )

    logs = Path(tempfile.mkdtemp(prefix="hostile-logs-"))
    try:
        for number, args in enumerate(setup.before):
            first = start(args, logs / f"b{number}.out", logs / f"b{number}.err")
            try:
                first.wait(timeout=setup.wall)
            except subprocess.TimeoutExpired:
                kill_all([first.pid, *marked(MARKER, marker)])
                first.wait()
        kill_all(marked(MARKER, marker))
        damage = getattr(setup, "damage", None)
        if damage is not None:
            damage()
        inputs |= set((folder / "out").rglob("*")) if setup.before else set()
        started = time.monotonic()
        process = start(setup.args, logs / "out", logs / "err")
        hung = False
        try:
            if setup.signal_after is not None:
                sig, delay = setup.signal_after
                try:
                    process.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    os.kill(process.pid, sig)
            process.wait(timeout=setup.wall)
        except subprocess.TimeoutExpired:
            hung = True
            kill_all([process.pid])
            process.wait()
        seconds = time.monotonic() - started
        time.sleep(1.0 if setup.signal_after else 0.2)  # readers told to end, or orphaned
        left = marked(MARKER, marker)
        kill_all(left)
        out = (logs / "out").read_text(encoding="utf-8", errors="replace")
        err = (logs / "err").read_text(encoding="utf-8", errors="replace")
    finally:
        shutil.rmtree(logs, ignore_errors=True)
    code = process.returncode

    def outcome(mark: str, why: str) -> Outcome:
        return Outcome(case.name, case.group, mark, why, seconds)

    if hung:
        return outcome("hang", f"still running after {setup.wall:g} s")
    if "Traceback (most recent call last)" in err or "Traceback (most recent call last)" in out:
        last = [line for line in err.splitlines() if line.strip()][-1:] or ["?"]
        return outcome("crash", f"traceback: {last[0][:100]}")
    if code not in setup.expected_codes:
        return outcome("crash", f"exit code {code}, expected {setup.expected_codes}")
    leaks = _leaks(folder, inputs, setup, out, err, left)
    if leaks:
        return outcome("leak", "; ".join(leaks))
    wrong = _wrong(folder, setup, out, err)
    if wrong:
        return outcome("wrong", wrong)
    return outcome("held", f"exit {code}")


def _leaks(
    folder: Path, inputs: set[Path], setup: Setup, out: str, err: str, left: list[int]
) -> list[str]:
    found = []
    if left:
        found.append(f"{len(left)} planscan process(es) still running")
    if _RAW_CONTROL.search(out) or _RAW_CONTROL.search(err):
        found.append("raw control characters on the terminal")
    for secret in setup.secrets:
        if secret in out or secret in err:
            found.append(f"secret {secret!r} on the terminal")
        for file, data in _texts(folder, inputs):
            if secret.encode() in data:
                found.append(f"secret {secret!r} in {file.relative_to(folder)}")
                break
    temporary = list((folder / "tmp").rglob("*"))
    temporary += [
        p
        for p in folder.rglob("*")
        if p not in inputs and (p.name.endswith((".tmp", ".part")) or p.name.startswith(".tmp"))
    ]
    if temporary:
        found.append(f"temporary files left: {', '.join(p.name for p in temporary[:3])}")
    return found


def _wrong(folder: Path, setup: Setup, out: str, err: str) -> str | None:
    if setup.check is not None:
        problem = setup.check(folder, out, err)
        if problem:
            return problem
    if setup.good:
        result_file = folder / "out" / "result.json"
        if not result_file.exists():
            return "no result written"
        result = json.loads(result_file.read_text(encoding="utf-8"))
        scored = {
            Path(doc["path"]).name
            for doc in result["documents"]
            if doc.get("status") not in ("error", "no-text")
        }
        missing = [name for name in setup.good if name not in scored]
        if missing:
            return f"a good document was not scored: {', '.join(missing)}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", type=Path, help="run the planscan of this source folder")
    parser.add_argument("--only", nargs="*", default=(), help="cases whose name contains these")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument("--json", type=Path, help="write the outcomes here as JSON")
    parser.add_argument("--memory-mib", type=int, default=4096, help="address space per run")
    options = parser.parse_args()
    cases = [c for c in CASES if not options.only or any(o in c.name for o in options.only)]
    if options.list:
        for case in cases:
            print(f"{case.group:8} {case.name}")
        return
    shared = Shared()
    outcomes: list[Outcome] = []
    with ExitStack() as stack:
        good = make_pdf(Path(tempfile.mkdtemp()) / "good.pdf", GOOD_TEXT).read_bytes()
        bomb = h.gzip_bomb(2048) if any(c.group == "fetch" for c in cases) else b""
        shared.base_url = stack.enter_context(h.serve_hostile({"/good.pdf": good}, bomb))
        for case in cases:
            result = run_case(case, shared, sys.executable, options.src, options.memory_mib << 20)
            outcomes.append(result)
            print(
                f"{result.mark:6} {result.seconds:6.1f} s  {case.name:28} {result.why}", flush=True
            )
    counts = Counter(o.mark for o in outcomes)
    marks = ("held", "crash", "hang", "leak", "wrong")
    print(f"{len(outcomes)} runs: " + ", ".join(f"{counts[m]} {m}" for m in marks))
    if options.json:
        options.json.write_text(
            json.dumps([o.__dict__ for o in outcomes], indent=1, ensure_ascii=False),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
