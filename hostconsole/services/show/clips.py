"""Clips of the moments that sold: at each milestone (and on Clip in the console or the API)
OBS's replay buffer is saved a while after the moment, and the saved file — which always
holds the buffer's whole length, ending when it was saved — is cut with ffmpeg to the window
around the moment. Each clip is listed (time, what happened, file) in ``clips.jsonl``, the
console, the state JSON and the report."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from hostconsole.adapters.obs.errors import ObsError, ObsRequestError
from hostconsole.domain.said import Said, told
from hostconsole.services.commands import (
    UNAVAILABLE,
    Command,
    CommandKind,
    CommandResult,
    Refused,
)
from hostconsole.services.show.studio import connected_obs

if TYPE_CHECKING:
    from hostconsole.services.show.engine import Handler
    from hostconsole.services.show.session import ShowSession
    from hostconsole.services.show.state import Draft

log = logging.getLogger(__name__)

SAVED_WAIT_SECONDS = 15.0  # OBS writes the buffer's file; its event says where


class Clip(msgspec.Struct, frozen=True):
    at: float  # the moment (show time, epoch seconds)
    what: str  # "milestone 10", or the producer's words
    file: str  # the cut clip, or "" when it could not be made
    start: float  # where the clip begins, relative to the moment (negative: before)
    seconds: float
    problem: str = ""


class ClipsRoom:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.clips: list[Clip] = []
        self._saved: asyncio.Future[str] | None = None
        self._lock = asyncio.Lock()  # one save of the buffer at a time: each waits its event
        self.folder = session.show_dir / "clips"
        self._load()

    def handlers(self) -> dict[CommandKind, Handler]:
        return {CommandKind.CLIP: self.clip}

    def _load(self) -> None:
        path = self.session.show_dir / "clips.jsonl"
        if not path.is_file():
            return
        for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError, TypeError):
                self.clips.append(Clip(**json.loads(raw)))

    async def clip(self, command: Command, draft: Draft) -> CommandResult:
        """A clip of now (the producer's Clip, or a milestone): taken in the background,
        after the delay; the command only asks for it."""
        what = command.arguments.what.strip() or "clip"
        obs = connected_obs(self.session.obs)
        try:
            status = await obs.request("GetReplayBufferStatus")
        except ObsRequestError:
            raise Refused(Said("clips.buffer-off"), UNAVAILABLE) from None
        if not status.get("outputActive"):
            raise Refused(Said("clips.buffer-stopped"), UNAVAILABLE)
        moment = self.session.now()
        self.session.spawn(self._take(moment, what), f"clip {what}")
        settings = self.session.show.recording
        self.session.onair_log.write("clip", command.origin, f"clip asked: {what}")
        draft.changed("clips")
        return CommandResult(detail=Said("clips.ready-in", what, f"{settings.clip_delay + 5:.0f}"))

    def saved(self, path: str) -> None:
        """OBS's ReplayBufferSaved event: where the buffer was written."""
        if self._saved is not None and not self._saved.done():
            self._saved.set_result(path)

    async def _take(self, moment: float, what: str) -> None:
        settings = self.session.show.recording
        # Saved once the window's end is in the buffer (and a little later: OBS writes what
        # it has encoded).
        await asyncio.sleep(max(settings.clip_delay, settings.clip_after))
        async with self._lock:
            clip = await self._save_and_cut(moment, what)
        self.clips.append(clip)
        line = json.dumps(msgspec.structs.asdict(clip), ensure_ascii=False) + "\n"
        self.session.writer.submit("the list of clips", _append, self.session.show_dir, line)
        if clip.problem:
            log.warning("%s", Said("log.clip-not-made", what, clip.problem))
            self.session.onair_log.write("clip", "automatic", f"{what}: {clip.problem}", "failed")
        else:
            self.session.onair_log.write("clip", "automatic", f"{what}: {clip.file}")
        self.session.changed("clips")

    async def _save_and_cut(self, moment: float, what: str) -> Clip:
        settings = self.session.show.recording
        window = settings.clip_before + settings.clip_after
        obs = self.session.obs
        if obs is None or not obs.connected:
            return Clip(moment, what, "", -settings.clip_before, 0.0, Said("obs.not-connected"))
        loop = asyncio.get_running_loop()
        self._saved = loop.create_future()
        try:
            await obs.request("SaveReplayBuffer")
            saved_at = self.session.now()
            path = await asyncio.wait_for(self._saved, SAVED_WAIT_SECONDS)
        except (ObsError, TimeoutError) as error:
            return Clip(
                moment, what, "", -settings.clip_before, 0.0, Said("clips.not-saved", told(error))
            )
        finally:
            self._saved = None
        if shutil.which("ffmpeg") is None:
            return Clip(moment, what, path, 0.0, 0.0, "ffmpeg is not installed: the buffer uncut")
        duration = await _duration(path)
        if duration is None:
            return Clip(moment, what, path, 0.0, 0.0, "the saved buffer could not be read")
        # The file ends when it was saved and holds the buffer's whole length: the moment is
        # this far into it.
        into = duration - (saved_at - moment)
        start = max(into - settings.clip_before, 0.0)
        length = min(window, max(duration - start, 0.0))
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = Path(path).stem
        slug = "".join(c if c.isalnum() else "-" for c in what)[:40]
        target = self.folder / f"{stamp}-{slug}.mp4"
        problem = await _cut(path, start, length, target)
        if problem:
            return Clip(moment, what, "", start - into, 0.0, problem)
        return Clip(moment, what, str(target), round(start - into, 2), round(length, 2))

    def to_json(self) -> list[dict[str, Any]]:
        return [msgspec.structs.asdict(clip) for clip in self.clips[-50:]]


def _append(show_dir: Path, line: str) -> None:
    with open(show_dir / "clips.jsonl", "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


async def _duration(path: str) -> float | None:
    process = await asyncio.create_subprocess_exec(
        "ffprobe",
        "-v",
        "error",
        "-show_entries",
        "format=duration",
        "-of",
        "default=noprint_wrappers=1:nokey=1",
        path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await process.communicate()
    try:
        return float(out.decode().strip())
    except ValueError:
        return None


async def _cut(source: str, start: float, length: float, target: Path) -> str:
    """The window, re-encoded so it begins exactly at its first frame (a copy would begin at
    the keyframe before, seconds early); '' when done, else what went wrong."""
    partial = target.with_name(f".{target.stem}.partial{target.suffix}")
    process = await asyncio.create_subprocess_exec(
        "ffmpeg",
        "-y",
        "-v",
        "error",
        "-ss",
        f"{start:.3f}",
        "-i",
        source,
        "-t",
        f"{length:.3f}",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-c:a",
        "aac",
        "-movflags",
        "+faststart",
        str(partial),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, errors = await process.communicate()
    if process.returncode != 0:
        partial.unlink(missing_ok=True)
        return Said("clips.ffmpeg", errors.decode(errors="replace").strip()[:200])
    os.replace(partial, target)
    return ""
