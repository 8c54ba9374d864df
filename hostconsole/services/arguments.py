"""Each command's arguments as a typed record, decoded at the engine's door: a value of the
wrong type, out of range or not asked for refuses the command before any handler runs (so it
changes nothing), with a sentence that names the argument.

The console, the control API and the command log all pass a command's arguments as a mapping
(JSON-shaped); ``decode_arguments`` turns it into the record its handler reads.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from hostconsole.services.commands import INVALID, CommandKind, Refused

Seconds = Annotated[float, msgspec.Meta(ge=-3600, le=3600)]
Amount = Annotated[int, msgspec.Meta(ge=-10_000, le=10_000)]
ShortText = Annotated[str, msgspec.Meta(max_length=120)]
Text = Annotated[str, msgspec.Meta(max_length=500)]


class Arguments(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """No arguments at all (next, previous, pause…); the base of every command's record."""

    def __post_init__(self) -> None:
        # Text is written to logs, files and OBS: a lone surrogate would fail there, later.
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise ValueError(f"'{name}' is not valid Unicode text") from None


class SegmentChoice(Arguments, frozen=True):
    """A segment named by id (``segment``) or by number (``index``), or none."""

    segment: str | None = None
    index: int | None = None


class Go(SegmentChoice, frozen=True):
    # Set by the engine's timer (this segment ran out, to that one, at that moment): the
    # command log keeps them.
    from_index: int | None = None
    to_index: int | None = None
    at: float | None = None


class Time(Arguments, frozen=True):
    seconds: Seconds


class Reapply(Arguments, frozen=True):
    collection: bool = False  # OBS switched scene collection


class StudioMode(Arguments, frozen=True):
    enabled: bool


class Overlay(Arguments, frozen=True):
    overlay: str
    visible: bool


class Point(Arguments, frozen=True):
    point: str | None = None


class MilestoneCard(Arguments, frozen=True):
    visible: bool = False
    milestone: int | None = None


class Preflight(Arguments, frozen=True):
    create: bool = False


class Safe(Arguments, frozen=True):
    on: bool | None = None  # None: the other one (the key toggles)
    again: bool = False  # SAFE pressed while off air: take what came back off again


class Output(Arguments, frozen=True):
    on: bool
    confirm: bool = False  # stopping while a segment is on air is asked first


class Clip(Arguments, frozen=True):
    what: ShortText = ""


class Message(Arguments, frozen=True):
    text: Text = ""
    blink: bool = False


class Covered(Arguments, frozen=True):
    point: str
    covered: bool = True


class Prompter(Arguments, frozen=True):
    action: str
    segment: str | None = None


class Prompt(Arguments, frozen=True):
    action: Literal["dismiss"]


class Question(Arguments, frozen=True):
    action: str
    id: str | None = None


class Correction(Arguments, frozen=True):
    amount: Amount
    reason: Text

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.amount == 0:
            raise ValueError("'amount' must be a non-zero whole number")


class ResolveFile(Arguments, frozen=True):
    keep: Literal["file", "mine"]


class Insert(Arguments, frozen=True, tag="insert", tag_field="op"):
    index: int
    fields: dict[str, Any]


class Remove(Arguments, frozen=True, tag="remove", tag_field="op"):
    segment: str


class Move(Arguments, frozen=True, tag="move", tag_field="op"):
    segment: str
    index: int


class SetFields(Arguments, frozen=True, tag="set", tag_field="op"):
    segment: str
    changes: dict[str, Any]


Edit = Insert | Remove | Move | SetFields

ARGUMENTS: dict[CommandKind, Any] = {
    CommandKind.GO: Go,
    CommandKind.TIME: Time,
    CommandKind.ARM: SegmentChoice,
    CommandKind.REAPPLY: Reapply,
    CommandKind.PREPARE: SegmentChoice,
    CommandKind.STUDIO_MODE: StudioMode,
    CommandKind.OVERLAY: Overlay,
    CommandKind.CAPTION: Point,
    CommandKind.MILESTONE_CARD: MilestoneCard,
    CommandKind.PREFLIGHT: Preflight,
    CommandKind.SAFE: Safe,
    CommandKind.STREAM: Output,
    CommandKind.RECORD: Output,
    CommandKind.CLIP: Clip,
    CommandKind.MESSAGE: Message,
    CommandKind.PUSH: Point,
    CommandKind.COVERED: Covered,
    CommandKind.PROMPTER: Prompter,
    CommandKind.PROMPT: Prompt,
    CommandKind.QUESTION: Question,
    CommandKind.CORRECTION: Correction,
    CommandKind.EDIT: Edit,
    CommandKind.RESOLVE_FILE: ResolveFile,
}  # every other command takes no arguments


def decode_arguments(kind: CommandKind, args: Any) -> Any:
    """``args`` as ``kind``'s record; refused (INVALID) with the argument named when they do
    not fit."""
    try:
        return msgspec.convert(dict(args), ARGUMENTS.get(kind, Arguments))
    except msgspec.ValidationError as error:
        raise Refused(f"the {kind.value} command's arguments: {error}", INVALID) from None
