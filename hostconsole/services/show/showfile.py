"""The show file's commands: run-sheet edits saved with the producer's comments kept, a failed
save kept and retried, an outside change taken in (unsaved edits replayed on top), and the
producer's choice when the two do not fit."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.storage.showfile import (
    DiskVersion,
    ShowChangedOnDiskError,
    ShowDocument,
    ShowFileError,
)
from hostconsole.domain.clock import ClockState
from hostconsole.domain.said import Said, told
from hostconsole.services import arguments
from hostconsole.services.commands import (
    INVALID,
    NOT_FOUND,
    UNAVAILABLE,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.prompter import build_script

if TYPE_CHECKING:
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft

log = logging.getLogger(__name__)

SHOW_FILE_WATCH_SECONDS = 2.0  # how often the show file is checked for outside changes


def _plain(value: Any) -> Any:
    """A YAML node as plain JSON values (for the command log and an undo)."""
    return json.loads(json.dumps(value, default=str))


KEEP_MINE = "keep-mine"  # after a conflict, the console's run sheet was kept over the file's


def edit_document(
    document: ShowDocument, edit: arguments.Edit, on_air_id: str | None
) -> tuple[str, dict[str, Any]]:
    """Apply one run-sheet edit to a document: (what was done, what an undo needs). Refused
    (the document unchanged) when it is invalid or would take the segment on air off."""
    show = document.show
    data: dict[str, Any] = {}
    try:
        if isinstance(edit, arguments.Insert):
            fields = edit.fields
            document.insert_segment(max(0, min(edit.index, len(show.segments))), dict(fields))
            return f"added {fields.get('id')}", data
        if isinstance(edit, arguments.Remove):
            segment_id = edit.segment
            segment = show.segment(segment_id)
            if segment_id == on_air_id:
                raise Refused(
                    f"“{segment.title}” is on air and cannot be deleted; "
                    "move to another segment first"
                )
            if len(show.segments) <= 1:
                raise Refused(Said("show.needs-a-segment"))
            index = [s.id for s in show.segments].index(segment_id)
            removed = document.remove_segment(segment_id)
            return f"deleted {segment_id}", {"index": index, "fields": _plain(removed)}
        if isinstance(edit, arguments.Move):
            segment_id, index = edit.segment, edit.index
            if not 0 <= index < len(show.segments):
                raise Refused("'index' must be a place in the run sheet", INVALID)
            show.segment(segment_id)
            document.move_segment(segment_id, index)
            return f"moved {segment_id} to {index}", data
        if isinstance(edit, arguments.SetFields):
            segment_id, changes = edit.segment, edit.changes
            if "id" in changes:
                raise Refused("'changes' must be fields other than the id", INVALID)
            show.segment(segment_id)
            data = {"before": _plain(document.segment_fields(segment_id, list(changes)))}
            document.set_segment_fields(segment_id, dict(changes))
            return f"edited {segment_id}", data
        raise Refused(f"unknown edit {edit!r}", INVALID)
    except ShowFileError as error:
        raise Refused(str(error), INVALID) from None
    except KeyError as error:
        raise Refused(f"no segment with id {error}", NOT_FOUND) from None


class ShowFileRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.problem: str | None = None  # a failed save: kept, retried, shown
        self.conflict: str | None = None  # an outside change that does not fit
        # Edits not yet in the file (replayed over its new version), or KEEP_MINE.
        self.unsaved_edits: list[arguments.Edit | str] = []
        self._last_problem: str | None = None
        self._last_rejected_digest: str | None = None

    def handlers(self) -> dict[CommandKind, Handler]:
        return {
            CommandKind.EDIT: self.edit,
            CommandKind.RETRY_SAVE: self.retry_save,
            CommandKind.RELOAD: self.reload,
            CommandKind.RESOLVE_FILE: self.resolve_file,
        }

    async def edit(self, command: Command, draft: Draft) -> CommandResult:
        """Change the run sheet (insert, remove, move, set fields), save it, and let the clock
        follow. Refused — changing nothing — when invalid or when it would reset the show.

        The file is never clobbered: a change made to it outside (a text editor) is taken in
        first and the edit applied on top of it; a failed save keeps the edit, says so and is
        retried."""
        session = self.session
        if self.conflict is not None:
            raise Refused(
                "the show file changed outside Host Console and does not fit the edits here; "
                "choose “Use the file's version” or “Keep mine” first"
            )
        on_disk = await self._read_changed()
        took_in = False
        if on_disk is not None:
            reloaded = self._take_in(on_disk, command.origin, draft)
            if reloaded is not None:
                raise Refused(reloaded)
            took_in = True
        state = draft.state
        # The clock's own segment (on air, or last when the show has ended) stays.
        kept_id = (
            session.show.segments[state.clock.index].id
            if state.clock.state is not ClockState.NOT_STARTED
            else None
        )
        try:
            detail, data = edit_document(session.document, command.arguments, kept_id)
        except Refused as refused:
            if not took_in:
                raise
            # The file's new version is on the run sheet now: that much was carried out.
            return CommandResult(False, str(refused), refused.reason)
        self.unsaved_edits.append(command.arguments)
        self.follow_show(draft)
        saved = await self.save()
        session.onair_log.write("edit", command.origin, detail, saved)
        return CommandResult(saved == "ok", detail if saved == "ok" else saved, data=data)

    async def retry_save(self, command: Command, draft: Draft) -> CommandResult:
        """Save the show file again after a failed save (the console's Retry button)."""
        if not self.unsaved_edits:
            return CommandResult(detail="nothing to save")
        on_disk = await self._read_changed()
        if on_disk is not None:
            # Changed outside meanwhile: take it in with the unsaved edits on top, then save.
            problem = self._take_in(on_disk, command.origin, draft)
            return CommandResult(problem is None, problem or "merged")
        saved = await self.save()
        return CommandResult(saved == "ok", saved)

    async def reload(self, command: Command, draft: Draft) -> CommandResult:
        """The show file changed on disk: take it in (and re-apply unsaved edits on top)."""
        on_disk = await self._read_changed()
        if on_disk is None:
            return CommandResult(detail="unchanged")
        problem = self._take_in(on_disk, command.origin, draft)
        return CommandResult(problem is None, problem or "reloaded")

    async def resolve_file(self, command: Command, draft: Draft) -> CommandResult:
        """After a conflict: keep the file's version ("file") or write ours over it ("mine")."""
        session = self.session
        choice = command.arguments.keep
        if choice == "mine":
            self.conflict = None
            if not self.unsaved_edits:
                self.unsaved_edits.append(KEEP_MINE)
            saved = await self.save()
            session.onair_log.write("edit", command.origin, "kept the console's run sheet", saved)
            draft.changed("show")
            return CommandResult(saved == "ok", saved)
        try:
            on_disk = await asyncio.get_running_loop().run_in_executor(
                session.writer.executor, session.document.read_disk
            )
        except ShowFileError as error:
            raise Refused(f"the show file cannot be read: {error}", UNAVAILABLE) from None
        self.unsaved_edits.clear()
        self.conflict = None
        problem = self._take_in(on_disk, command.origin, draft)
        return CommandResult(problem is None, problem or "the file's version is on the run sheet")

    async def _read_changed(self) -> DiskVersion | None:
        """The file if it changed on disk since it was read or saved (read on a worker)."""
        session = self.session
        try:
            changed: DiskVersion | None = await asyncio.get_running_loop().run_in_executor(
                session.writer.executor, session.document.changed_on_disk
            )
        except OSError as error:
            log.warning("%s", Said("log.showfile-unreadable", error))
            return None
        return changed

    def _take_in(self, on_disk: DiskVersion, origin: str, draft: Draft) -> str | None:
        """Replace the run sheet with the file's new version, unsaved edits replayed on top;
        None when done, else why not (and the console says so)."""
        session = self.session
        try:
            fresh = ShowDocument(on_disk.text, session.document.file)
            fresh.mark_read(on_disk)
            for edit in self.unsaved_edits:
                if not isinstance(edit, str):
                    edit_document(fresh, edit, None)
        except ShowFileError as error:
            first = error.errors[0]
            problem: str = Said("showfile.error-on-disk", first.line, first.message)
            self._file_problem(problem, conflict=True)
            return problem
        except Refused as refused:
            problem = Said("showfile.edits-do-not-fit", told(refused))
            self._file_problem(problem, conflict=True)
            return problem
        if draft.state.on_air():
            on_air = session.show.segments[draft.state.clock.index]
            if on_air.id not in {segment.id for segment in fresh.show.segments}:
                problem = Said("showfile.on-air-gone", on_air.title)
                self._file_problem(problem, conflict=False)
                return problem
        merged = bool(self.unsaved_edits)
        session.document = fresh
        self.conflict = None
        self.follow_show(draft)
        log.info("%s", Said("log.showfile-merged" if merged else "log.showfile-reloaded"))
        session.onair_log.write(
            "reload",
            origin,
            "show file changed on disk" + ("; unsaved edits kept on top" if merged else ""),
        )
        if merged:
            session.spawn(self.save(), "save-merged-show")
        return None

    def _file_problem(self, problem: str, *, conflict: bool) -> None:
        if conflict:
            self.conflict = problem
        if problem != self._last_problem:
            log.warning("%s", problem)
            self._last_problem = problem
        self.session.changed("show")

    async def save(self) -> str:
        """Save on the writer thread; a failure keeps the edits (retried) and is shown."""
        session = self.session
        try:
            await asyncio.get_running_loop().run_in_executor(
                session.writer.executor, session.document.save
            )
        except ShowChangedOnDiskError:
            # An editor saved just now: its version is taken in with these edits on top, and
            # that is what is saved (the edits stay unsaved until then).
            log.info("%s", Said("log.changed-while-saving"))
            session.submit(CommandKind.RELOAD, "file")
            return "ok"
        except OSError as error:
            reason = error.strerror or str(error)
            problem = Said("showfile.not-saved", reason)
            if self.problem is None:
                log.error("%s", Said("log.showfile-not-saved", session.document.file, reason))
            self.problem = problem
            session.changed("show")
            return problem
        if self.problem is not None:
            log.info("%s", Said("log.showfile-saved-again"))
        self.problem = None
        self.unsaved_edits.clear()
        session.changed("show")
        return "ok"

    async def watch(self) -> None:
        """Every few seconds: notice an outside change to the show file, retry a failed save."""
        session = self.session
        while True:
            await asyncio.sleep(SHOW_FILE_WATCH_SECONDS)
            if session.closing:
                return
            if self.problem is not None:
                session.submit(CommandKind.RETRY_SAVE, "automatic")
            else:
                on_disk = await self._read_changed()
                # A conflict waits for the producer's choice or a newer file, not a re-read.
                if on_disk is not None and not (
                    self.conflict is not None and on_disk.digest == self._last_rejected_digest
                ):
                    self._last_rejected_digest = on_disk.digest
                    session.submit(CommandKind.RELOAD, "file")

    def follow_show(self, draft: Draft) -> None:
        """After an edit: the clock follows the new run sheet, matching segments by id, and
        the prompter the new script.

        Edits that would lose the segment on air are refused before they get here, so the
        restore cannot fail; if it ever did, the running clock is kept, never reset.
        """
        session, state = self.session, draft.state
        clock = session.make_clock(session.show)
        try:
            clock.restore_state(state.clock.save_state())
        except ValueError:
            # Only a show not started yet can lose the segment its clock points at: it
            # starts from the new first segment.
            if state.clock.state is not ClockState.NOT_STARTED:
                raise
        state.clock = clock
        if state.armed is not None and state.armed >= len(session.show.segments):
            state.armed = None
        if state.prepared is not None and state.prepared >= len(session.show.segments):
            state.prepared = None
        state.prompter.set_script(build_script(session.show), session.now())
        draft.save = True
        draft.changed("show")
