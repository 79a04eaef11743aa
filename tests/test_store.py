"""The download store: index records, content-addressed files, and locating plans by URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from planscan.errors import InputError
from planscan.models import FetchOutcome, FetchRecord, PlanRef, Status
from planscan.store import Store, locate

SHA = "ab" * 32


def test_records_round_trip_through_the_index(tmp_path: Path) -> None:
    store = Store(tmp_path)
    record = FetchRecord(
        "https://k.no/plan.pdf",
        FetchOutcome.DOWNLOADED,
        "2021-12-01T12:00:00Z",
        final_url="https://k.no/files/plan.pdf",
        http_status=200,
        sha256=SHA,
        size=10,
        kind="pdf",
        etag='"x"',
    )
    store.put(record)
    assert not (tmp_path / "index.json").exists()  # written on flush
    store.flush()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.json"]  # no temporary left
    assert Store(tmp_path).record(record.url) == record


@pytest.mark.parametrize(
    "index",
    [
        "{not json",
        '{"planscan_store": 99, "documents": []}',
        '{"planscan_store": 1, "documents": [{"url": "u", "outcome": "eaten"}]}',
        # A sha256 that would make a path outside the store is refused.
        '{"planscan_store": 1, "documents": [{"url": "u", "outcome": "downloaded",'
        ' "fetched_at": "", "sha256": "../../../etc/passwd", "kind": "pdf"}]}',
        '{"planscan_store": 1, "documents": [{"url": "u", "outcome": "downloaded",'
        f' "fetched_at": "", "sha256": "{SHA}", "kind": "sh"}}]}}',
    ],
)
def test_a_damaged_index_is_an_error_that_says_what_to_do(tmp_path: Path, index: str) -> None:
    (tmp_path / "index.json").write_text(index, encoding="utf-8")
    with pytest.raises(InputError, match="delete the store folder and fetch again"):
        Store(tmp_path).records()


def test_locate_points_plans_by_url_at_their_stored_copy(tmp_path: Path) -> None:
    store = Store(tmp_path)
    stored = store.object_path(SHA, "pdf")
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"%PDF-1.4")
    store.put(FetchRecord("u1", FetchOutcome.DOWNLOADED, "t", sha256=SHA, kind="pdf"))
    store.put(FetchRecord("u2", FetchOutcome.GONE, "t", message="HTTP 410 Gone: not online"))
    store.put(FetchRecord("u3", FetchOutcome.DOWNLOADED, "t", sha256="cd" * 32, kind="pdf"))
    refs = [
        PlanRef("A", None, "samfunnsdel", url="u1"),
        PlanRef("A", None, "arealdel", url="u2"),
        PlanRef("A", None, "planstrategi", url="u3"),  # its file was deleted
        PlanRef("A", None, "temaplan-bolig", url="u4"),  # never fetched
        PlanRef("A", Path("local.pdf"), "temaplan-helse", url="u1"),  # a path wins
        PlanRef("A", None, "temaplan-oppvekst"),  # declared absent
    ]
    one, two, three, four, five, six = locate(refs, store)
    assert (one.path, one.stored, one.unavailable) == (stored, True, None)
    assert two.unavailable is not None and two.path is None
    assert (two.unavailable.status, two.unavailable.reason) == (Status.MISSING, "gone")
    assert three.unavailable is not None and three.unavailable.reason == "not-fetched"
    assert three.unavailable.message == "the stored copy is gone; run planscan fetch again"
    assert four.unavailable is not None and four.unavailable.status is Status.ERROR
    assert (five, six) == (refs[4], refs[5])
