"""A Message: English text that remembers the template and fields it was made of, so that
whoever shows it can say it in the reader's language (Language.say). The core writes its
warnings, notes and per-item messages as Messages; they are plain strs everywhere else
(JSON, the manifest, the cache), always in English."""

from __future__ import annotations

from typing import Any

from planscan.errors import PlanscanError


class Message(str):
    """Message("{path}: no such file", path=p) == "x.pdf: no such file", and .template,
    .fields for translation. A field may itself be a Message; it is translated too.
    plural_message() makes one with a plural form, chosen by its count n."""

    template: str
    fields: dict[str, Any]
    plural: str | None = None
    n: int = 0

    def __new__(cls, template: str, /, **fields: Any) -> Message:
        self = super().__new__(cls, template.format(**fields) if fields else template)
        self.template = template
        self.fields = fields
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to and from reader processes) with its template and fields.
        return (_rebuild, (self.template, self.fields, self.plural, self.n))


def plural_message(singular: str, plural: str, n: int, /, **fields: Any) -> Message:
    """A Message in the singular or plural form for n ({n} in it is the number)."""
    message = Message(singular if n == 1 else plural, n=n, **fields)
    message.template, message.plural, message.n = singular, plural, n
    message.fields = fields
    return message


def _rebuild(template: str, fields: dict[str, Any], plural: str | None, n: int) -> Message:
    if plural is not None:
        return plural_message(template, plural, n, **fields)
    return Message(template, **fields)


def error_message(error: PlanscanError) -> Message:
    """What an error says, as a Message (a document's message, a reason inside another)."""
    if isinstance(error.template, Message) and not error.fields:
        return error.template
    if error.template:
        return Message(error.template, **error.fields)
    return Message(str(error))
