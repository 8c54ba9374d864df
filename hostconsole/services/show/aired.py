"""What went on air, kept for the evidence pack: every graphic OBS was told to show (each
distinct picture once, named by its SHA-256, with what it says and the ledger's count at that
moment), every visibility change and every program scene, as OBS confirmed them — in
``aired.jsonl`` and ``aired/`` beside the show's logs. The renderer keeps only its last few
files; this record keeps every picture that reached OBS."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostconsole.adapters.storage.onair_log import JsonLinesFile
from hostconsole.domain.said import Said

if TYPE_CHECKING:
    from hostconsole.services.show.session import ShowSession

log = logging.getLogger(__name__)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class AiredRecord:
    def __init__(self, session: ShowSession) -> None:
        self.session = session
        self.folder = session.show_dir / "aired"
        self._log: JsonLinesFile | None = None  # opened with the first thing that goes on air
        self._closed = False
        self._archived: dict[str, str] = {}  # a drawing's file → its SHA-256 (writer thread)

    @property
    def log(self) -> JsonLinesFile:
        if self._log is None:
            self._log = JsonLinesFile(self.session.show_dir / "aired.jsonl", self.session.writer)
        return self._log

    def sent(self, name: str, data: dict[str, Any]) -> None:
        """OBS confirmed a request that changes what is on air (on the loop's thread: what
        the record needs is read now, the file work is queued on the writer thread)."""
        session = self.session
        if self._closed:
            return  # an answer that came back after the show closed: its record is written
        at = session.now()
        if name == "SetInputSettings":
            path = (data.get("inputSettings") or {}).get("file")
            if not path:
                return
            headings: dict[str, str] = getattr(session.renderer, "headings", {})
            counter = session.counter
            record = {
                "at": at,
                "kind": "image",
                "source": str(data.get("inputName")),
                "heading": headings.get(str(path), ""),
                # The ledger's count when the picture went to OBS: what a number on it
                # stands for (null while the ledger is still being replayed).
                "ledger_count": counter.count if counter.whole else None,
            }
            lines = self.log  # opened here, on the loop's thread, never on the writer's
            session.writer.submit(
                "the record of what went on air", self._archive, lines, Path(path), record
            )
        elif name == "SetSceneItemEnabled":
            self.log.append(
                {
                    "at": at,
                    "kind": "visible",
                    "scene": data.get("sceneName"),
                    "source": data.get("sourceName"),
                    "visible": bool(data.get("sceneItemEnabled")),
                }
            )
        elif name == "SetCurrentProgramScene":
            self.log.append({"at": at, "kind": "program", "scene": data.get("sceneName")})

    def _archive(self, lines: JsonLinesFile, path: Path, record: dict[str, Any]) -> None:
        """Writer thread: the picture kept once by its hash, then its line."""
        sha = self._archived.get(str(path))
        if sha is None:
            try:
                sha = file_sha256(path)
            except OSError as error:
                log.warning("%s", Said("log.graphic-not-kept", path, error))
                lines.write_now({**record, "sha256": None, "file": path.name})
                return
            self._archived[str(path)] = sha
            while len(self._archived) > 1000:  # the renderer's files are numbered: bounded
                del self._archived[next(iter(self._archived))]
            kept = self.folder / f"{sha}{path.suffix or '.png'}"
            if not kept.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                partial = kept.with_name(f".{kept.name}.partial")
                shutil.copyfile(path, partial)
                os.replace(partial, kept)
        lines.write_now({**record, "sha256": sha, "file": path.name})

    def close(self) -> None:
        self._closed = True
        if self._log is not None:
            self._log.close()
