"""Settings and run state read at the boundary, field by field, with msgspec.

A file written by a person or left half-written by a crash must never stop the console: each
field is checked against its declared type and limits; a wrong one is named in the log and
replaced by its default, and a run state that cannot be read at all is kept aside (renamed,
not deleted) and reported.
"""

from __future__ import annotations

import json
import logging
import math
import time
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

Port = Annotated[int, msgspec.Meta(ge=1, le=65535)]
Count = Annotated[int, msgspec.Meta(ge=1, le=100_000_000)]
Text = Annotated[str, msgspec.Meta(max_length=2000)]

# The type and limits of every setting; the defaults live on the Settings dataclass.
SETTINGS_SCHEMA: dict[str, Any] = {
    "schema_version": int,
    "obs_host": Annotated[str, msgspec.Meta(min_length=1, max_length=253)],
    "obs_port": Port,
    "feed_kind": Literal["none", "poll", "stream", "both"],
    "poll_url": Text,
    "stream_url": Text,
    "comments_url": Text,
    "hub_url": Text,
    "quiet_prompt_seconds": Annotated[float, msgspec.Meta(ge=10, le=3600)],
    "burst_prompt_sales": Annotated[int, msgspec.Meta(ge=1, le=100_000)],
    "json_pointer": Text,
    "poll_interval": Annotated[float, msgspec.Meta(ge=0.2, le=3600)],
    "verify_tls": bool,
    "goal": Count | None,
    "milestones": list[Count] | None,
    "presenter_screen": Annotated[int, msgspec.Meta(ge=-1, le=64)],
    "presenter_mirror": bool,
    "language": Literal["system", "zh_CN", "en"],
    "shortcuts": dict[str, Annotated[str, msgspec.Meta(max_length=40)]],
    "last_show": Text,
    "control_port": Annotated[int, msgspec.Meta(ge=0, le=65535)],
    "control_host": Annotated[str, msgspec.Meta(min_length=1, max_length=253)],
}


class SavedMessage(msgspec.Struct, frozen=True):
    text: Annotated[str, msgspec.Meta(max_length=500)] = ""
    blink: bool = False


Id = Annotated[str, msgspec.Meta(max_length=200)]
Index = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]


class SavedOffAir(msgspec.Struct, frozen=True, kw_only=True):
    """SAFE on: what Back on air restores (services/show/state.py's OffAir)."""

    since: Annotated[float, msgspec.Meta(ge=0)] = 0.0
    origin: Text = ""
    program: Text | None = None
    graphics: list[Id] = []
    muted_before: list[tuple[Text, bool]] = []


class SavedRunState(msgspec.Struct, kw_only=True):
    """The run state as saved: the one definition the engine writes, this module checks field
    by field and the engine resumes from (services/show/state.py's RunState)."""

    show_file: Text = ""
    saved_at: float = 0.0
    # The monotonic clock at saved_at, and the boot it counts from: a restart on the same
    # boot continues the show's own time from them, whatever the wall clock did meanwhile.
    monotonic: Annotated[float, msgspec.Meta(ge=0)] | None = None
    boot: Annotated[str, msgspec.Meta(max_length=64)] = ""
    closed_cleanly: bool = True
    rehearsal: bool = False
    day: Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    clock: dict[str, Any] | None = None  # read field by field by domain/clock.py
    covered: list[Id] = []
    message: SavedMessage = SavedMessage()
    prompter: dict[str, Any] = {}  # read field by field by services/prompter.py
    # segment id → [actual start, actual end or null], epoch seconds (the cuesheet's times)
    actual_times: dict[Id, list[Annotated[float, msgspec.Meta(ge=0)] | None]] = {}
    armed: Index | None = None
    prepared: Index | None = None
    pushed_point: Id | None = None
    caption_point: Id | None = None
    owed_cue: Id | None = None
    question_presented: Id | None = None
    question_on_air: Id | None = None
    safe: SavedOffAir | None = None


RUN_STATE_SCHEMA: dict[str, Any] = {
    info.name: info.type for info in msgspec.structs.fields(SavedRunState)
}
# Every field's default but the clock's (a run state without a clock is not resumed).
RUN_STATE_DEFAULTS: dict[str, Any] = {
    name: value
    for name, value in msgspec.structs.asdict(SavedRunState()).items()
    if name != "clock"
}


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_finite(item) for item in value)
    if isinstance(value, dict):
        return all(_finite(item) for item in value.values())
    return True


def check_fields(
    raw: dict[str, Any], schema: dict[str, Any], where: str
) -> tuple[dict[str, Any], list[str]]:
    """The fields of ``raw`` that fit ``schema`` (converted), and a message for each that does
    not (it is left out, so its default applies). Unknown fields are ignored."""
    good: dict[str, Any] = {}
    problems: list[str] = []
    for name, kind in schema.items():
        if name not in raw:
            continue
        value = raw[name]
        try:
            if not _finite(value):
                raise msgspec.ValidationError("not a finite number")
            good[name] = msgspec.convert(value, type=kind)
        except msgspec.ValidationError as error:
            shown = json.dumps(value, ensure_ascii=False, default=str)
            shown = shown if len(shown) <= 60 else shown[:57] + "…"
            problems.append(f"{where}: '{name}' = {shown} is not usable ({error}); default used")
    return good, problems


class RunStateRead(msgspec.Struct, frozen=True):
    state: dict[str, Any] | None  # the checked fields, clock included; None if none usable
    problem: str | None  # what was wrong, for the log and the console
    kept_as: Path | None  # where a damaged file was moved


def keep_aside(path: Path, reason: str) -> RunStateRead:
    """Move a damaged file out of the way (never delete it) and say so."""
    target = path.with_name(f"{path.stem}.damaged-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    try:
        path.replace(target)
    except OSError as error:
        message = Said("runstate.not-moved", path, reason, error.strerror)
        log.error("%s", message)
        return RunStateRead(None, message, None)
    message = Said("runstate.kept-aside", path, reason, target.name)
    log.error("%s", message)
    return RunStateRead(None, message, target)


def read_run_state(path: Path) -> RunStateRead:
    """The run state a previous run left, checked; a damaged one is kept aside."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return RunStateRead(None, None, None)
    except OSError as error:
        return RunStateRead(None, Said("runstate.unreadable", path, error.strerror), None)
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return keep_aside(path, Said("runstate.not-json"))
    if not isinstance(raw, dict):
        return keep_aside(path, Said("runstate.not-object"))
    good, problems = check_fields(raw, RUN_STATE_SCHEMA, path.name)
    for problem in problems:
        log.warning("%s", problem)
    if "clock" in raw and "clock" not in good:
        return keep_aside(path, Said("runstate.bad-clock"))
    state = {**RUN_STATE_DEFAULTS, **good}
    state["message"] = {"text": state["message"].text, "blink": state["message"].blink}
    return RunStateRead(state, "; ".join(problems) or None, None)
