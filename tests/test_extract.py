from __future__ import annotations

from pathlib import Path

import pytest

from planscan.errors import DocumentError
from planscan.extract import extract_pages
from planscan.extract.precheck import sniff


@pytest.mark.parametrize("name", ["pages_pdf", "pages_docx"])
def test_pages_come_back_in_order(docs: dict[str, Path], name: str) -> None:
    pages = extract_pages(docs[name]).pages
    assert [p.strip() for p in pages] == [
        "Side en handler om skole.",
        "Side to: Husbanken og startlån.",
        "Side tre.",
    ]


def test_norwegian_letters_survive_pdf_extraction(docs: dict[str, Path]) -> None:
    text = extract_pages(docs["terms_pdf"]).pages[0]
    assert "på boligmarkedet" in text and "Nærhet" in text and "startlån" in text


def test_scanned_pdf_has_pages_but_no_text(docs: dict[str, Path]) -> None:
    pages = extract_pages(docs["scanned_pdf"]).pages
    assert len(pages) == 1 and pages[0].strip() == ""


@pytest.mark.parametrize(
    ("content", "reason", "words"),
    [
        (b"", "empty", "empty"),
        (b"<!DOCTYPE html><html>404</html>", "not-pdf", "web page"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "legacy-doc", ".docx"),
        (b"%PDF-1.7\n1 0 obj garbage", "truncated", "cut off"),
        (b"%PDF-1.7\n1 0 obj garbage\n%%EOF\n", "damaged", "damaged"),
        (b"PK\x03\x04not really a zip", "damaged", "Word"),
        (b"just some bytes", "damaged", "neither a PDF, a DOCX nor a web page"),
    ],
)
def test_unreadable_files_get_a_reason_and_a_plain_message(
    tmp_path: Path, content: bytes, reason: str, words: str
) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        extract_pages(path)
    assert info.value.reason == reason
    assert words in str(info.value)


def test_sniff_decides_by_content_not_name() -> None:
    assert sniff(b"%PDF-1.4") == "pdf"
    assert sniff(b"PK\x03\x04") == "zip"
    assert sniff(b"  <html>") == "html"
