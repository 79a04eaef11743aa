"""chars.terminal_safe: what a terminal would act on is written visibly, the rest kept."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from planscan.chars import fold, terminal_safe


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Vågan", "Vågan"),
        ("Bø i Telemark", "Bø i Telemark"),
        ("\x1b]0;owned\x07plan.pdf", "\\x1b]0;owned\\x07plan.pdf"),  # OSC: retitle
        ("\x1b[2J\x1b[Hren", "\\x1b[2J\\x1b[Hren"),  # clear the screen
        ("a\nplanscan: fake", "a\\nplanscan: fake"),
        ("a\rb\tc", "a\\rb\\tc"),
        ("\x9b31m", "\\x9b31m"),  # the one-byte CSI of C1
        ("fdp.\u202etxt", "fdp.\\u202etxt"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("a\u2028b", "a\\u2028b"),
        ("\x00\x7f", "\\x00\\x7f"),
    ],
)
def test_control_characters_line_breaks_and_bidi_are_written_visibly(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_keep_lines_keeps_line_feeds_only() -> None:
    assert terminal_safe("a\nb\x1b[31m\r", keep_lines=True) == "a\nb\\x1b[31m\\r"


def test_safe_text_is_left_as_it_is() -> None:
    text = "Temaplan bolig · «Husbanken» – æøå ÆØÅ 😀 \\x1b"
    assert terminal_safe(text) is text or terminal_safe(text) == text
    assert terminal_safe(terminal_safe("\x1b\n")) == "\\x1b\\n"  # idempotent


@example("Bustadsosial BOLIGSØKER Straße İzmir ΑΣ")
@example("Ærlig æøå ÄÖÉÈ éè")
@given(st.text(alphabet="æøåäöéèÆØÅÄÖÉÈaeoAEOßİ \n", max_size=40) | st.text(max_size=40))
def test_fold_rewrites_each_letter_of_its_table_alone(text: str) -> None:
    """fold() replaces the letters one after the other: the same as rewriting each character
    of the casefolded text on its own."""
    spelled = {"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e"}
    assert fold(text) == "".join(spelled.get(c, c) for c in text.casefold())
