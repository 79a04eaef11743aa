"""Why a document landed on its colour, in the words a planner would use to defend it. Pure.

Every renderer (terminal, HTML, XLSX) takes its sentences from here, so they all say the same.
"""

from __future__ import annotations

from collections import Counter

from planscan.models import DocumentResult, KeywordSet, MatchKind, Passage, PassageClass, Status

# What each passage class and reason means, in plain words.
WHY = {
    "indicator": "names housing-social work",
    "heading": "a heading that names housing-social work",
    "general": "housing in general, or other text",
    "other-sense": "the word in another sense",
    "needs-context": "the word without the context it needs",
    "contents": "a table of contents",
    "reference": "a list of sources, plans or documents",
    "title": "the title of a plan or document",
    "dropped": "a task that is dropped",
    "negated": "negated",
}
CLASS_NAMES = {
    PassageClass.HOUSING_SOCIAL: "housing-social",
    PassageClass.GENERAL: "general",
    PassageClass.NOT_COUNTED: "not counted",
}


def rule_sentences(keywords: KeywordSet) -> tuple[str, ...]:
    """The colour rule in two or three plain sentences, with the numbers of keywords.yaml."""
    v = keywords.judgement.verdict
    return (
        "planscan reads the passage around every hit, as the report's auditors did, and counts"
        f" only housing-social passages: one that names the work outright counts"
        f" {v.strong_weight:g}, one that only touches it (low income, care housing, first-time"
        f" buyers) {v.weak_weight:g}, and a goal or measure {v.measure_factor:g} times as much"
        " as background text.",
        f"Green when housing-social work is a main theme: at least"
        f" {v.green_score:g} points per 1,000 words, passages that name it outright in at"
        f" least {_percent(v.green_spread)} of the text, {v.green_measures} goals or measures"
        f" and {v.green_topics} different topics named outright.",
        "Yellow when at least one passage names housing-social work outright, or sets a"
        " goal or measure that touches it; red otherwise. Titles in lists of plans or sources,"
        " tables of contents, dropped or negated tasks and words in another sense are not"
        " counted.",
    )


def passage_label(passage: Passage) -> str:
    """A passage's class and reason: "housing-social · goal or measure", "not counted: ..."."""
    if passage.kind is PassageClass.HOUSING_SOCIAL:
        parts = ["housing-social"]
        if passage.measure:
            parts.append("goal or measure")
        if not passage.strong:
            parts.append("touches it only")
        if passage.why == "heading":
            parts.append("heading")
        return " · ".join(parts)
    if passage.kind is PassageClass.NOT_COUNTED:
        note = f" ({passage.note})" if passage.note else ""
        return f"not counted: {WHY.get(passage.why, passage.why)}{note}"
    return "general"


def passage_place(passage: Passage, unit: str = "page") -> str:
    """'s. 12 · 3.1 Bosetting': the page and the heading a passage stands under; for a web
    plan (unit "section") 'avsn. 3 «3 Bolig» · 3.1 Bosetting'."""
    if unit == "section":
        page = f"avsn. {passage.page}"
        if passage.page_label:
            page += f" «{passage.page_label}»"
        if passage.heading and passage.heading != passage.page_label:
            return f"{page} · {passage.heading}"
        return page
    page = f"s. {passage.page}"
    if passage.page_label and passage.page_label != str(passage.page):
        page += f" (side {passage.page_label})"
    return f"{page} · {passage.heading}" if passage.heading else page


def deciding_passages(doc: DocumentResult) -> tuple[Passage, ...]:
    """The passages that decided the colour, as the judgement chose them."""
    if doc.judgement is None:
        return ()
    return tuple(doc.passages[i] for i in doc.judgement.deciding if i < len(doc.passages))


def passage_counts(doc: DocumentResult) -> dict[str, int]:
    """How many passages of each class a document has ("not counted: ..." by reason)."""
    counts: Counter[str] = Counter()
    for passage in doc.passages:
        if passage.kind is PassageClass.NOT_COUNTED:
            counts[f"not counted: {WHY.get(passage.why, passage.why)}"] += 1
        else:
            counts[CLASS_NAMES[passage.kind]] += 1
    return dict(counts)


def explain_verdict(doc: DocumentResult, keywords: KeywordSet) -> tuple[str, ...]:
    """Return short paragraphs saying why doc got its colour and what would change it."""
    j = doc.judgement
    if j is None:
        return (doc.message or "The document was not judged.",)
    v = keywords.judgement.verdict
    paragraphs = [f"{j.status.value.capitalize()}: {j.reason}."]
    topics = ", ".join(j.topics) if j.topics else "none"
    paragraphs.append(
        f"It has {j.passages} housing-social passage{'s' if j.passages != 1 else ''}"
        f" ({j.strong} naming the work outright, {j.measures} goals or measures), worth"
        f" {j.points:g} points in {_words(j.words)} words: {j.score:.1f} per 1,000 words."
        f" Topics named outright: {topics}."
        + (f" Touched on: {', '.join(j.weak_topics)}." if j.weak_topics else "")
    )
    if j.status is Status.YELLOW:
        missing = []
        if j.score < v.green_score:
            missing.append(f"{v.green_score:g} points per 1,000 words (it has {j.score:.1f})")
        if j.spread < v.green_spread:
            missing.append(
                f"passages naming the work outright in {_percent(v.green_spread)} of the text"
                f" (it has {_percent(j.spread)})"
            )
        if j.strong_measures < v.green_measures:
            missing.append(
                f"{v.green_measures} goals or measures that name it outright"
                f" (it has {j.strong_measures})"
            )
        if len(j.topics) < v.green_topics:
            missing.append(f"{v.green_topics} topics named outright (it has {len(j.topics)})")
        if missing:
            paragraphs.append("To be green it would need " + "; ".join(missing) + ".")
    elif j.status is Status.RED:
        paragraphs.append(
            "To be yellow, one passage would have to name housing-social work outright"
            " (vanskeligstilte, startlån, kommunale utleieboliger, bostedsløse, ...) or set a"
            " goal or measure that touches it."
        )
    if j.set_aside:
        reasons = Counter(
            WHY.get(p.why, p.why) for p in doc.passages if p.kind is PassageClass.NOT_COUNTED
        )
        listed = ", ".join(f"{reason} {n}×" for reason, n in reasons.most_common())
        paragraphs.append(f"Not counted: {listed}.")
    repeated = sum(1 for hit in doc.hits if hit.repeated)
    if repeated:
        paragraphs.append(
            f"{repeated} hit{'s' if repeated != 1 else ''} in the running header or footer"
            " (repeated on every page) are listed once and not counted."
        )
    guessed = sum(1 for hit in doc.hits if hit.kind is MatchKind.OCR)
    if guessed:
        paragraphs.append(
            f"{guessed} hit{'s' if guessed != 1 else ''} matched despite damaged letters"
            " (OCR or PDF damage): check them in the evidence."
        )
    return tuple(paragraphs)


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _words(n: int) -> str:
    return f"{n:,}".replace(",", " ")
