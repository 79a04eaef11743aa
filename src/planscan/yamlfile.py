"""Read YAML into nodes that remember where they are. The only importer of PyYAML.

Validation (keywords.py, discover.py) works on these nodes so that every problem can be
reported as FILE:LINE:COL, and so YAML 1.1 surprises (`no` read as false, duplicate keys
silently overwritten) are caught instead of accepted.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from planscan.errors import ConfigError, Problem
from planscan.i18n import Message
from planscan.inputfile import MIB, read_regular

_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
}

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Node:
    """A YAML value with the line and column it was written at, for FILE:LINE:COL messages."""

    kind: str  # "map", "seq", or a scalar type: "str", "int", "float", "bool", "null", "other"
    line: int  # 1-based
    column: int  # 1-based
    raw: str = ""  # a scalar as written in the file
    value: Scalar = None
    items: tuple[Node, ...] = ()  # seq
    pairs: tuple[tuple[Node, Node], ...] = field(default=())  # map, in file order

    @property
    def is_scalar(self) -> bool:
        return self.kind not in ("map", "seq")


# Bounds on what a YAML file may make planscan do. A real keywords file, manifest or review
# file is far inside them; a few hundred bytes of nested aliases ("billion laughs") expand
# past any memory, and an alias inside its own anchor (`&p [*p]`) never ends.
MAX_YAML_BYTES = 16 * MIB
MAX_YAML_NODES = 250_000  # values, counted with every alias expanded
MAX_YAML_DEPTH = 64  # levels of nesting


def read_yaml_bytes(path: Path, display: str) -> bytes:
    """The bytes of a YAML input: a regular file of at most MAX_YAML_BYTES, or ConfigError."""
    try:
        return read_regular(path, MAX_YAML_BYTES)
    except FileNotFoundError:
        raise ConfigError([Problem(display, 1, 1, Message("file not found"))]) from None
    except OSError as exc:
        cannot = Message("cannot read: {why}", why=exc.strerror)
        raise ConfigError([Problem(display, 1, 1, cannot)]) from None


def load_nodes(path: Path, display: str) -> Node:
    """Given a YAML file, return its root node; raise ConfigError naming every syntax problem."""
    data = read_yaml_bytes(path, display)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(display, 1, 1, not_utf8(exc))]) from None
    return parse_nodes(text, display)


# libyaml's loader, where PyYAML was built with it, reads keywords.yaml twenty times faster
# than the pure-Python one: a good part of a re-scan's 0.3 s budget (issue 4).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_nodes(text: str, display: str) -> Node:
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or Message("invalid YAML")
        syntax = Message("YAML syntax error: {what}", what=what)
        raise ConfigError([Problem(display, line, col, syntax)]) from None
    except yaml.YAMLError as exc:
        error = Message("YAML error: {what}", what=str(exc))
        raise ConfigError([Problem(display, 1, 1, error)]) from None
    if root is None:
        return Node("null", 1, 1)
    _check_bounds(root, display)
    return _convert(root)


def _check_bounds(root: yaml.Node, display: str) -> None:
    """Raise ConfigError when a value, its aliases expanded, has more than MAX_YAML_NODES
    values or MAX_YAML_DEPTH levels, or contains itself; before anything is expanded."""
    sizes: dict[int, int] = {}  # expanded size of each node object (aliases share one)
    heights: dict[int, int] = {}
    open_nodes: set[int] = set()

    def fail(node: yaml.Node, message: Message) -> ConfigError:
        mark = node.start_mark
        return ConfigError([Problem(display, mark.line + 1, mark.column + 1, message)])

    def visit(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in open_nodes:
            raise fail(node, Message("this value contains itself (an alias inside its own anchor)"))
        too_deep = Message("values nested more than {n} levels deep", n=MAX_YAML_DEPTH)
        if depth > MAX_YAML_DEPTH:
            raise fail(node, too_deep)
        if key in sizes:
            if depth + heights[key] - 1 > MAX_YAML_DEPTH:
                raise fail(node, too_deep)
            return sizes[key]
        if isinstance(node, yaml.ScalarNode):
            children: list[yaml.Node] = []
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            children = list(node.value)
        open_nodes.add(key)
        total, height = 1, 1
        for child in children:
            total += visit(child, depth + 1)
            height = max(height, heights[id(child)] + 1)
            if total > MAX_YAML_NODES:
                raise fail(
                    node,
                    Message(
                        "this value expands to more than {n} values through its aliases"
                        " (a YAML bomb?)",
                        n=format(MAX_YAML_NODES, ","),
                    ),
                )
        open_nodes.discard(key)
        sizes[key], heights[key] = total, height
        return total

    visit(root, 1)


def _convert(node: yaml.Node) -> Node:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.MappingNode):
        pairs = tuple((_convert(k), _convert(v)) for k, v in node.value)
        return Node("map", line, col, pairs=pairs)
    if isinstance(node, yaml.SequenceNode):
        return Node("seq", line, col, items=tuple(_convert(v) for v in node.value))
    assert isinstance(node, yaml.ScalarNode)
    kind = _TAGS.get(node.tag, "other")
    value: Scalar = node.value
    if kind != "str":
        try:
            # A plain scalar resolves the same way on its own as inside the document.
            value = yaml.load(node.value, Loader=_LOADER)  # noqa: S506 (a safe loader)
        except (yaml.YAMLError, ValueError):  # ValueError: a date such as 2024-02-30
            kind = "other"
    return Node(kind, line, col, raw=node.value, value=value)


class Checker:
    """Collect every problem in a YAML document while reading typed values from it."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.display, node.line, node.column, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ConfigError(sorted(self.problems, key=lambda p: (p.line, p.column)))

    def mapping(
        self,
        node: Node,
        where: str,
        allowed: tuple[str, ...] | None = None,
        required: tuple[str, ...] = (),
    ) -> dict[str, Node]:
        """Return a map's entries by key; report duplicates, unknown and missing keys."""
        if node.kind != "map":
            self.problem(
                node,
                Message(
                    "{where} must be a mapping (key: value), not {what}",
                    where=where,
                    what=_describe(node),
                ),
            )
            return {}
        entries: dict[str, Node] = {}
        for key_node, value_node in node.pairs:
            key = self.key(key_node, where)
            if key is None:
                continue
            if key in entries:
                self.problem(
                    key_node,
                    Message(
                        "duplicate key {key} in {where} (first at line {line}); YAML would"
                        " silently keep only the last one",
                        key=repr(key),
                        where=where,
                        line=_key_line(node, key),
                    ),
                )
                continue
            if allowed is not None and key not in allowed:
                self.problem(
                    key_node,
                    Message(
                        "unknown key {key} in {where}; expected one of: {keys}",
                        key=repr(key),
                        where=where,
                        keys=", ".join(allowed),
                    ),
                )
                continue
            entries[key] = value_node
        for key in required:
            if key not in entries:
                self.problem(
                    node,
                    Message(
                        "{where} is missing the required key {key}", where=where, key=repr(key)
                    ),
                )
        return entries

    def key(self, node: Node, where: str) -> str | None:
        if node.kind == "str":
            return str(node.value)
        if node.kind in ("bool", "null"):
            self.problem(
                node,
                Message(
                    'key {key} in {where} is read as {what} by YAML; put it in quotes: "{raw}"',
                    key=repr(node.raw),
                    where=where,
                    what=_describe(node),
                    raw=node.raw,
                ),
            )
            return None
        if node.kind in ("int", "float"):
            return node.raw
        self.problem(
            node,
            Message(
                "a key in {where} must be a plain word, not {what}",
                where=where,
                what=_describe(node),
            ),
        )
        return None

    def string(self, node: Node, where: str, allow_empty: bool = False) -> str | None:
        if node.kind == "str" and (allow_empty or str(node.value).strip()):
            return str(node.value)
        if node.kind == "str":
            self.problem(node, Message("{where} must not be empty", where=where))
        elif node.kind in ("bool", "null") and node.raw:
            self.problem(
                node,
                Message(
                    '{where}: {value} is read as {what} by YAML; put it in quotes: "{raw}"',
                    where=where,
                    value=repr(node.raw),
                    what=_describe(node),
                    raw=node.raw,
                ),
            )
        else:
            self.problem(
                node, Message("{where} must be text, not {what}", where=where, what=_describe(node))
            )
        return None

    def number(
        self, node: Node, where: str, minimum: float | None = None, integer: bool = False
    ) -> float | None:
        ok_kinds = ("int",) if integer else ("int", "float")
        if node.kind not in ok_kinds or isinstance(node.value, bool):
            kind = Message("a whole number") if integer else Message("a number")
            self.problem(
                node,
                Message(
                    "{where} must be {kind}, not {what}",
                    where=where,
                    kind=kind,
                    what=_describe(node),
                ),
            )
            return None
        assert isinstance(node.value, (int, float))
        value = float(node.value)
        if minimum is not None and value < minimum:
            self.problem(
                node,
                Message(
                    "{where} must be at least {minimum}, not {value}",
                    where=where,
                    minimum=format(minimum, "g"),
                    value=node.raw,
                ),
            )
            return None
        return value

    def boolean(self, node: Node, where: str) -> bool | None:
        if node.kind == "bool":
            return bool(node.value)
        self.problem(
            node,
            Message("{where} must be true or false, not {what}", where=where, what=_describe(node)),
        )
        return None

    def date(self, node: Node, where: str) -> datetime.date | None:
        """A calendar date written as YYYY-MM-DD (YAML reads it as a date; quoted is fine)."""
        if node.is_scalar and _ISO_DATE.fullmatch(node.raw):
            try:
                return datetime.date.fromisoformat(node.raw)
            except ValueError:
                self.problem(
                    node,
                    Message("{where}: {value} is not a real date", where=where, value=node.raw),
                )
                return None
        self.problem(
            node,
            Message(
                "{where} must be a date written as YYYY-MM-DD, not {what}",
                where=where,
                what=_describe(node),
            ),
        )
        return None

    def strings(self, node: Node, where: str) -> tuple[str, ...]:
        if node.kind != "seq":
            self.problem(
                node,
                Message("{where} must be a list, not {what}", where=where, what=_describe(node)),
            )
            return ()
        item_of = Message("an item of {where}", where=where)
        values = (self.string(item, item_of) for item in node.items)
        return tuple(v for v in values if v is not None)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _key_line(node: Node, key: str) -> int:
    return next(k.line for k, _ in node.pairs if k.kind == "str" and k.value == key)


def _describe(node: Node) -> str:
    if node.kind == "map":
        return Message("a mapping")
    if node.kind == "seq":
        return Message("a list")
    if node.kind == "str":
        return Message("the text {text}", text=repr(node.raw))
    if node.kind in ("int", "float"):
        return Message("the number {number}", number=node.raw)
    if node.kind == "bool":
        return Message("the boolean {value}", value=str(node.value).lower())
    if node.kind == "null":
        return Message("nothing (null)")
    return repr(node.raw)


def within(where: str, key: str) -> Message:
    """A key inside a place of a YAML file ("plan 3: url"), the place said in any language."""
    return Message("{where}: {key}", where=where, key=key)


def not_utf8(error: UnicodeDecodeError) -> Message:
    return Message("not UTF-8 text ({why}); save it as UTF-8", why=error.reason)


def plain(node: Node) -> object:
    """A node as plain Python: dicts, lists and scalars (a date as it is written)."""
    if node.kind == "map":
        return {str(k.value) if k.kind == "str" else k.raw: plain(v) for k, v in node.pairs}
    if node.kind == "seq":
        return [plain(item) for item in node.items]
    return node.raw if node.kind == "other" else node.value


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes a str subclass (a Message) as the plain string it is."""


_Dumper.add_multi_representer(str, lambda dumper, value: dumper.represent_str(str(value)))


def dump(data: object) -> str:
    """Plain data as block-style YAML in the order given, æ/ø/å as they are."""
    return str(
        yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)
    )
