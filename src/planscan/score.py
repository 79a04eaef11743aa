"""Turn a document's term counts into a colour, with a breakdown a planner can check. Pure."""

from __future__ import annotations

import math
from collections.abc import Mapping

from planscan.models import KeywordSet, ScoreBreakdown, Status, TermScore


def score_document(counts: Mapping[str, int], words: int, keywords: KeywordSet) -> ScoreBreakdown:
    """Given hits per term and the document's word count, return its score and colour."""
    rules = keywords.scoring
    term_scores = []
    for term in keywords.terms:
        count = counts.get(term.key, 0)
        counted = min(count, rules.cap)
        term_scores.append(
            TermScore(
                term.key,
                count,
                counted,
                term.weight,
                counted * term.weight,
                term.specific,
                term.generic,
            )
        )
    generic_points = min(sum(t.points for t in term_scores if t.generic), rules.generic_cap)
    points = generic_points + sum(t.points for t in term_scores if not t.generic)
    length = max(words, rules.min_length_words) / rules.length_unit_words
    length_factor = math.sqrt(length)
    score = points / length_factor
    specific = sum(1 for t in term_scores if t.specific and t.count > 0)

    if score >= rules.green_score and specific >= rules.green_specific_terms:
        status = Status.GREEN
        reason = (
            f"score {score:.1f} reaches green ({rules.green_score:g}) and {specific} specific"
            f" housing-social terms were found (green needs {rules.green_specific_terms})"
        )
    elif score >= rules.yellow_score:
        status = Status.YELLOW
        if score >= rules.green_score:
            reason = (
                f"score {score:.1f} reaches green ({rules.green_score:g}), but only {specific}"
                f" specific housing-social terms were found (green needs"
                f" {rules.green_specific_terms}): housing-social work is not a broad theme"
            )
        else:
            reason = (
                f"score {score:.1f} reaches yellow ({rules.yellow_score:g}) but not green"
                f" ({rules.green_score:g}): few hits on the search words"
            )
    else:
        status = Status.RED
        reason = (
            f"score {score:.1f} is below yellow ({rules.yellow_score:g}):"
            " little housing-social content to trace"
        )
    return ScoreBreakdown(
        terms=tuple(term_scores),
        generic_points=generic_points,
        points=points,
        words=words,
        length_factor=length_factor,
        score=score,
        specific_terms=specific,
        status=status,
        reason=reason,
    )
