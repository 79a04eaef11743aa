"""A plan written in nynorsk scores like the same plan in bokmål."""

from __future__ import annotations

from pathlib import Path

import pytest

import planscan
from planscan import KeywordSet, Status
from planscan.models import PlanRef


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_nynorsk_plan_scores_like_its_bokmal_twin(
    docs: dict[str, Path], keywords: KeywordSet, kind: str
) -> None:
    bokmal = planscan.scan_document(PlanRef("A", docs[f"bokmal_{kind}"]), keywords)
    nynorsk = planscan.scan_document(PlanRef("A", docs[f"nynorsk_{kind}"]), keywords)
    assert bokmal.status is nynorsk.status is Status.GREEN
    # every term found, the same number of times, in both languages
    assert all(bokmal.counts.values())
    assert nynorsk.counts == bokmal.counts
    assert nynorsk.score == pytest.approx(bokmal.score, rel=0.02)
    nynorsk_words = {h.match.casefold() for h in nynorsk.hits}
    assert {
        "bustadsosial",
        "bustadpolitikken",
        "vanskelegstilte",
        "bustadmarknaden",
        "bustad",
        "bustader",
        "utleigebustader",
        "busetjing",
        "busetjingsarbeidet",
        "nærleiken",
    } <= nynorsk_words
