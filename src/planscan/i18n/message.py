"""A Message: English text that remembers the template and fields it was made of, so that
whoever shows it can say it in the reader's language (Language.say). The core writes its
warnings, notes and per-item messages as Messages; they are plain strs everywhere else
(JSON, the manifest, the cache), always in English."""

from __future__ import annotations

from typing import Any


class Message(str):
    """Message("{path}: no such file", path=p) == "x.pdf: no such file", and .template,
    .fields for translation. A field may itself be a Message; it is translated too."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, /, **fields: Any) -> Message:
        self = super().__new__(cls, template.format(**fields) if fields else template)
        self.template = template
        self.fields = fields
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to and from reader processes) with its template and fields.
        return (_rebuild, (self.template, self.fields))


def _rebuild(template: str, fields: dict[str, Any]) -> Message:
    return Message(template, **fields)
