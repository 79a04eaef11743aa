"""Report options: the order of municipalities and the CSV dialect a language gets."""

from __future__ import annotations

from dataclasses import replace

from planscan import ScanResult
from planscan.report.options import (
    CsvDialect,
    Order,
    ReportOptions,
    norwegian_key,
    ordered_municipalities,
)


def test_norwegian_alphabetical_order() -> None:
    names = ["Øksnes", "Ås", "Vågan", "Værøy", "Vefsn", "Aasen", "Alstahaug", "Zeta"]
    assert sorted(names, key=norwegian_key) == [
        "Alstahaug",
        "Vefsn",
        "Værøy",
        "Vågan",
        "Zeta",
        "Øksnes",
        "Ås",
        "Aasen",  # aa is å: Åsen
    ]


def test_order_of_municipalities(examples_result: ScanResult) -> None:
    result = replace(examples_result, municipalities=("Vågan", "Fauske", "Vefsn", "Sortland"))
    assert ordered_municipalities(result) == ("Vågan", "Fauske", "Vefsn", "Sortland")
    by_name = ReportOptions(order=Order.NAME)
    assert ordered_municipalities(result, by_name) == ("Fauske", "Sortland", "Vefsn", "Vågan")
    numbers = (("Vefsn", "1824"), ("Vågan", "1865"), ("Fauske", "1841"), ("Sortland", "1870"))
    by_number = ReportOptions(order=Order.NUMBER, numbers=numbers)
    assert ordered_municipalities(result, by_number) == ("Vefsn", "Fauske", "Vågan", "Sortland")
    # Without a known number, a municipality comes after those with one, by name.
    partly = ReportOptions(order=Order.NUMBER, numbers=numbers[:2])
    assert ordered_municipalities(result, partly) == ("Vefsn", "Vågan", "Fauske", "Sortland")


def test_csv_dialect_follows_the_language() -> None:
    assert ReportOptions(language="nb").dialect is CsvDialect.EXCEL_NB
    assert ReportOptions(language="nn").dialect is CsvDialect.EXCEL_NB
    assert ReportOptions(language="en").dialect is CsvDialect.EXCEL
    chosen = ReportOptions(language="nb", csv_dialect=CsvDialect.RFC4180)
    assert chosen.dialect is CsvDialect.RFC4180
