"""A show's results from its ledger, its show file and its on-air log: the headline numbers
("11 in 5 min"), the per-minute chart's data, per segment and per product, corrections,
feed faults and quarantined events, the on-air timeline. Numbers only; the graphics layer
writes them as HTML, the CLI and the console ask for it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.domain.chart import Band
from hostconsole.domain.ledger import EntryKind, LedgerState

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hostconsole.adapters.storage.ledger_db import Quarantined
    from hostconsole.adapters.storage.onair_log import LogLine
    from hostconsole.domain.ledger import Entry
    from hostconsole.domain.show import Show

BEST_WINDOW = 300.0  # "11 in 5 min": the best five minutes


class SegmentRow(msgspec.Struct, frozen=True):
    id: str
    title: str
    planned: float  # seconds
    actual: float  # seconds on air
    vouchers: int

    @property
    def per_minute(self) -> float:
        return self.vouchers / (self.actual / 60) if self.actual > 0 else 0.0


class ProductRow(msgspec.Struct, frozen=True):
    id: str
    name: str
    vouchers: int
    seconds_on_air: float


class Correction(msgspec.Struct, frozen=True):
    at: float
    amount: int
    reason: str
    origin: str


class ShowReport(msgspec.Struct):
    title: str
    title_en: str = ""
    voucher_noun: str = "券"  # what the show sells, in its own words
    voucher_noun_en: str = "vouchers"
    date: str = ""
    hosts: tuple[str, ...] = ()
    rehearsal: bool = False
    # The English name of each host, segment and product that has one (the English report
    # names them all in English, not some in each script).
    names_en: dict[str, str] = msgspec.field(default_factory=dict)
    count: int = 0  # vouchers on air at the end (corrections included)
    sold: int = 0  # vouchers the feed sold (corrections aside)
    refunded: int = 0  # of them, refunded or cancelled after payment (the platform said)
    start: float = 0.0  # the first entry (the show's first segment, or first sale)
    end: float = 0.0  # the last entry
    goal: int | None = None
    best_five: int = 0
    best_five_at: float | None = None  # when that window began
    peak_per_minute: int = 0
    buckets: list[int] = msgspec.field(default_factory=list)
    bands: list[Band] = msgspec.field(default_factory=list)
    milestones: list[tuple[float, int]] = msgspec.field(default_factory=list)
    segments: list[SegmentRow] = msgspec.field(default_factory=list)
    products: list[ProductRow] = msgspec.field(default_factory=list)
    corrections: list[Correction] = msgspec.field(default_factory=list)
    flags: list[str] = msgspec.field(default_factory=list)
    quarantined: list[Quarantined] = msgspec.field(default_factory=list)
    timeline: list[LogLine] = msgspec.field(default_factory=list)
    # The clips of the moments that sold (clips.jsonl) and the latest evidence pack made of
    # this run (evidence.json): listed and linked by the report.
    clips: list[dict[str, Any]] = msgspec.field(default_factory=list)
    evidence: dict[str, Any] | None = None
    # The ledger against the shop's own order export (hostconsole reconcile), when made.
    reconciliation: dict[str, Any] | None = None

    @property
    def minutes(self) -> float:
        return max(self.end - self.start, 0.0) / 60

    @property
    def net(self) -> int:
        """The count less refunds and cancellations: what stayed sold."""
        return max(self.count - self.refunded, 0)

    @property
    def goal_reached(self) -> bool | None:
        return None if not self.goal else self.count >= self.goal


def build_report(
    show: Show,
    entries: Iterable[Entry],
    *,
    goal: int | None = None,
    quarantined: Iterable[Quarantined] = (),
    timeline: Iterable[LogLine] = (),
    rehearsal: bool = False,
) -> ShowReport:
    """Fold the ledger's entries (in order) into the report's numbers."""
    # No milestones to watch for: the ledger's own milestone entries say when each was met.
    state = LedgerState(goal=goal if goal is not None else show.goal)
    first: float | None = None
    last = 0.0
    corrections: list[Entry] = []
    milestones: list[Entry] = []
    for entry in entries:
        first = entry.at if first is None else first
        last = max(last, entry.at)
        state.apply(entry)
        if entry.kind is EntryKind.MILESTONE:
            milestones.append(entry)
        elif entry.kind is EntryKind.CORRECTION:
            corrections.append(entry)
    return report_from_state(
        show,
        state,
        first=first,
        last=last,
        corrections=corrections,
        milestones=milestones,
        quarantined=quarantined,
        timeline=timeline,
        rehearsal=rehearsal,
    )


def report_from_state(
    show: Show,
    state: LedgerState,
    *,
    first: float | None,
    last: float,
    corrections: Iterable[Entry] = (),
    milestones: Iterable[Entry] = (),
    quarantined: Iterable[Quarantined] = (),
    timeline: Iterable[LogLine] = (),
    rehearsal: bool = False,
) -> ShowReport:
    """The report from the numbers the ledger keeps up to date (the console's own state, or
    the ledger's snapshot and the entries after it): nothing walks every sale."""
    report = ShowReport(
        voucher_noun=show.voucher_noun,
        voucher_noun_en=show.voucher_noun_en,
        title=show.title,
        title_en=show.title_en,
        date=show.date.isoformat() if show.date else "",
        hosts=tuple(host.name for host in show.hosts),
        rehearsal=rehearsal,
        goal=state.goal if state.goal is not None else show.goal,
    )
    report.names_en = {
        name: english
        for name, english in (
            *((host.name, host.name_en) for host in show.hosts),
            *((segment.title, segment.title_en) for segment in show.segments),
            *((product.name, product.name_en) for product in show.products),
        )
        if english
    }
    report.milestones = [(entry.at, entry.amount) for entry in milestones]
    report.corrections = [
        Correction(entry.at, entry.amount, entry.reason, entry.source) for entry in corrections
    ]
    report.quarantined = list(quarantined)
    report.timeline = list(timeline)
    if first is None:
        return report
    report.start, report.end = first, last
    report.count = state.on_air
    report.sold = max(state.on_air - sum(c.amount for c in report.corrections), 0)
    report.refunded = state.refunded
    report.flags = list(state.flags)
    report.buckets = state.per_minute(first, last)
    report.peak_per_minute = max(report.buckets, default=0)
    report.best_five, report.best_five_at = state.best_window(BEST_WINDOW)
    titles = {segment.id: segment.title for segment in show.segments}
    spans = state.segment_spans(last)
    report.bands = [Band(at, end, titles.get(seg, seg)) for at, end, seg in spans]
    summary = {row.segment_id: row for row in state.segment_summary(last)}
    report.segments = [
        SegmentRow(
            segment.id,
            segment.title,
            segment.duration,
            summary[segment.id].seconds_on_air if segment.id in summary else 0.0,
            summary[segment.id].vouchers if segment.id in summary else 0,
        )
        for segment in show.segments
    ]
    on_air: dict[str, float] = {}
    by_id = {segment.id: segment for segment in show.segments}
    for at, end, segment_id in spans:
        segment = by_id.get(segment_id)
        if segment is not None and segment.products:
            on_air[segment.products[0]] = on_air.get(segment.products[0], 0.0) + end - at
    by_product = state.by_product()
    report.products = [
        ProductRow(
            product.id, product.name, by_product.get(product.id, 0), on_air.get(product.id, 0.0)
        )
        for product in show.products
    ]
    return report


class ShowData(msgspec.Struct, frozen=True):
    """Where a show's results are: its data folder (ledger, on-air log, run state)."""

    folder: Path
    show_file: Path | None
    rehearsal: bool

    @property
    def ledger(self) -> Path:
        return self.folder / "ledger.sqlite"

    @property
    def onair_log(self) -> Path:
        return self.folder / "on-air-log.jsonl"


def show_data(folder: Path) -> ShowData:
    """A show's data folder, with the show file its run state names (if it still exists)."""
    show_file: Path | None = None
    rehearsal = folder.name == "rehearsal"
    state = folder / "run-state.json"
    try:
        saved = json.loads(state.read_text(encoding="utf-8"))
        if isinstance(saved, dict):
            named = saved.get("show_file")
            if isinstance(named, str) and Path(named).is_file():
                show_file = Path(named)
            rehearsal = rehearsal or saved.get("rehearsal") is True
    except (OSError, ValueError):
        pass
    return ShowData(folder, show_file, rehearsal)


class ReportError(Exception):
    """The results cannot be read (no ledger, a ledger in use, a show file gone)."""


def read_timeline(path: Path) -> list[LogLine]:
    """The on-air log's lines (a line cut short by a crash is skipped)."""
    from hostconsole.adapters.storage.onair_log import LogLine

    lines: list[LogLine] = []
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for raw in handle:
                try:
                    lines.append(LogLine(**json.loads(raw)))
                except (ValueError, TypeError):
                    continue
    except FileNotFoundError:
        return []
    return lines


def missing_ledger(ledger: Path, *, rehearsal: bool) -> str:
    """Why there is no report here, and what to do when the show was only rehearsed."""
    if not rehearsal and (ledger.parent / "rehearsal" / ledger.name).is_file():
        return (
            f"{ledger}: no ledger of a live run here, but this show was rehearsed: "
            "add --rehearsal for the rehearsal's report"
        )
    return f"{ledger}: no ledger here — has this show been on air?"


def load_report(data: ShowData, show: Show, goal: int | None = None) -> ShowReport:
    """A show's report from its data folder: the ledger's snapshot and the entries after it
    (or every entry, if it has none), its corrections and milestones, quarantined events
    and on-air log. Blocking (SQLite): the CLI waits; the app uses its own state."""
    from hostconsole.adapters.storage.ledger_db import LedgerError, LedgerFile
    from hostconsole.domain.ledger import LedgerState

    if not data.ledger.is_file():
        raise ReportError(missing_ledger(data.ledger, rehearsal=data.rehearsal))
    import sqlite3

    from hostconsole.adapters.storage.showlock import ShowLock, ShowLockedError

    goal = goal if goal is not None else show.goal
    # Asked first, so a show open in a console is said at once (not after SQLite's wait).
    lock = ShowLock(data.ledger.parent)
    try:
        lock.acquire()
    except ShowLockedError:
        raise ReportError(
            f"{data.ledger}: the show is open in Host Console; use its Report button, or "
            "report after closing the show"
        ) from None
    try:
        ledger = LedgerFile(data.ledger)
        try:
            snapshot, seq = ledger.snapshot()
            state: LedgerState | None = None
            if snapshot is not None and ledger.snapshot_matches(snapshot, seq):
                try:
                    state = LedgerState.from_snapshot(snapshot, goal)
                except ValueError:
                    state = None
            if state is None:
                state, seq = LedgerState(goal=goal), 0
            for entry in ledger.iter_entries(after=seq):  # streamed: bounded memory
                state.apply(entry)
            corrections = ledger.entries_of((EntryKind.CORRECTION,))
            milestones = ledger.entries_of((EntryKind.MILESTONE,))
            first, last = ledger.time_span()
            quarantined = ledger.quarantined()
        finally:
            ledger.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise ReportError(
                f"{data.ledger}: the show is open in Host Console; use its Report button, or "
                "report after closing the show"
            ) from None
        raise ReportError(f"{data.ledger}: {error}") from None
    except (LedgerError, sqlite3.Error) as error:
        raise ReportError(f"{data.ledger}: {error}") from None
    finally:
        lock.release()
    report = report_from_state(
        show,
        state,
        first=first,
        last=last,
        corrections=corrections,
        milestones=milestones,
        quarantined=quarantined,
        timeline=read_timeline(data.onair_log),
        rehearsal=data.rehearsal,
    )
    add_record(report, data.ledger.parent)
    return report


def add_record(report: ShowReport, folder: Path) -> None:
    """The run's clips and its evidence pack, where there are any (a damaged line skipped)."""
    import json

    clips = folder / "clips.jsonl"
    if clips.is_file():
        for raw in clips.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                value = json.loads(raw)
            except ValueError:
                continue
            if isinstance(value, dict):
                report.clips.append(value)
    checked = folder / "reconcile.json"
    if checked.is_file():
        try:
            value = json.loads(checked.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            value = None
        report.reconciliation = value if isinstance(value, dict) else None
    pack = folder / "evidence.json"
    if pack.is_file():
        try:
            value = json.loads(pack.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            return
        report.evidence = value if isinstance(value, dict) else None
