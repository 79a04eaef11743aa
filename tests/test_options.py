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
    by_number = ReportOptions(order=Order.NUMBER)
    # 1824 Vefsn, 1841 Fauske, 1865 Vågan, 1870 Sortland (the registry's numbers).
    assert ordered_municipalities(result, by_number) == ("Vefsn", "Fauske", "Vågan", "Sortland")
    # A name the registry does not know comes after those it knows, by name.
    unknown = replace(result, municipalities=("Omega", "Vågan", "Alfa", "Vefsn"))
    assert ordered_municipalities(unknown, by_number) == ("Vefsn", "Vågan", "Alfa", "Omega")


def test_csv_dialect_follows_the_language() -> None:
    assert ReportOptions(language="nb").dialect is CsvDialect.EXCEL_NB
    assert ReportOptions(language="nn").dialect is CsvDialect.EXCEL_NB
    assert ReportOptions(language="en").dialect is CsvDialect.EXCEL
    chosen = ReportOptions(language="nb", csv_dialect=CsvDialect.RFC4180)
    assert chosen.dialect is CsvDialect.RFC4180
