"""Plain data passed between the stages of a scan. Imports nothing from planscan."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Status(str, Enum):
    """The colour of a document or of a matrix cell, or why it has none."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NO_TEXT = "no-text"
    ERROR = "error"
    # planscan find could not search the municipality's website for this level (robots.txt,
    # 403/429, a bot filter, a timeout, DNS): unlike MISSING (x), nobody knows.
    NOT_SEARCHED = "not-searched"
    MISSING = "missing"
    # A cell nobody looked for: a level the manifest does not list for a municipality, or the
    # "unclassified" row of a municipality that has no such document. Never fails --fail-on.
    NOT_CHECKED = "not-checked"

    @property
    def rank(self) -> int:
        """Higher is better; a cell shows the best of its documents."""
        return _STATUS_RANK[self]


_STATUS_RANK = {
    Status.GREEN: 6,
    Status.YELLOW: 5,
    Status.RED: 4,
    Status.NO_TEXT: 3,
    Status.ERROR: 2,
    Status.NOT_SEARCHED: 1,
    Status.MISSING: 0,
    Status.NOT_CHECKED: -1,
}


class MatchMode(str, Enum):
    """How a term is found in a word; see keywords.yaml for the planner's version."""

    CONTAINS = "contains"  # the term anywhere in a word: inflections and compounds
    PREFIX = "prefix"  # the word starts with the term: inflections, term-first compounds
    PHRASE = "phrase"  # several words in a row, each matched as a prefix
    ABBREVIATION = "abbreviation"  # exact, case-sensitive, a whole word


class MatchKind(str, Enum):
    """How a hit was found, so a planner can see OCR guesses as such."""

    EXACT = "exact"
    FOLDED = "folded"  # æ/ø/å written as ae/o/a
    OCR = "ocr"  # within the OCR edit budget


@dataclass(frozen=True)
class Term:
    """A search word from keywords.yaml and how it matches (also used for indicators)."""

    key: str  # as written in keywords.yaml; the key of counts in every output
    mode: MatchMode
    specific: bool = False  # one of the report's housing-social words (shown as such)
    generic: bool = False  # a general word (bolig, demografi, ...), shown as such
    variants: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    ocr: bool = True

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.key, *self.variants)


@dataclass(frozen=True)
class Level:
    """A plan level (a row of the matrix) and the title patterns that name it."""

    id: str
    label: str
    patterns: tuple[str, ...]
    fallback: tuple[str, ...] = ()  # count only when no level's patterns match


# The matrix's last row, shown only when a scan has such documents: documents whose level
# is not known, and documents that are not the plan of a level (a planprogram, a profile).
UNCLASSIFIED = Level("unclassified", "Unclassified or not a plan", (), ())


@dataclass(frozen=True)
class MatchingRules:
    """How much OCR damage a term may show and still match."""

    # (minimum term length, edits allowed), ascending; shorter terms get no OCR tolerance.
    ocr_edits: tuple[tuple[int, int], ...] = ((8, 1), (12, 2))

    def edits_for(self, length: int) -> int:
        allowed = 0
        for min_length, edits in self.ocr_edits:
            if length >= min_length:
                allowed = edits
        return allowed


class Strength(str, Enum):
    """How much a housing-social indicator says on its own."""

    STRONG = "strong"  # names a group, instrument or task of housing-social work outright
    WEAK = "weak"  # related (low income, care housing, first-time buyers): counts for less


@dataclass(frozen=True)
class Indicator:
    """A word or phrase that makes a passage housing-social (keywords.yaml: judgement)."""

    term: Term  # how it is found: its key, forms and matching mode
    strength: Strength
    topic: str  # what it is about, for breadth: "kommunale boliger", "bostedsløshet", ...
    # Only with one of these words in the same passage (or its heading) does it count:
    # "bosetting" of refugees, not of people in general.
    needs: tuple[str, ...] = ()
    # With one of these words in the passage (or in the matched word itself) it means
    # something else ("busetjingsmønster": the settlement pattern): not counted.
    other_sense: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerdictRules:
    """The numbers of the colour rule (keywords.yaml: judgement: verdict)."""

    strong_weight: float = 1.0  # a passage that names housing-social work outright
    weak_weight: float = 0.5  # a passage with only weak indicators
    measure_factor: float = 2.0  # a goal or measure weighs this many times background text
    min_length_words: int = 1000  # shorter documents count as this long
    green_score: float = 4.0  # weighted housing-social passages per 1,000 words
    green_spread: float = 0.5  # the share of the text's tenths with a strong passage
    green_measures: int = 3  # goals or measures that name housing-social work outright
    green_topics: int = 3  # different housing-social topics named outright
    yellow_points: float = 1.0  # weighted passages, at least one of them worth this much


@dataclass(frozen=True)
class JudgementRules:
    """How passages are read and judged: the planner-readable rules of keywords.yaml."""

    indicators: tuple[Indicator, ...] = ()
    housing_words: tuple[str, ...] = ()  # what makes a passage about housing at all
    contents_headings: tuple[str, ...] = ()  # a table of contents
    reference_headings: tuple[str, ...] = ()  # lists of sources, plans and documents
    document_words: tuple[str, ...] = ()  # a line naming one of these is a title
    dropped_words: tuple[str, ...] = ()  # a task that is dropped
    negations: tuple[str, ...] = ()  # just before an indicator: it is negated
    measure_headings: tuple[str, ...] = ()  # under these headings text is a goal or measure
    measure_words: tuple[str, ...] = ()  # "skal", "vil": a goal or a commitment
    measure_verbs: tuple[str, ...] = ()  # a list item that starts with one is a measure
    verdict: VerdictRules = field(default_factory=VerdictRules)


@dataclass(frozen=True)
class KeywordSet:
    """A validated keywords file: terms, plan levels and the rules for matching and judging."""

    path: str
    sha256: str
    terms: tuple[Term, ...]
    levels: tuple[Level, ...]
    judgement: JudgementRules = field(default_factory=JudgementRules)
    matching: MatchingRules = field(default_factory=MatchingRules)
    not_plans: tuple[str, ...] = ()  # a document named so is not the plan of a level

    def level(self, level_id: str) -> Level | None:
        return next((lvl for lvl in self.levels if lvl.id == level_id), None)


@dataclass(frozen=True)
class Municipality:
    """One of Norway's municipalities, as the shipped registry (data/kommuner.csv) has it."""

    number: str  # four digits, the 2024 numbering ("3301")
    name: str  # "Drammen"; "Hattfjelldal"
    official_name: str  # Sami first where there is one: "Aarborte Hattfjelldal"
    county_number: str  # "33"
    county: str  # "Buskerud"
    malform: str  # the written form it chose: "Bokmål", "Nynorsk" or "Nøytral"
    website: str  # the host of its website, without a scheme
    # The name planscan shows: the name, with the county where two share it ("Herøy
    # (Nordland)").
    shown: str = ""


@dataclass(frozen=True)
class PlanRef:
    """A document to scan, or a cell's declared absence when path is None."""

    municipality: str
    path: Path | None
    level: str | None = None
    level_source: str | None = None  # "manifest", "filename", "title" or None
    title: str | None = None
    url: str | None = None  # never with user information (see urls.py)
    stored: bool = False  # path is the store's copy of url; results name the URL
    unavailable: Unavailable | None = None  # a URL with no stored copy to read, and why
    # "pdf", "docx", "web" or "framsikt", as planscan find recorded it (for people: fetch
    # decides what a URL is by what it answers).
    format: str | None = None
    # planscan find could not search for this level (the site blocked it, or was down):
    # why. The cell is "not searched", not x.
    not_searched: str | None = None
    # The URL's user and password, for the request only: never stored, shown or compared.
    credentials: tuple[str, str] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Unavailable:
    """Why a plan listed by URL has no stored copy to read; its document gets this status."""

    status: Status  # MISSING: not found online (404, 410, soft 404); ERROR: not fetched
    reason: str  # "not-found", "gone", "soft-404", "not-document", "not-fetched", ...
    message: str


@dataclass(frozen=True)
class ExtractedInfo:
    """What a text extractor knows once a document is open."""

    pages: int  # pages in the document (more than are read with --max-pages)
    engine: str
    page_labels: tuple[str, ...] | None = None
    # "section" for a web plan: its headings take the place of pages (page_labels holds
    # each section's heading, section_urls where it is: "URL#anchor", "#anchor" or "").
    unit: str = "page"
    section_urls: tuple[str, ...] | None = None
    # Opened with a password it needed: its text is never cached (issue 20).
    protected: bool = False


@dataclass(frozen=True)
class Limits:
    """Guards against hostile and broken files; every one can be changed by the user."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_pages: int | None = 20_000  # read only the first N pages (the result says so)
    # Per document, plus timeout_per_page for each page read, up to 3 x timeout_seconds.
    timeout_seconds: float = 60.0
    timeout_per_page: float = 0.5
    max_text_chars: int = 16_000_000  # a document's text, all pages (a repeated page tree)
    max_memory_bytes: int | None = 1024 * 1024 * 1024  # per reader process (Linux)
    zip_max_entries: int = 10_000
    zip_max_part_bytes: int = 128 * 1024 * 1024  # a DOCX part, inflated
    zip_max_total_bytes: int = 512 * 1024 * 1024
    zip_max_ratio: int = 200  # inflated / compressed, for parts above 1 MiB
    html_max_bytes: int = 32 * 1024 * 1024  # a web page (a plan's HTML is a few MiB at most)
    html_max_nodes: int = 1_000_000  # elements of a web page
    html_max_depth: int = 250  # elements nested in each other


@dataclass(frozen=True)
class ScanOptions:
    """How to read documents; the defaults suit a planner's laptop."""

    engine: str = "pdfium"  # for PDFs: "pdfium" (fast) or "pdfplumber"
    password: str | None = None
    jobs: int = 0  # reader processes; 0 means one per core
    cache_dir: Path | None = None  # None: no cache
    limits: Limits = Limits()
    evidence: bool = True  # list every hit with page and snippet (else counts only)
    ocr: bool = False  # read PDF pages without a text layer with Tesseract


@dataclass(frozen=True)
class ExtractedText:
    """The raw text of a document, page by page, and how it was read."""

    pages: tuple[str, ...]
    engine: str  # e.g. "pdfplumber", "python-docx"
    page_labels: tuple[str, ...] | None = None  # printed page numbers, where the PDF has them
    ocr_pages: tuple[int, ...] = ()  # 1-based pages whose text came from OCR
    section_urls: tuple[str, ...] | None = None  # a web plan: where each section is


@dataclass(frozen=True)
class Hit:
    """One place a term was found: page, the words as written, how they matched, a snippet."""

    term: str
    page: int  # 1-based
    match: str  # the word(s) as written in the document
    kind: MatchKind
    snippet: str
    page_label: str | None = None  # the printed page number where the PDF has one ("iv")
    repeated: bool = False  # in a running header/footer: listed once, not counted
    offset: int = -1  # where the match starts in the page's normalised text
    passage: int | None = None  # its passage: an index into DocumentResult.passages


class PassageClass(str, Enum):
    """What a passage is, read as an auditor reads it."""

    HOUSING_SOCIAL = "housing-social"  # about people who struggle on the housing market
    GENERAL = "general"  # housing in general: growth, tomter, boligformål, prices, bolyst
    NOT_COUNTED = "not-counted"  # another sense, a title in a list, contents, dropped, negated


@dataclass(frozen=True)
class Passage:
    """A sentence, list item, table row or heading where hits stand, and what it is."""

    page: int  # 1-based
    start: int  # where it starts and ends in the page's normalised text
    end: int
    text: str  # on one line
    heading: str | None  # the heading it stands under
    kind: PassageClass
    # Why it is what it is, as a code: "indicator", "heading", "under-heading", "general",
    # "other-sense", "needs-context", "contents", "reference", "title", "dropped", "negated"
    why: str
    indicators: tuple[str, ...] = ()  # the indicators that made it housing-social
    topics: tuple[str, ...] = ()
    strong: bool = False  # at least one strong indicator
    measure: bool = False  # a goal or a measure, not background text
    weight: float = 0.0  # what it adds to the document's points
    page_label: str | None = None
    note: str | None = None  # the word that set it aside ("utgår", "mønster", "Kilder")


@dataclass(frozen=True)
class Judgement:
    """A document's colour, from its housing-social passages, with the numbers behind it."""

    status: Status
    score: float  # weighted housing-social passages per 1,000 words
    spread: float  # the share of the text's tenths where a passage names it outright
    points: float  # weighted housing-social passages
    words: int
    passages: int  # housing-social passages
    measures: int  # of them goals or measures
    strong_measures: int  # goals or measures that name housing-social work outright
    strong: int  # passages that name housing-social work outright
    topics: tuple[str, ...]  # topics named outright (strong indicators)
    weak_topics: tuple[str, ...]  # topics of weak indicators only
    set_aside: int  # passages with hits that do not count (see PassageClass.NOT_COUNTED)
    reason: str  # one sentence, in plain words
    deciding: tuple[int, ...] = ()  # the passages that decided it (indexes into passages)


@dataclass(frozen=True)
class DocumentResult:
    """One document scanned: where it stands in the matrix, its counts, score and colour."""

    path: str
    sha256: str | None
    municipality: str
    level: str | None
    level_source: str | None
    status: Status
    message: str | None
    pages: int
    words: int
    score: float  # the judgement's score (housing-social passages per 1,000 words)
    counts: Mapping[str, int]  # the report's method: hits per search word
    hits: tuple[Hit, ...]
    judgement: Judgement | None = None
    passages: tuple[Passage, ...] = ()  # every passage with a hit or an indicator
    reason: str | None = None  # a code for status error, e.g. "not-pdf", "encrypted"
    truncated: bool = False  # only the first --max-pages pages were read
    engine: str | None = None  # the text extractor used, e.g. "pdfplumber"
    ocr: bool = False  # the text came from OCR
    detail: str | None = None  # the raw exception behind an error; shown only with --debug
    title: str | None = None
    url: str | None = None
    # What the document is instead of a plan ("planprogram", "folkehelseprofil"), from its
    # name or title; such a document fills no level's cell unless a manifest puts it there.
    not_plan: str | None = None
    # "section" for a web plan: a hit's page is its section, page_label the section's
    # heading, and section_urls[page - 1] where the section is ("URL#anchor", "#anchor"
    # in the page itself, or "").
    unit: str = "page"
    section_urls: tuple[str, ...] = ()

    def section_url(self, page: int) -> str:
        """Where section `page` (1-based) of a web plan is, or "": an anchor in a page
        fetched from the web joined to the page's URL."""
        url = self.section_urls[page - 1] if 0 < page <= len(self.section_urls) else ""
        if url.startswith("#") and self.url:
            return self.url.split("#")[0] + url
        return url

    @property
    def in_a_level(self) -> bool:
        """It fills its level's cell: it has a level, and is a plan or the manifest says so."""
        return self.level is not None and (self.not_plan is None or self.level_source == "manifest")


@dataclass(frozen=True)
class Override:
    """One entry of a review file: the colour a person set for a cell, and why."""

    status: Status
    by: str
    date: datetime.date
    why: str
    municipality: str | None = None
    level: str | None = None
    sha256: str | None = None  # the document the reviewer read; None for a cell without one
    where: str = ""  # FILE:LINE:COL of the entry, for messages


class ReviewOutcome(str, Enum):
    APPLIED = "applied"
    STALE = "stale"  # the document changed since the review: flagged, not applied
    UNMATCHED = "unmatched"  # no cell or document in this scan fits the entry


@dataclass(frozen=True)
class Review:
    """What became of one override in one scan."""

    override: Override
    outcome: ReviewOutcome
    message: str  # plain words: what was applied, or why not
    municipality: str | None = None  # the cell it belongs to, once resolved
    level: str | None = None


@dataclass(frozen=True)
class Cell:
    """A municipality × plan level cell of the matrix: the best of its documents."""

    municipality: str
    level: str
    status: Status  # as computed from the documents
    documents: tuple[str, ...]
    review: Review | None = None

    @property
    def reviewed(self) -> bool:
        return self.review is not None and self.review.outcome is ReviewOutcome.APPLIED

    @property
    def shown(self) -> Status:
        """The colour to show: a reviewer's where a review applies, else the computed one."""
        if self.review is not None and self.review.outcome is ReviewOutcome.APPLIED:
            return self.review.override.status
        return self.status


@dataclass(frozen=True)
class Shard:
    """Slice `index` of `count` (1-based), as in --shard 2/4."""

    index: int
    count: int


@dataclass(frozen=True)
class ShardInfo:
    """Which slice of a sharded scan a result holds, so the parts can be merged back."""

    index: int  # 1-based
    count: int
    total: int  # documents in the whole scan
    positions: tuple[int, ...]  # each document's place among all of them, 0-based


@dataclass(frozen=True)
class ScanResult:
    """A whole scan: every document and the matrix, with the keywords used."""

    planscan_version: str
    keywords: KeywordSet
    municipalities: tuple[str, ...]
    documents: tuple[DocumentResult, ...]
    matrix: tuple[Cell, ...]
    warnings: tuple[str, ...] = ()  # things the user should know that are not errors
    reviews: tuple[Review, ...] = ()  # every override of the review file, and its outcome
    shard: ShardInfo | None = None  # set when this is one part of a --shard scan
    skipped_plan_sets: tuple[str, ...] = ()  # subfolders with their own plans.yaml
    fetch: FetchReport | None = None  # what was fetched first (scan --fetch), if anything
    notes: tuple[str, ...] = ()  # paths left out and folders without documents, and why

    def cell(self, municipality: str, level: str) -> Cell:
        return next(c for c in self.matrix if c.municipality == municipality and c.level == level)

    @property
    def levels(self) -> tuple[Level, ...]:
        """The matrix's rows: the keywords file's levels, then the unclassified row if used."""
        if any(cell.level == UNCLASSIFIED.id for cell in self.matrix):
            return (*self.keywords.levels, UNCLASSIFIED)
        return self.keywords.levels

    @property
    def failed(self) -> tuple[DocumentResult, ...]:
        """Documents that could not be read, or not to the end (a timeout)."""
        return tuple(d for d in self.documents if d.status is Status.ERROR or d.reason == "timeout")


class FetchOutcome(str, Enum):
    """What happened when a URL was fetched."""

    DOWNLOADED = "downloaded"
    UNCHANGED = "unchanged"  # 304 Not Modified: the stored copy is current
    NOT_FOUND = "not-found"  # 404
    GONE = "gone"  # 410
    SOFT_404 = "soft-404"  # a web page (or nothing) where a PDF or DOCX was expected
    NOT_DOCUMENT = "not-document"  # a body that is neither PDF, DOCX nor DOC
    TOO_LARGE = "too-large"
    REFUSED = "refused"  # not http(s), or redirected there
    FAILED = "failed"  # timeouts, 5xx after retries, other HTTP errors, too many redirects

    @property
    def missing(self) -> bool:
        """The plan is not to be found at this address: its cell is x, not an error."""
        return self in _MISSING_OUTCOMES


_MISSING_OUTCOMES = frozenset(
    {FetchOutcome.NOT_FOUND, FetchOutcome.GONE, FetchOutcome.SOFT_404, FetchOutcome.NOT_DOCUMENT}
)


@dataclass(frozen=True)
class FetchRecord:
    """What the store knows about one URL: the latest fetch and the copy it keeps.

    After a failed fetch the previous copy (sha256, size, kind) is kept, so a server that
    is down this week does not empty the matrix; after 404/410/soft 404 it is dropped.
    """

    url: str
    outcome: FetchOutcome
    fetched_at: str  # ISO 8601, UTC
    final_url: str | None = None  # after redirects
    http_status: int | None = None
    sha256: str | None = None
    size: int | None = None
    kind: str | None = None  # "pdf", "docx", "doc" or "html" (a web plan), from the body
    etag: str | None = None
    last_modified: str | None = None
    message: str | None = None
    attempts: int = 1


@dataclass(frozen=True)
class FetchSettings:
    """Limits for downloading plans; every number is per download."""

    connect_timeout: float = 10.0  # seconds to connect
    read_timeout: float = 30.0  # seconds to wait for the next bytes
    deadline: float = 300.0  # seconds for the whole download, retries included
    max_bytes: int = 200 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a timeout or a 5xx
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    budget: float = 3600.0  # seconds for the whole fetch, every URL together
    hosts: int = 4  # hosts fetched at once; never more than one request at a time per host
    # A web plan: its pages under the start page's path, or a Framsikt publication's files.
    web_max_pages: int = 60  # pages of one web plan
    web_max_parts: int = 2000  # text blocks of one Framsikt publication
    web_delay: float = 0.25  # seconds between two requests to the host (more if robots.txt asks)


@dataclass(frozen=True)
class FetchReport:
    """What `planscan fetch` did for each URL of a manifest."""

    store: str
    records: tuple[FetchRecord, ...]  # one per URL, in manifest order

    @property
    def failed(self) -> tuple[FetchRecord, ...]:
        """Downloads that went wrong (not the plans that are simply not online)."""
        ok = (FetchOutcome.DOWNLOADED, FetchOutcome.UNCHANGED)
        return tuple(r for r in self.records if r.outcome not in ok and not r.outcome.missing)


@dataclass(frozen=True)
class CellChange:
    """A matrix cell whose colour differs between two scans."""

    municipality: str
    level: str
    label: str
    old: Status
    new: Status

    @property
    def worse(self) -> bool:
        return self.new.rank < self.old.rank


@dataclass(frozen=True)
class DocumentRef:
    """A document as a diff names it."""

    path: str
    sha256: str | None
    status: Status
    url: str | None = None


@dataclass(frozen=True)
class DocumentChange:
    """A document added, removed or replaced between two scans."""

    change: str  # "added", "removed" or "replaced"
    municipality: str
    level: str | None
    old: DocumentRef | None
    new: DocumentRef | None


@dataclass(frozen=True)
class ResultDiff:
    """What changed between two scan results: cells that changed colour, and documents."""

    old: str  # where the results came from, for the heading
    new: str
    levels: tuple[Level, ...]  # the newer result's levels, for labels and order
    cells: tuple[CellChange, ...]
    documents: tuple[DocumentChange, ...]
    # The two results were not made alike (another planscan, another keywords file): colours
    # may have changed for that reason, not because a plan did.
    caveats: tuple[str, ...] = ()

    @property
    def worse(self) -> tuple[CellChange, ...]:
        return tuple(c for c in self.cells if c.worse)

    @property
    def better(self) -> tuple[CellChange, ...]:
        return tuple(c for c in self.cells if not c.worse)


@dataclass(frozen=True)
class FindSettings:
    """Bounds and manners of planscan find; every number is per municipality unless said."""

    delay: float = 1.0  # seconds between requests to one host (or robots.txt's Crawl-delay)
    max_pages: int = 150  # web pages read
    max_requests: int = 300  # requests of every kind (robots, sitemaps, pages, checks)
    max_bytes: int = 60 * 1024 * 1024  # bytes received
    max_seconds: float = 900.0  # wall time
    max_depth: int = 3  # links followed from the start page
    page_bytes: int = 3 * 1024 * 1024  # the largest page or sitemap read
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_retry_after: float = 60.0  # the longest 429/503 Retry-After waited for
    jobs: int = 0  # municipalities searched at once; 0: all of them (up to 64)
    allow_hosts: tuple[str, ...] = ()  # document hosts beyond the built-in allow-list
    allow_private: bool = False  # follow links to loopback/private addresses (tests)
    check_documents: bool = True  # ask for the chosen document's first bytes (dead links)
    cache_dir: Path | None = None  # pages kept for conditional requests next time; None: none


@dataclass(frozen=True)
class Recognition:
    """What a link, title or URL says a document is: its level, whether it is the plan
    itself, its status and period, and why."""

    level: str | None
    kind: str  # "plan", or what it is instead: "planprogram", "rapport", "vedlegg", ...
    status: str  # "vedtatt", "høringsutkast", "utkast" or "forslag"
    status_said: bool  # the status word is in the text (else adopted is assumed)
    period: str | None  # "2018-2030", or a single year
    reason: str

    @property
    def is_plan(self) -> bool:
        return self.level is not None and self.kind == "plan"


@dataclass(frozen=True)
class Candidate:
    """A document or page that may be a municipality's plan of a level."""

    url: str
    title: str  # the best name known: the link text, the page title or the URL's words
    level: str
    status: str  # "vedtatt", "høringsutkast", "utkast" or "forslag"
    format: str  # "pdf", "docx", "web" or "framsikt"
    found_on: str  # the page that links to it (the sitemap, for a sitemap entry)
    link_text: str
    period: str | None = None  # "2021-2040"
    kind: str = "plan"  # or what it is instead: "planprogram", "kunnskapsgrunnlag", ...
    reason: str = ""  # why it is what it is, in one line


class SearchOutcome(str, Enum):
    """What came of one level of one municipality."""

    FOUND = "found"
    NOT_FOUND = "not-found"  # searched, nothing: x
    NOT_SEARCHED = "not-searched"  # the site could not be searched


@dataclass(frozen=True)
class LevelFinding:
    """The best candidate for one municipality × level, the others, or why there is none."""

    municipality: str
    level: str
    outcome: SearchOutcome
    best: Candidate | None = None
    others: tuple[Candidate, ...] = ()
    message: str = ""  # what was searched, or why it could not be


@dataclass(frozen=True)
class SiteSearch:
    """One municipality's website searched: what it cost and what came of it."""

    municipality: str
    number: str | None  # kommunenummer, when the municipality is in the registry
    start_url: str
    searched: bool  # False: blocked, down or refused; every level is NOT_SEARCHED
    message: str  # "read 42 pages", or why the site could not be searched
    findings: tuple[LevelFinding, ...]
    pages: int = 0
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class FindReport:
    """What planscan find did: each municipality's search, and what changed in the manifest."""

    manifest: str
    searches: tuple[SiteSearch, ...]
    changes: tuple[str, ...] = ()  # since the last run: "Vågan · Planstrategi: new plan ..."
    kept: tuple[str, ...] = ()  # entries a person pinned, kept as they were

    @property
    def not_searched(self) -> tuple[SiteSearch, ...]:
        return tuple(s for s in self.searches if not s.searched)
