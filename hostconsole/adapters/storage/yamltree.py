"""Read YAML safely into plain Python values, remembering where every value was written.

Built on the libyaml event stream rather than a composer so that it never recurses:
deep nesting, aliases (and so alias bombs), tags and duplicate keys are refused with a
located message before anything is built from them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import msgspec
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

MAX_DEPTH = 32
MAX_NODES = 500_000

_ALLOWED_EXPLICIT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
# YAML 1.2 core schema, the resolution the show-file reference documents.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Position = tuple[int, int]


class TreeError(msgspec.Struct, frozen=True):
    """A problem found while reading YAML, at a 1-based line and column."""

    line: int
    column: int
    message: str
    path: str = ""


class Tree(msgspec.Struct):
    """Plain values plus the position of each value and each mapping key, by field path."""

    root: Any
    value_at: dict[str, Position] = msgspec.field(default_factory=dict)
    key_at: dict[str, Position] = msgspec.field(default_factory=dict)

    def position(self, path: str) -> Position:
        """Where the value at ``path`` was written, else its nearest written ancestor."""
        while True:
            if path in self.value_at:
                return self.value_at[path]
            if not path:
                return (1, 1)
            path = _parent(path)


class TreeReadError(Exception):
    def __init__(self, errors: list[TreeError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    if "." in path:
        return path[: path.rindex(".")]
    return ""


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _scalar(event: ScalarEvent) -> Any:
    value: str = event.value
    plain = event.style in (None, "") and event.implicit[0]
    if not plain:
        return value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.match(value):
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(value)
    if _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _position(event: Any) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def read_tree(text: str) -> Tree:
    """Plain dicts, lists and scalars from one YAML document, or TreeReadError."""
    tree = Tree(root=None)
    errors: list[TreeError] = []
    # Each frame: (container, path, pending key for mappings, seen keys)
    stack: list[list[Any]] = []
    documents = 0
    nodes = 0
    parser = YAML(typ="safe", pure=False)

    def place(value: Any, event: Any) -> None:
        if not stack:
            tree.root = value
            tree.value_at[""] = _position(event)
            return
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            item_path = join(path, len(container))
            tree.value_at[item_path] = _position(event)
            container.append(value)
            return
        if frame[2] is _NO_KEY:
            if not isinstance(value, str):
                errors.append(TreeError(*_position(event), "keys must be plain text", path))
                value = str(value)
            key_path = join(path, value)
            if value in container or value in frame[3]:
                errors.append(TreeError(*_position(event), f"duplicate key '{value}'", key_path))
            frame[3].add(value)
            tree.key_at[key_path] = _position(event)
            frame[2] = value
            return
        key = frame[2]
        key_path = join(path, key)
        tree.value_at[key_path] = _position(event)
        if key not in container:
            container[key] = value
        frame[2] = _NO_KEY

    def child_path() -> str:
        if not stack:
            return ""
        frame = stack[-1]
        if isinstance(frame[0], list):
            return join(frame[1], len(frame[0]))
        return join(frame[1], frame[2]) if frame[2] is not _NO_KEY else frame[1]

    try:
        for event in parser.parse(text):
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    errors.append(TreeError(*_position(event), "only one YAML document is allowed"))
                    break
                continue
            if isinstance(event, AliasEvent):
                errors.append(
                    TreeError(
                        *_position(event),
                        f"YAML aliases (*{event.anchor}) are not allowed; write the value out",
                        child_path(),
                    )
                )
                place(None, event)
                continue
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in _ALLOWED_EXPLICIT_TAGS:
                errors.append(
                    TreeError(
                        *_position(event),
                        f"YAML tags ({tag}) are not allowed in a show file",
                        child_path(),
                    )
                )
            if isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    errors.append(TreeError(*_position(event), "the file has too many values"))
                    break
            if isinstance(event, ScalarEvent):
                place(_scalar(event) if tag is None else event.value, event)
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                if len(stack) >= MAX_DEPTH:
                    errors.append(
                        TreeError(*_position(event), f"nested deeper than {MAX_DEPTH} levels")
                    )
                    break
                container: Any = {} if isinstance(event, MappingStartEvent) else []
                path = child_path()
                place(container, event)
                stack.append([container, path, _NO_KEY, set()])
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                stack.pop()
    except MarkedYAMLError as error:
        errors.append(_syntax_error(error, text))
    except YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "not valid YAML"
        errors.append(TreeError(1, 1, f"not valid YAML: {first}"))
    if errors:
        raise TreeReadError(errors)
    return tree


# libyaml's context, in the words of someone looking at the line it points to.
_OPENED = {
    "while parsing a flow mapping": "this “{”",
    "while parsing a flow sequence": "this “[”",
    "while scanning a quoted scalar": "this quoted text",
    "while parsing a block mapping": "this block",
    "while parsing a block collection": "this list",
}


def _unclosed_bracket(text: str, before_line: int) -> tuple[int, int, str] | None:
    """The last ``{`` or ``[`` still open before a line (0-based), outside quotes and
    comments: (line, column, bracket), 0-based."""
    stack: list[tuple[int, int, str]] = []
    for number, line in enumerate(text.splitlines()[: before_line + 1]):
        quote = ""
        for column, character in enumerate(line):
            if quote:
                if character == quote:
                    quote = ""
            elif character in "\"'":
                quote = character
            elif character == "#" and (column == 0 or line[column - 1] in " \t"):
                break
            elif character in "{[":
                stack.append((number, column, character))
            elif character in "}]" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _syntax_error(error: MarkedYAMLError, text: str) -> TreeError:
    """Where the producer must look: the construct left open (libyaml's context mark, e.g.
    an unclosed ``{`` on line 4) as well as where parsing stopped (often the file's end)."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    problem = error.problem or error.context or "not valid YAML"
    if problem_mark is not None and (
        context_mark is None
        or (context_mark.line, context_mark.column) == (problem_mark.line, problem_mark.column)
    ):
        opened = _unclosed_bracket(text, problem_mark.line)
        if opened is not None and opened[0] < problem_mark.line:
            line, column, bracket = opened
            return TreeError(
                line + 1,
                column + 1,
                f"not valid YAML: this “{bracket}” is never closed (parsing stopped at "
                f"line {problem_mark.line + 1}, column {problem_mark.column + 1}: {problem})",
            )
    if context_mark is not None and (
        problem_mark is None
        or (context_mark.line, context_mark.column) != (problem_mark.line, problem_mark.column)
    ):
        construct = _OPENED.get(error.context or "", error.context or "what starts here")
        stopped = (
            f" (parsing stopped at line {problem_mark.line + 1}, column {problem_mark.column + 1}:"
            f" {problem})"
            if problem_mark is not None
            else f" ({problem})"
        )
        return TreeError(
            context_mark.line + 1,
            context_mark.column + 1,
            f"not valid YAML: {construct} is never closed{stopped}",
        )
    mark = problem_mark or context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return TreeError(line, column, f"not valid YAML: {problem}")


class _NoKey:
    __slots__ = ()


_NO_KEY: Any = _NoKey()
