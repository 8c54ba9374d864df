"""The evidence pack of one show run: what went out and the numbers behind it, each file
hashed (SHA-256) in a manifest, and the check that names any file changed or missing since.

Since 2026-02-01 a sales figure said or shown on air in China is a claim that must be true and
records of live selling are kept for years: the organiser keeps this pack as its own record —
the recordings (or, where OBS recorded on another machine, their names, sizes and times), the
on-air log, the command log, the ledger and its entries, every picture that went on air with
its on and off times and the ledger's count behind any number on it, the alarms and SAFE's
incidents, and the show file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

MANIFEST = "manifest.json"
CHUNK = 4 << 20


class EvidenceError(Exception):
    """A pack that cannot be made (or read): the message says what and where."""


class PackResult(msgspec.Struct):
    folder: Path
    files: int
    recordings: int
    unreachable: list[str] = msgspec.field(default_factory=list)
    manifest_sha256: str = ""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)  # hashlib lets go of the GIL: files hash in parallel
    return digest.hexdigest()


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    result = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            value = json.loads(raw)
        except ValueError:
            continue  # a line cut short by a crash
        if isinstance(value, dict):
            result.append(value)
    return result


def graphics_on_air(aired: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each picture's spells on air: on while its source showed it and was on in the scene
    on program; with what it said and the ledger's count when it was sent to OBS."""
    image: dict[str, dict[str, Any]] = {}  # source → its latest picture's line
    visible: dict[tuple[str, str], bool] = {}
    program: str | None = None
    open_spells: dict[str, dict[str, Any]] = {}  # source → the spell running now
    spells: list[dict[str, Any]] = []

    def on_air_now() -> dict[str, dict[str, Any]]:
        return {
            source: line
            for source, line in image.items()
            if program is not None and visible.get((program, source)) and line.get("sha256")
        }

    for line in sorted(aired, key=lambda item: float(item.get("at", 0.0))):
        at = float(line.get("at", 0.0))
        kind = line.get("kind")
        if kind == "image":
            image[str(line.get("source"))] = line
        elif kind == "visible":
            visible[(str(line.get("scene")), str(line.get("source")))] = bool(line.get("visible"))
        elif kind == "program":
            program = str(line.get("scene"))
        now = on_air_now()
        for source, spell in list(open_spells.items()):
            if source not in now or now[source].get("sha256") != spell["sha256"]:
                spell["off"] = at
                del open_spells[source]
        for source, shown in now.items():
            if source not in open_spells:
                spell = {
                    "source": source,
                    "sha256": shown.get("sha256"),
                    "file": f"graphics/{shown.get('sha256')}.png",
                    "heading": shown.get("heading", ""),
                    "ledger_count": shown.get("ledger_count"),
                    "on": at,
                    "off": None,
                }
                open_spells[source] = spell
                spells.append(spell)
    return spells


def incidents(onair: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """SAFE's presses and the stream's alarms from the on-air log, each with its start, its
    end (None: still on when the log ends) and who or what raised it."""
    found: list[dict[str, Any]] = []
    open_alarms: dict[str, dict[str, Any]] = {}
    safe: dict[str, Any] | None = None
    for line in onair:
        action, detail = line.get("action"), str(line.get("detail", ""))
        at = line.get("at")
        if action == "safe":
            safe = {"kind": "safe", "by": line.get("origin"), "start": at, "end": None}
            found.append(safe)
        elif action == "back-on-air" and safe is not None:
            safe["end"] = at
            safe["back_by"] = line.get("origin")
            safe = None
        elif action == "alarm":
            kind = detail.split(":", 1)[0]
            if line.get("result") == "raised":
                alarm = {"kind": kind, "detail": detail, "start": at, "end": None}
                open_alarms[kind] = alarm
                found.append(alarm)
            elif kind in open_alarms:
                open_alarms.pop(kind)["end"] = at
    return found


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # a recording of gigabytes: the same file, not a copy
    except OSError:
        shutil.copyfile(source, target)


def _backup_ledger(ledger: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup (the ledger's WAL folded in)."""
    source = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def make_pack(
    show_dir: Path,
    show_file: Path,
    out: Path,
    *,
    version: str,
    title: str,
    entries_csv: Path | None = None,
) -> PackResult:
    """Collect one show run's evidence from its data folder into ``out`` (new or empty)."""
    if out.exists() and any(out.iterdir()):
        raise EvidenceError(f"{out}: not empty; give a new folder for the pack")
    ledger = show_dir / "ledger.sqlite"
    if not ledger.is_file():
        raise EvidenceError(f"{show_dir}: no ledger here — has this show been run?")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("on-air-log.jsonl", "commands.jsonl", "aired.jsonl", "recordings.jsonl"):
        if (show_dir / name).is_file():
            shutil.copyfile(show_dir / name, out / name)
    shutil.copyfile(show_file, out / f"show{show_file.suffix or '.yaml'}")
    _backup_ledger(ledger, out / "ledger.sqlite")
    if entries_csv is not None and entries_csv.is_file():
        shutil.move(str(entries_csv), out / "ledger-entries.csv")
    aired = _lines(show_dir / "aired.jsonl")
    spells = graphics_on_air(aired)
    for sha in {spell["sha256"] for spell in spells} | {
        str(line.get("sha256")) for line in aired if line.get("sha256")
    }:
        kept = show_dir / "aired" / f"{sha}.png"
        if kept.is_file():
            _copy(kept, out / "graphics" / f"{sha}.png")
    (out / "graphics-on-air.json").write_text(
        json.dumps(spells, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (out / "incidents.json").write_text(
        json.dumps(incidents(_lines(show_dir / "on-air-log.jsonl")), ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    recordings: list[dict[str, Any]] = []
    unreachable: list[str] = []
    for line in _lines(show_dir / "recordings.jsonl"):
        path = Path(str(line.get("path") or ""))
        entry: dict[str, Any] = {
            "name": path.name,
            "path": str(path),
            "started_at": line.get("started_at"),
            "stopped_at": line.get("stopped_at"),
            "chapters": line.get("chapters", []),
        }
        if line.get("path") and path.is_file():
            _copy(path, out / "recordings" / path.name)
            stat = path.stat()
            entry.update({"bytes": stat.st_size, "modified": stat.st_mtime, "in_pack": True})
            chapters = Path(str(line.get("chapters_file") or ""))
            if chapters.is_file():
                shutil.copyfile(chapters, out / "recordings" / f"{path.name}.chapters.txt")
        else:
            # OBS recorded on another machine (or the file moved): named, not collected.
            entry.update(
                {
                    "in_pack": False,
                    "note": "not reachable from this computer when the pack was made",
                }
            )
            unreachable.append(str(path))
        recordings.append(entry)
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    hashes = _hash_all(files)
    manifest = {
        "tool": "hostconsole",
        "version": version,
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "show": {"title": title, "file": str(show_file), "data": str(show_dir)},
        "files": {
            str(path.relative_to(out)): {"sha256": hashes[path], "bytes": path.stat().st_size}
            for path in files
        },
        "recordings": recordings,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    (out / MANIFEST).write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return PackResult(
        out, len(files), sum(1 for r in recordings if r.get("in_pack")), unreachable, digest
    )


def _hash_all(files: list[Path]) -> dict[Path, str]:
    workers = max(1, min(len(files), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="evidence-hash") as pool:
        return dict(zip(files, pool.map(sha256_of, files), strict=True))


def verify_pack(folder: Path) -> list[str]:
    """Every file of the pack hashed again: a sentence for each one changed, missing, or
    added since the pack was made (empty: the pack is as it was made)."""
    manifest_path = folder / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed: dict[str, dict[str, Any]] = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise EvidenceError(f"{manifest_path}: not a pack's manifest ({error})") from None
    problems: list[str] = []
    present = [name for name in sorted(listed) if (folder / name).is_file()]
    problems += [f"missing: {name}" for name in sorted(listed) if name not in present]
    hashes = _hash_all([folder / name for name in present])
    for name in present:
        expected = listed[name]
        if hashes[folder / name] != expected.get("sha256"):
            problems.append(
                f"changed: {name} (SHA-256 {hashes[folder / name][:16]}…, "
                f"the manifest says {str(expected.get('sha256'))[:16]}…)"
            )
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_file() and name != MANIFEST and name not in listed:
            problems.append(f"not in the manifest: {name}")
    return problems
