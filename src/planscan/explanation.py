"""Why a document landed on its colour, in the words a planner would use to defend it. Pure."""

from __future__ import annotations

import math

from planscan.models import DocumentResult, KeywordSet, MatchKind, Status


def _listing(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{term} {count}×" for term, count in pairs)


def _words(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def explain_verdict(doc: DocumentResult, keywords: KeywordSet) -> tuple[str, ...]:
    """Return short paragraphs saying why doc got its colour and what would change it."""
    b = doc.breakdown
    if b is None:
        return (doc.message or "The document has no score.",)
    rules = keywords.scoring
    specific = [(t.term, t.count) for t in b.terms if t.specific and t.count]
    generic = [(t.term, t.count) for t in b.terms if t.generic and t.count]
    specific_names = ", ".join(t.key for t in keywords.terms if t.specific)
    needed_specific = rules.green_specific_terms
    paragraphs: list[str] = []

    if b.status is Status.GREEN:
        paragraphs.append(
            f"Green: housing-social work is a theme in this plan. It uses {len(specific)}"
            f" different housing-social words ({_listing(specific)}), and its score for its"
            f" length, {b.score:.1f}, reaches the {rules.green_score:g} that green needs."
        )
    elif b.status is Status.YELLOW and b.score >= rules.green_score:
        paragraphs.append(
            f"Yellow, not green: the plan has many hits for its length (score {b.score:.1f};"
            f" green needs {rules.green_score:g}), but only {len(specific)} housing-social"
            f" word{'s' if len(specific) != 1 else ''}"
            f"{' (' + _listing(specific) + ')' if specific else ''}. Green also needs at least"
            f" {needed_specific} different ones, so that housing-social work is a theme and"
            " not a passing remark."
        )
    elif b.status is Status.YELLOW:
        paragraphs.append(
            f"Yellow: some housing-social content. Its score for its length, {b.score:.1f},"
            f" is above the {rules.yellow_score:g} that yellow needs and below the"
            f" {rules.green_score:g} that green needs."
        )
    else:
        paragraphs.append(
            f"Red: little housing-social content to trace. Its score for its length,"
            f" {b.score:.1f}, is below the {rules.yellow_score:g} that yellow needs."
        )

    if specific and b.score < rules.green_score:
        paragraphs.append(f"Housing-social words found: {_listing(specific)}.")
    elif not specific:
        paragraphs.append(
            f"None of the housing-social words ({specific_names}) occurs in the plan."
        )
    other = [(t.term, t.count) for t in b.terms if not t.specific and not t.generic and t.count]
    if other:
        paragraphs.append(f"Other search words found: {_listing(other)}.")
    if generic:
        raw = sum(t.points for t in b.terms if t.generic)
        cut = f" (here {raw:g}, cut to {b.generic_points:g})" if raw > b.generic_points else ""
        paragraphs.append(
            f"General words ({_listing(generic)}) count for little: together at most"
            f" {rules.generic_cap:g} points{cut}. Zoning for housing or talk of growth is not"
            " housing-social planning."
        )
    capped_terms = [t.term for t in b.terms if t.count > t.counted]
    if capped_terms:
        paragraphs.append(
            f"Each word counts at most {rules.cap} times: {', '.join(capped_terms)}"
            f" {'was' if len(capped_terms) == 1 else 'were'} cut to {rules.cap}."
        )
    if b.words > rules.min_length_words:
        paragraphs.append(
            f"The plan is {_words(b.words)} words long, so its {b.points:g} points are divided"
            f" by {b.length_factor:.1f} (the square root of its length in thousands of words):"
            " a long plan needs more hits than a short one to say as much."
        )

    best = max((t.weight for t in keywords.terms if t.specific), default=0.0)
    if b.status is Status.YELLOW and b.score < rules.green_score and best > 0:
        missing = math.ceil((rules.green_score - b.score) * b.length_factor)
        breadth = (
            f", and at least {needed_specific} different ones"
            if len(specific) < needed_specific
            else ""
        )
        such = " or ".join(t.key for t in keywords.terms if t.specific and t.weight == best)
        paragraphs.append(
            f"To be green it would need about {missing} more points: for example"
            f" {math.ceil(missing / best)} more mentions of housing-social words worth {best:g}"
            f" points each ({such}){breadth}."
        )
    elif b.status is Status.RED and best > 0:
        short = (rules.yellow_score - b.score) * b.length_factor
        mentions = math.ceil(short / best)
        paragraphs.append(
            f"To be yellow it would need about {math.ceil(short * 10) / 10:g} more points:"
            f" {mentions} real mention{'s' if mentions != 1 else ''} of a housing-social word"
            f" ({best:g} points each) would do."
        )

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
