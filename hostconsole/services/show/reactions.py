"""Reactions to the parts: sales and milestones from the counter, OBS's events and re-syncs,
viewers' comments, and the sales prompt that watches the segment on air. None changes the
run state itself: what must change the show is submitted as a command."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from hostconsole.domain.clock import ClockState
from hostconsole.domain.said import Said
from hostconsole.services.commands import CommandKind
from hostconsole.services.overlays import milestone_cards

if TYPE_CHECKING:
    from hostconsole.adapters.sales.model import CommentSeen
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.vouchers import Recorded

log = logging.getLogger(__name__)

PROMPTER_SAVE_SECONDS = 3.0  # how often a running prompter's place is saved
PROMPT_CHECK_SECONDS = 1.0  # how often a sales prompt is looked for


class Reactions:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.milestone_hits: list[int] = []
        self.flags: list[str] = []
        self._prompted_count = 0
        self.prompt_checks = 0  # how many times a sales prompt was looked for (tests wait on it)

    def connect(self) -> None:
        """Listen to the counter and OBS (called once the ledger is open)."""
        session = self.session
        counter = session.counter
        counter.add_change_listener(self.vouchers_changed)
        counter.add_flag_listener(self.flagged)
        counter.add_milestone_listener(self.milestone)
        counter.add_storage_listener(lambda _fault: session.changed("vouchers"))
        counter.add_retarget_listener(lambda _none: session.changed("vouchers"))
        self._prompted_count = counter.count
        if session.obs is not None:
            session.obs.add_status_listener(lambda _status: session.changed("obs"))
            session.obs.add_event_listener(self.obs_event)
            session.obs.add_resync_listener(lambda _report: self.resynced())
            session.obs.add_sent_listener(session.aired.sent)

    def resynced(self) -> None:
        state = self.session.state
        if state.safe is not None:
            # Off air when OBS came back: the standby batch once more (never the cue).
            self.session.submit(CommandKind.SAFE, "automatic", on=True, again=True)
            self.session.changed("obs")
            return
        # A cue that did not reach OBS is sent again — as a command, on the one path.
        owed = state.owed_cue
        if owed is not None and owed == self.session.show.segments[state.clock.index].id:
            self.session.submit(CommandKind.REAPPLY, "automatic")
        self.session.changed("obs")

    def obs_event(self, event_type: str, data: dict[str, Any]) -> None:
        if event_type == "CurrentSceneCollectionChanged":
            # The producer (or someone) switched OBS's scene collection mid-show: the tally
            # is read again, and the cue on air is put on the new collection (it fails, and
            # is owed, on a collection without the show's scenes; switching back sends it).
            collection = data.get("sceneCollectionName", "?")
            log.warning("%s", Said("log.collection-switched", collection))
            self.session.submit(CommandKind.REAPPLY, "automatic", collection=True)
            self.session.changed("obs")
            return
        if event_type == "ReplayBufferSaved":
            self.session.clips.saved(str(data.get("savedReplayPath", "")))
            return
        if event_type in ("StreamStateChanged", "RecordStateChanged"):
            self.session.outputs.obs_event(event_type, data)
            self.session.outputs.wake()
        if event_type in (
            "CurrentProgramSceneChanged",
            "CurrentPreviewSceneChanged",
            "StudioModeStateChanged",
            "StreamStateChanged",
            "RecordStateChanged",
        ):
            self.session.changed("obs")

    def vouchers_changed(self, recorded: Recorded) -> None:
        session = self.session
        if session.live_graphics is not None:
            session.live_graphics.touch()
        count = session.counter.count
        if not session.counter.whole or not recorded.entries:
            # A replay's count (partial, then whole at once) is no burst of sales.
            self._prompted_count = count
            session.changed("vouchers")
            return
        if count > self._prompted_count:
            session.sales_prompter.sold(count - self._prompted_count, session.now())
        self._prompted_count = count
        session.changed("vouchers")

    def flagged(self, flag: str) -> None:
        self.flags.append(flag)
        self.session.changed("flag")

    def milestone(self, milestone: int) -> None:
        session = self.session
        self.milestone_hits.append(milestone)
        session.onair_log.write("milestone", "automatic", f"{milestone} vouchers sold")
        if session.obs is not None and session.obs.connected and session.obs.replay_buffer:
            # The moment that sold, as a clip for the press office.
            session.submit(CommandKind.CLIP, "milestone", what=f"milestone {milestone}")
        if session.obs is not None and session.obs.connected and milestone_cards(session.show):
            session.submit(
                CommandKind.MILESTONE_CARD, "milestone", milestone=milestone, visible=True
            )
        session.changed("milestone")

    def comment(self, comment: CommentSeen) -> None:
        """A viewer's comment: listed for the producer (nothing reaches a screen unapproved)."""
        self.session.questions.add(comment)
        self.session.changed("question")

    def check_sales_prompt(self) -> None:
        """Is a sales prompt due (quiet segment, or a burst)? A prompt is an automatic event,
        logged and shown; the producer dismisses it."""
        session = self.session
        self.prompt_checks += 1
        gone = session.sales_prompter.expire(session.now())
        if gone is not None:
            session.onair_log.write("prompt", "automatic", f"{gone.kind}: expired (sales stopped)")
            session.changed("prompt")
        state = session.state
        segment = None
        started = None
        if state.clock.state is ClockState.RUNNING and session.counter.whole:
            segment = session.show.segments[state.clock.index]
            started = state.actual_times.get(segment.id, (None, None))[0]
        prompt = session.sales_prompter.check(
            session.now(), session.show, segment, started, state.covered, session.counter.count
        )
        if prompt is not None:
            session.onair_log.write("prompt", "automatic", f"{prompt.kind}: {prompt.text}")
            session.changed("prompt")

    async def watch_sales_prompts(self) -> None:
        while not self.session.closing:
            await asyncio.sleep(PROMPT_CHECK_SECONDS)
            self.check_sales_prompt()

    async def save_while_prompting(self) -> None:
        """While the text runs, its position is saved every few seconds (a crash loses at most
        that much of the official's place)."""
        session = self.session
        while session.state.prompter.running and not session.closing:
            await asyncio.sleep(PROMPTER_SAVE_SECONDS)
            session.save_state()
