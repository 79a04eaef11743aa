"""Words for people, in Norwegian Bokmål, Nynorsk or English: messages from gettext
catalogues (locale/{nb,nn}/LC_MESSAGES/planscan.mo), numbers and dates formatted for the
language, and status words. Machine-readable ids (green, yellow, missing, level ids) never
pass through here.

Messages are written in English in the code, marked as `lang._("...")`, `lang.ngettext(...)`,
`lang.pgettext(context, ...)`, `N_("...")`, `Message("...", **fields)` or `plural_message(...)`
(the core's text, said in the reader's language by `lang.say`) so that tools/catalogues.py
finds them; fields are `{name}`, filled after translation with str.format, never with
f-strings.
"""

from __future__ import annotations

from planscan.i18n.language import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    N_,
    Language,
    choose_language,
    get_language,
    status_of_word,
)
from planscan.i18n.message import Message, error_message, plural_message

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "Language",
    "Message",
    "choose_language",
    "error_message",
    "get_language",
    "plural_message",
    "status_of_word",
]
