"""Why a document landed on its colour, in the words a planner would use to defend it. Pure.

Every renderer (terminal, HTML, XLSX) takes its sentences from here, so they all say the same.
"""

from __future__ import annotations

from collections import Counter

from planscan.i18n import N_, Language, get_language
from planscan.models import DocumentResult, KeywordSet, MatchKind, Passage, PassageClass, Status

_ENGLISH = get_language("en")

# What each passage class and reason means, in plain words.
WHY = {
    "indicator": N_("names housing-social work"),
    "heading": N_("a heading that names housing-social work"),
    "general": N_("housing in general, or other text"),
    "other-sense": N_("the word in another sense"),
    "needs-context": N_("the word without the context it needs"),
    "contents": N_("a table of contents"),
    "reference": N_("a list of sources, plans or documents"),
    "title": N_("the title of a plan or document"),
    "dropped": N_("a task that is dropped"),
    "negated": N_("negated"),
}
CLASS_NAMES = {
    PassageClass.HOUSING_SOCIAL: N_("housing-social"),
    PassageClass.GENERAL: N_("general"),
    PassageClass.NOT_COUNTED: N_("not counted"),
}


def _why(reason: str, lang: Language) -> str:
    return lang._(WHY[reason]) if reason in WHY else reason


def rule_sentences(keywords: KeywordSet, lang: Language = _ENGLISH) -> tuple[str, ...]:
    """The colour rule in two or three plain sentences, with the numbers of keywords.yaml."""
    v = keywords.judgement.verdict

    def g(value: float) -> str:
        return _g(value, lang)

    return (
        lang._(
            "planscan reads the passage around every hit, as the report's auditors did, and"
            " counts only housing-social passages: one that names the work outright counts"
            " {strong}, one that only touches it (low income, care housing, first-time buyers)"
            " {weak}, and a goal or measure {factor} times as much as background text.",
            strong=g(v.strong_weight),
            weak=g(v.weak_weight),
            factor=g(v.measure_factor),
        ),
        lang._(
            "Green when housing-social work is a main theme: at least {score} points per"
            " {thousand} words, passages that name it outright in at least {spread} of the"
            " text, {measures} goals or measures and {topics} different topics named"
            " outright.",
            score=g(v.green_score),
            thousand=_thousand(lang),
            spread=_percent(v.green_spread),
            measures=v.green_measures,
            topics=v.green_topics,
        ),
        lang._(
            "Yellow when at least one passage names housing-social work outright, or sets a"
            " goal or measure that touches it; red otherwise. Titles in lists of plans or"
            " sources, tables of contents, dropped or negated tasks and words in another"
            " sense are not counted."
        ),
    )


def _g(value: float, lang: Language) -> str:
    """A number as Python's :g writes it (2, 0.5), with the language's decimal sign."""
    return f"{value:g}".replace(".", lang.decimal_sign)


def _thousand(lang: Language) -> str:
    return "1000" if lang.norwegian else "1,000"


def passage_label(passage: Passage, lang: Language = _ENGLISH) -> str:
    """A passage's class and reason: "housing-social · goal or measure", "not counted: ..."."""
    if passage.kind is PassageClass.HOUSING_SOCIAL:
        parts = [lang._(CLASS_NAMES[PassageClass.HOUSING_SOCIAL])]
        if passage.measure:
            parts.append(lang._("goal or measure"))
        if not passage.strong:
            parts.append(lang._("touches it only"))
        if passage.why == "heading":
            parts.append(lang._("heading"))
        return " · ".join(parts)
    if passage.kind is PassageClass.NOT_COUNTED:
        note = f" ({passage.note})" if passage.note else ""
        return lang._("not counted: {why}", why=_why(passage.why, lang)) + note
    return lang._(CLASS_NAMES[PassageClass.GENERAL])


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


def passage_counts(doc: DocumentResult, lang: Language = _ENGLISH) -> dict[str, int]:
    """How many passages of each class a document has ("not counted: ..." by reason)."""
    counts: Counter[str] = Counter()
    for passage in doc.passages:
        if passage.kind is PassageClass.NOT_COUNTED:
            counts[lang._("not counted: {why}", why=_why(passage.why, lang))] += 1
        else:
            counts[lang._(CLASS_NAMES[passage.kind])] += 1
    return dict(counts)


def verdict_text(doc: DocumentResult, lang: Language = _ENGLISH) -> str:
    """The judgement's one sentence (judge.verdict_reason), in the language."""
    j = doc.judgement
    assert j is not None
    if not lang.norwegian:
        return j.reason  # the judge's own words
    if j.status is Status.RED and not j.passages:
        return lang._("little housing-social content: no housing-social passage")
    counts = lang._(
        "{passages}, {score} per {thousand} words, named outright in {spread} of the text,"
        " {topics}",
        passages=lang.ngettext(
            "{n} housing-social passage ({measures})",
            "{n} housing-social passages ({measures})",
            j.passages,
            measures=lang.ngettext("{n} goal or measure", "{n} goals or measures", j.measures),
        ),
        score=lang.format_number(j.score, 1),
        thousand=_thousand(lang),
        spread=_percent(j.spread),
        topics=lang.ngettext(
            "{n} topic named outright", "{n} topics named outright", len(j.topics)
        ),
    )
    if j.status is Status.GREEN:
        return lang._("housing-social work is a main theme: {counts}", counts=counts)
    if j.status is Status.YELLOW:
        return lang._("some housing-social content: {counts}", counts=counts)
    return lang._(
        "little housing-social content: {counts}; no passage names housing-social work outright"
        " or sets a housing-social goal or measure",
        counts=counts,
    )


def explain_verdict(
    doc: DocumentResult, keywords: KeywordSet, lang: Language = _ENGLISH
) -> tuple[str, ...]:
    """Return short paragraphs saying why doc got its colour and what would change it."""
    j = doc.judgement
    if j is None:
        return (doc.message or lang._("The document was not judged."),)
    v = keywords.judgement.verdict
    colour = lang.status_word(j.status) if lang.norwegian else j.status.value
    paragraphs = [f"{colour.capitalize()}: {verdict_text(doc, lang)}."]
    topics = ", ".join(j.topics) if j.topics else lang._("none")
    number = lang.format_number
    has = lang._(
        "It has {passages} ({strong} naming the work outright, {measures} goals or measures),"
        " worth {points} points in {words} words: {score} per {thousand} words. Topics named"
        " outright: {topics}.",
        passages=lang.ngettext(
            "{n} housing-social passage", "{n} housing-social passages", j.passages
        ),
        strong=j.strong,
        measures=j.measures,
        points=_g(j.points, lang),
        words=_words(j.words),
        score=number(j.score, 1, group=""),
        thousand=_thousand(lang),
        topics=topics,
    )
    if j.weak_topics:
        has += " " + lang._("Touched on: {topics}.", topics=", ".join(j.weak_topics))
    paragraphs.append(has)
    if j.status is Status.YELLOW:
        missing = []
        if j.score < v.green_score:
            needed = _g(v.green_score, lang)
            missing.append(
                lang._(
                    "{needed} points per {thousand} words (it has {score})",
                    needed=needed,
                    thousand=_thousand(lang),
                    score=number(j.score, 1, group=""),
                )
            )
        if j.spread < v.green_spread:
            missing.append(
                lang._(
                    "passages naming the work outright in {needed} of the text (it has {spread})",
                    needed=_percent(v.green_spread),
                    spread=_percent(j.spread),
                )
            )
        if j.strong_measures < v.green_measures:
            missing.append(
                lang._(
                    "{needed} goals or measures that name it outright (it has {measures})",
                    needed=v.green_measures,
                    measures=j.strong_measures,
                )
            )
        if len(j.topics) < v.green_topics:
            missing.append(
                lang._(
                    "{needed} topics named outright (it has {topics})",
                    needed=v.green_topics,
                    topics=len(j.topics),
                )
            )
        if missing:
            paragraphs.append(
                lang._("To be green it would need {missing}.", missing="; ".join(missing))
            )
    elif j.status is Status.RED:
        paragraphs.append(
            lang._(
                "To be yellow, one passage would have to name housing-social work outright"
                " (vanskeligstilte, startlån, kommunale utleieboliger, bostedsløse, ...) or set"
                " a goal or measure that touches it."
            )
        )
    if j.set_aside:
        reasons = Counter(
            _why(p.why, lang) for p in doc.passages if p.kind is PassageClass.NOT_COUNTED
        )
        listed = ", ".join(f"{reason} {n}×" for reason, n in reasons.most_common())
        paragraphs.append(lang._("Not counted: {reasons}.", reasons=listed))
    repeated = sum(1 for hit in doc.hits if hit.repeated)
    if repeated:
        paragraphs.append(
            lang.ngettext(
                "{n} hit in the running header or footer (repeated on every page) is listed"
                " once and not counted.",
                "{n} hits in the running header or footer (repeated on every page) are listed"
                " once and not counted.",
                repeated,
            )
        )
    guessed = sum(1 for hit in doc.hits if hit.kind is MatchKind.OCR)
    if guessed:
        paragraphs.append(
            lang.ngettext(
                "{n} hit matched despite damaged letters (OCR or PDF damage): check it in the"
                " evidence.",
                "{n} hits matched despite damaged letters (OCR or PDF damage): check them in"
                " the evidence.",
                guessed,
            )
        )
    return tuple(paragraphs)


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def _words(n: int) -> str:
    return f"{n:,}".replace(",", " ")
