"""Load, validate and save show files (YAML), reporting every problem with its place."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import io
import math
import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from hostconsole.adapters.storage.yamltree import Tree, TreeReadError, join, read_tree
from hostconsole.domain.durations import DurationError, parse_duration, parse_time_of_day
from hostconsole.domain.orders import Platform, ShopMapping
from hostconsole.domain.overlays import placement_problems
from hostconsole.domain.show import (
    FORMAT_TAG,
    EndAction,
    Host,
    Layer,
    Motion,
    Overlay,
    OverlayKind,
    Placement,
    Product,
    RecordingSettings,
    SafeSettings,
    Segment,
    Show,
    TalkingPoint,
    Theme,
    Timing,
    VoucherOffer,
    check_show,
)

if TYPE_CHECKING:
    from collections.abc import Callable

# A show with thousands of segments is well under 2 MB; anything far larger is a wrong file.
MAX_SHOW_BYTES = 8 * 1024 * 1024

T = TypeVar("T")


class LocatedError(msgspec.Struct, frozen=True):
    """One problem in a file: ``file:line:column: field.path: message``."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ShowFileError(Exception):
    """The show could not be used; ``errors`` lists every problem found, in file order."""

    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.line, e.column))
        super().__init__("\n".join(str(error) for error in self.errors))


class _InvalidFieldError(Exception):
    """Raised inside the reader when one field cannot be used; already recorded."""


class _Reader:
    """Turns a located plain tree into domain objects, collecting every error on the way."""

    def __init__(self, tree: Tree, file: str) -> None:
        self.tree = tree
        self.file = file
        self.errors: list[LocatedError] = []

    def error(self, path: str, message: str, *, at_key: bool = False) -> None:
        if at_key and path in self.tree.key_at:
            line, column = self.tree.key_at[path]
        else:
            line, column = self.tree.position(path)
        self.errors.append(LocatedError(self.file, line, column, path, message))

    def mapping(
        self,
        value: Any,
        path: str,
        known: set[str],
        required: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping of fields, got {_describe(value)}")
            raise _InvalidFieldError
        for key in value:
            if key not in known:
                hint = _close_match(key, known)
                suffix = f" (did you mean '{hint}'?)" if hint else ""
                self.error(join(path, key), f"unknown field '{key}'{suffix}", at_key=True)
        for key in sorted(required):
            if key not in value or value[key] is None:
                self.error(path, f"missing required field '{key}'")
        return value

    def items(self, parent: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        value = parent.get(key)
        full = join(path, key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(full, f"expected a list, got {_describe(value)}")
            return []
        return [(join(full, index), item) for index, item in enumerate(value)]

    def field(
        self,
        parent: dict[str, Any],
        key: str,
        path: str,
        convert: Callable[[Any], T],
        default: T,
    ) -> T:
        if key not in parent or parent[key] is None:
            return default
        full = join(path, key)
        try:
            return convert(parent[key])
        except (DurationError, ValueError, TypeError) as error:
            self.error(full, str(error))
            return default

    def text(self, parent: dict[str, Any], key: str, path: str, default: str = "") -> str:
        return self.field(parent, key, path, _text, default)

    def ref_list(self, parent: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        refs = []
        for item_path, item in self.items(parent, key, path):
            try:
                refs.append(_identifier(item))
            except ValueError as error:
                self.error(item_path, str(error))
        return tuple(refs)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _close_match(key: str, known: set[str]) -> str | None:
    matches = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _text(value: Any) -> str:
    if isinstance(value, (bool, dict | list)):
        raise ValueError(f"expected text, got {_describe(value)}")
    if isinstance(value, int | float | date):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {_describe(value)}")
    return value


def _language(value: Any) -> str:
    """The language the show goes on air in: zh or en."""
    text = _text(value).strip()
    if text not in ("zh", "en"):
        raise ValueError("expected zh or en (the language the show goes on air in)")
    return text


def _identifier(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"expected an id (text), got {_describe(value)}")
    text = str(value).strip()
    if not text:
        raise ValueError("an id cannot be empty")
    return text


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {_describe(value)}")
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    if value < 0:
        raise ValueError(f"expected a number of zero or more, got {value!r}")
    return float(value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {_describe(value)}")
    if value <= 0:
        raise ValueError(f"expected a whole number above zero, got {value!r}")
    return value


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a date like 2026-11-28, got {_describe(value)}")


def _end_action(value: Any) -> EndAction:
    try:
        return EndAction(value)
    except ValueError:
        raise ValueError(f"expected 'hold' or 'next', got {_describe(value)}") from None


def _overlay_kind(value: Any) -> OverlayKind:
    try:
        return OverlayKind(value)
    except ValueError:
        kinds = ", ".join(kind.value for kind in OverlayKind)
        raise ValueError(f"expected one of {kinds}, got {_describe(value)}") from None


def _format_tag(value: Any) -> str:
    if value != FORMAT_TAG:
        raise ValueError(
            f"unknown format {_describe(value)}; this version of Host Console reads {FORMAT_TAG}"
        )
    return FORMAT_TAG


_TOP = {
    "format",
    "id",
    "title",
    "title_en",
    "date",
    "venue",
    "planned_start",
    "hosts",
    "products",
    "talking_points",
    "overlays",
    "segments",
    "timing",
    "goal",
    "milestones",
    "theme",
    "banned_words",
    "language",
    "voucher_noun",
    "voucher_noun_en",
    "safe",
    "recording",
    "platform",
    "campaign",
}
_HOST = {"id", "name", "title", "name_en", "title_en"}
_PRODUCT = {"id", "name", "name_en", "brand", "price", "currency", "voucher", "purchase_url"}
_VOUCHER = {"name", "price", "value", "terms", "stock"}
_POINT = {"id", "headline", "headline_en", "detail", "detail_en", "source", "product"}
_OVERLAY = {
    "id",
    "kind",
    "source",
    "template",
    "hold",
    "in",
    "out",
    "layer",
    "position",
    "window",
}
# position: keys, by the canvas shape each is for.
_SHAPES = {"landscape": "16:9", "portrait": "9:16"}
_SEGMENT = {
    "id",
    "title",
    "title_en",
    "duration",
    "hard_start",
    "end_action",
    "scene",
    "show_overlays",
    "hide_overlays",
    "talking_points",
    "products",
    "notes",
    "warning",
    "danger",
    "host",
    "script",
}
_TIMING = {"warning", "danger"}
_SAFE = {"scene", "slate", "microphones"}
_RECORDING = {"auto", "clip_before", "clip_after", "clip_delay"}
_SHOP = {"platform", "shop", "rooms", "skus"}


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {_describe(value)}")
    return value


def _clip_seconds(value: Any) -> float:
    seconds = parse_duration(value)
    if not 0 <= seconds <= 300:
        raise ValueError(f"expected at most 5 minutes, got {value!r}")
    return seconds


def _read_recording(reader: _Reader, value: Any) -> RecordingSettings:
    default = RecordingSettings()
    try:
        section = reader.mapping(value, "recording", _RECORDING)
    except _InvalidFieldError:
        return default
    return RecordingSettings(
        auto=reader.field(section, "auto", "recording", _flag, default.auto),
        clip_before=reader.field(
            section, "clip_before", "recording", _clip_seconds, default.clip_before
        ),
        clip_after=reader.field(
            section, "clip_after", "recording", _clip_seconds, default.clip_after
        ),
        clip_delay=reader.field(
            section, "clip_delay", "recording", _clip_seconds, default.clip_delay
        ),
    )


_THEME = {
    "primary",
    "accent",
    "plate",
    "text",
    "plate_opacity",
    "radius",
    "font",
    "logo",
    "cta",
    "backdrop",
}


def _colour(value: Any) -> str:
    text = _text(value).strip()
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", text):
        raise ValueError(f"expected a colour like #D7263D, got {_describe(value)}")
    return text.upper()


def _fraction(value: Any) -> float:
    number = _number(value)
    if number > 1:
        raise ValueError(f"expected a number from 0 to 1, got {value!r}")
    return number


def _radius(value: Any) -> float:
    number = _number(value)
    if number > 64:
        raise ValueError(f"expected a corner radius of at most 64 (pixels at 1080), got {value!r}")
    return number


def _read_theme(reader: _Reader, value: Any) -> Theme:
    default = Theme()
    try:
        section = reader.mapping(value, "theme", _THEME)
    except _InvalidFieldError:
        return default
    logo = reader.text(section, "logo", "theme", default.logo)
    if logo:
        image = Path(reader.file).parent / logo
        if image.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            reader.error("theme.logo", f"the logo must be a PNG or JPEG image, got {logo!r}")
        elif not image.is_file():
            reader.error("theme.logo", f"no image {logo!r} beside the show file")
    return Theme(
        primary=reader.field(section, "primary", "theme", _colour, default.primary),
        accent=reader.field(section, "accent", "theme", _colour, default.accent),
        plate=reader.field(section, "plate", "theme", _colour, default.plate),
        text=reader.field(section, "text", "theme", _colour, default.text),
        plate_opacity=reader.field(
            section, "plate_opacity", "theme", _fraction, default.plate_opacity
        ),
        radius=reader.field(section, "radius", "theme", _radius, default.radius),
        font=reader.text(section, "font", "theme", default.font),
        logo=logo,
        cta=reader.text(section, "cta", "theme", default.cta),
        backdrop=reader.field(section, "backdrop", "theme", _colour, default.backdrop),
    )


def _platform(value: Any) -> Platform:
    text = _text(value).strip().lower()
    try:
        return Platform(text)
    except ValueError:
        known = ", ".join(p.value for p in Platform)
        raise ValueError(f"unknown platform '{text}' (known: {known})") from None


def _read_shop(reader: _Reader, path: str, value: Any) -> ShopMapping | None:
    try:
        item = reader.mapping(value, path, _SHOP, {"platform", "shop"})
    except _InvalidFieldError:
        return None
    platform = reader.field(item, "platform", path, _platform, None)
    shop = reader.field(item, "shop", path, _identifier, "")
    rooms = reader.ref_list(item, "rooms", path)
    skus: list[tuple[str, str]] = []
    table = item.get("skus")
    if table is not None:
        if not isinstance(table, dict):
            reader.error(join(path, "skus"), "expected platform SKU: product id pairs")
        else:
            for sku, product in table.items():
                try:
                    skus.append((_identifier(sku), _identifier(product)))
                except ValueError as error:
                    reader.error(join(join(path, "skus"), str(sku)), str(error))
    if platform is None or not shop:
        return None
    return ShopMapping(platform, shop, rooms, tuple(skus))


def _read_safe(reader: _Reader, value: Any) -> SafeSettings:
    default = SafeSettings()
    try:
        section = reader.mapping(value, "safe", _SAFE)
    except _InvalidFieldError:
        return default
    microphones: list[str] = []
    for item_path, item in reader.items(section, "microphones", "safe"):
        try:
            name = _text(item).strip()
        except ValueError as error:
            reader.error(item_path, str(error))
            continue
        if name and name not in microphones:
            microphones.append(name)
    return SafeSettings(
        scene=reader.text(section, "scene", "safe", default.scene).strip() or default.scene,
        slate=reader.text(section, "slate", "safe", default.slate).strip(),
        microphones=tuple(microphones),
    )


def _read_show(reader: _Reader, root: Any) -> Show:
    if root is None:
        reader.error("", "the file holds no show (it is empty or only comments)")
        raise _InvalidFieldError
    top = reader.mapping(root, "", _TOP, {"format", "title", "segments"})
    if "format" in top:
        reader.field(top, "format", "", _format_tag, FORMAT_TAG)
        if reader.errors and reader.errors[-1].path == "format":
            # Another version's fields mean something else: stop before reporting noise.
            raise _InvalidFieldError
    hosts = tuple(
        h for h in (_read_host(reader, p, v) for p, v in reader.items(top, "hosts", "")) if h
    )
    products = tuple(
        p for p in (_read_product(reader, p, v) for p, v in reader.items(top, "products", "")) if p
    )
    points = tuple(
        t
        for t in (_read_point(reader, p, v) for p, v in reader.items(top, "talking_points", ""))
        if t
    )
    overlays = tuple(
        o for o in (_read_overlay(reader, p, v) for p, v in reader.items(top, "overlays", "")) if o
    )
    segments = tuple(
        s for s in (_read_segment(reader, p, v) for p, v in reader.items(top, "segments", "")) if s
    )
    timing = Timing()
    if top.get("timing") is not None:
        try:
            section = reader.mapping(top["timing"], "timing", _TIMING)
            timing = Timing(
                warning=reader.field(section, "warning", "timing", parse_duration, 60.0),
                danger=reader.field(section, "danger", "timing", parse_duration, 15.0),
            )
        except _InvalidFieldError:
            pass
    theme = Theme() if top.get("theme") is None else _read_theme(reader, top["theme"])
    safe = SafeSettings() if top.get("safe") is None else _read_safe(reader, top["safe"])
    recording = (
        RecordingSettings()
        if top.get("recording") is None
        else _read_recording(reader, top["recording"])
    )
    platform = tuple(
        shop
        for shop in (_read_shop(reader, p, v) for p, v in reader.items(top, "platform", ""))
        if shop
    )
    banned_words = []
    for item_path, item in reader.items(top, "banned_words", ""):
        try:
            banned_words.append(_text(item).strip())
        except ValueError as error:
            reader.error(item_path, str(error))
    milestones = []
    for item_path, item in reader.items(top, "milestones", ""):
        try:
            milestones.append(_count(item))
        except ValueError as error:
            reader.error(item_path, str(error))
    return Show(
        id=reader.field(top, "id", "", _identifier, ""),
        title=reader.text(top, "title", ""),
        title_en=reader.text(top, "title_en", ""),
        date=reader.field(top, "date", "", _date, None),
        venue=reader.text(top, "venue", ""),
        planned_start=reader.field(top, "planned_start", "", parse_time_of_day, None),
        hosts=hosts,
        products=products,
        talking_points=points,
        overlays=overlays,
        segments=segments,
        timing=timing,
        goal=reader.field(top, "goal", "", _count, None),
        milestones=tuple(milestones),
        theme=theme,
        language=reader.field(top, "language", "", _language, "zh"),
        voucher_noun=reader.text(top, "voucher_noun", "") or "券",
        voucher_noun_en=reader.text(top, "voucher_noun_en", "") or "vouchers",
        banned_words=tuple(word for word in banned_words if word),
        safe=safe,
        recording=recording,
        platform=platform,
        campaign=reader.field(top, "campaign", "", _identifier, ""),
    )


def _required_id(reader: _Reader, item: dict[str, Any], path: str) -> str:
    return reader.field(item, "id", path, _identifier, "")


def _read_host(reader: _Reader, path: str, value: Any) -> Host | None:
    try:
        item = reader.mapping(value, path, _HOST, {"id", "name"})
    except _InvalidFieldError:
        return None
    return Host(
        id=_required_id(reader, item, path),
        name=reader.text(item, "name", path),
        title=reader.text(item, "title", path),
        name_en=reader.text(item, "name_en", path),
        title_en=reader.text(item, "title_en", path),
    )


def _read_product(reader: _Reader, path: str, value: Any) -> Product | None:
    try:
        item = reader.mapping(value, path, _PRODUCT, {"id", "name"})
    except _InvalidFieldError:
        return None
    voucher = None
    if item.get("voucher") is not None:
        voucher_path = join(path, "voucher")
        try:
            offer = reader.mapping(item["voucher"], voucher_path, _VOUCHER, {"name", "price"})
            voucher = VoucherOffer(
                name=reader.text(offer, "name", voucher_path),
                price=reader.field(offer, "price", voucher_path, _number, 0.0),
                value=reader.field(offer, "value", voucher_path, _number, None),
                terms=reader.text(offer, "terms", voucher_path),
                stock=reader.field(offer, "stock", voucher_path, _stock, None),
            )
        except _InvalidFieldError:
            pass
    return Product(
        id=_required_id(reader, item, path),
        name=reader.text(item, "name", path),
        name_en=reader.text(item, "name_en", path),
        brand=reader.text(item, "brand", path),
        price=reader.field(item, "price", path, _number, None),
        currency=reader.text(item, "currency", path, "CNY"),
        voucher=voucher,
        purchase_url=reader.text(item, "purchase_url", path),
    )


def _read_point(reader: _Reader, path: str, value: Any) -> TalkingPoint | None:
    try:
        item = reader.mapping(value, path, _POINT, {"id", "headline"})
    except _InvalidFieldError:
        return None
    return TalkingPoint(
        id=_required_id(reader, item, path),
        headline=reader.text(item, "headline", path),
        headline_en=reader.text(item, "headline_en", path),
        detail=reader.text(item, "detail", path),
        detail_en=reader.text(item, "detail_en", path),
        source=reader.text(item, "source", path),
        product=reader.field(item, "product", path, _identifier, None),
    )


def _read_overlay(reader: _Reader, path: str, value: Any) -> Overlay | None:
    try:
        item = reader.mapping(value, path, _OVERLAY, {"id", "kind", "source"})
    except _InvalidFieldError:
        return None
    return Overlay(
        id=_required_id(reader, item, path),
        kind=reader.field(item, "kind", path, _overlay_kind, OverlayKind.TEXT),
        source=reader.text(item, "source", path),
        template=reader.text(item, "template", path),
        hold_seconds=reader.field(item, "hold", path, parse_duration, 5.0),
        motion_in=reader.field(item, "in", path, _motion, Motion.SLIDE),
        motion_out=reader.field(item, "out", path, _motion, Motion.SLIDE),
        layer=reader.field(item, "layer", path, _layer, None),
        positions=_positions(reader, item, path),
        window=reader.field(item, "window", path, parse_duration, None),
    )


def _stock(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number of zero or more, got {_describe(value)}")
    return value


def _layer(value: Any) -> Layer:
    try:
        return Layer(_text(value))
    except ValueError:
        raise ValueError(
            f"expected one of {', '.join(m.value for m in Layer)}, got {_describe(value)}"
        ) from None


def _placement(value: Any) -> Placement:
    if (
        not isinstance(value, list)
        or len(value) != 4
        or any(isinstance(n, bool) or not isinstance(n, int | float) for n in value)
    ):
        raise ValueError(
            "expected [x, y, width, height] as fractions of the canvas, e.g. "
            f"[0.05, 0.78, 0.46, 0.13], got {_describe(value)}"
        )
    x, y, width, height = (float(n) for n in value)
    return Placement(x, y, width, height)


def _positions(
    reader: _Reader, item: dict[str, Any], path: str
) -> tuple[tuple[str, Placement], ...]:
    if item.get("position") is None:
        return ()
    full = join(path, "position")
    try:
        given = reader.mapping(item["position"], full, set(_SHAPES))
    except _InvalidFieldError:
        return ()
    positions = []
    for key, shape in _SHAPES.items():
        placement = reader.field(given, key, full, _placement, None)
        if placement is not None:
            positions.append((shape, placement))
    return tuple(positions)


def _motion(value: Any) -> Motion:
    try:
        return Motion(_text(value))
    except ValueError:
        raise ValueError(
            f"expected one of {', '.join(m.value for m in Motion)}, got {_describe(value)}"
        ) from None


def _read_segment(reader: _Reader, path: str, value: Any) -> Segment | None:
    try:
        item = reader.mapping(value, path, _SEGMENT, {"id", "title", "duration"})
    except _InvalidFieldError:
        return None
    return Segment(
        id=_required_id(reader, item, path),
        title=reader.text(item, "title", path),
        title_en=reader.text(item, "title_en", path),
        duration=reader.field(item, "duration", path, parse_duration, 0.0),
        hard_start=reader.field(item, "hard_start", path, parse_time_of_day, None),
        end_action=reader.field(item, "end_action", path, _end_action, EndAction.HOLD),
        scene=reader.field(item, "scene", path, _text, None),
        show_overlays=reader.ref_list(item, "show_overlays", path),
        hide_overlays=reader.ref_list(item, "hide_overlays", path),
        talking_points=reader.ref_list(item, "talking_points", path),
        products=reader.ref_list(item, "products", path),
        notes=reader.text(item, "notes", path),
        warning=reader.field(item, "warning", path, parse_duration, None),
        danger=reader.field(item, "danger", path, parse_duration, None),
        host=reader.field(item, "host", path, _identifier, None),
        script=reader.text(item, "script", path),
    )


def _too_large(file: str, size: int) -> ShowFileError:
    megabytes = size / (1024 * 1024)
    limit = MAX_SHOW_BYTES // (1024 * 1024)
    return ShowFileError(
        [
            LocatedError(
                file,
                1,
                1,
                "",
                f"the file is {megabytes:.0f} MB; a show file is at most {limit} MB"
                " — is this the right file?",
            )
        ]
    )


def _read_limited(path: str | Path) -> bytes:
    file = str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_SHOW_BYTES:
                raise _too_large(file, size)
            return handle.read(MAX_SHOW_BYTES + 1)
    except FileNotFoundError:
        raise ShowFileError([LocatedError(file, 1, 1, "", "no such file")]) from None
    except IsADirectoryError:
        raise ShowFileError(
            [LocatedError(file, 1, 1, "", "this is a folder, not a file")]
        ) from None
    except OSError as error:
        raise ShowFileError(
            [LocatedError(file, 1, 1, "", f"cannot read the file: {error.strerror}")]
        ) from None


def decode_show_bytes(data: bytes, file: str) -> str:
    """The file's text, or ShowFileError naming why it is not a show file at all."""

    def fail(message: str) -> ShowFileError:
        return ShowFileError([LocatedError(file, 1, 1, "", message)])

    if len(data) > MAX_SHOW_BYTES:
        raise _too_large(file, len(data))
    if not data.strip():
        raise fail("the file is empty")
    if b"\x00" in data[:8192]:
        raise fail("this is a binary file, not a show file (YAML text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ShowFileError(
            [
                LocatedError(
                    file,
                    line,
                    1,
                    "",
                    "the file is not UTF-8 text (perhaps GBK from an older editor); "
                    "save it as UTF-8 and open it again",
                )
            ]
        ) from None
    return text


def field_positions(path: str | Path) -> Callable[[str], tuple[int, int]]:
    """Where each field path (``segments[3].show_overlays``) was written in a show file, for
    warnings that name their line; (1, 1) when the file cannot be read again."""
    try:
        tree = read_tree(decode_show_bytes(_read_limited(path), str(path)))
    except (ShowFileError, TreeReadError, OSError):
        return lambda _path: (1, 1)
    return tree.position


def parse_show_text(text: str, file: str) -> Show:
    """A valid Show from YAML text, or ShowFileError listing every problem."""
    try:
        tree = read_tree(text)
    except TreeReadError as error:
        raise ShowFileError(
            [LocatedError(file, e.line, e.column, e.path, e.message) for e in error.errors]
        ) from None
    reader = _Reader(tree, file)
    try:
        show = _read_show(reader, tree.root)
    except _InvalidFieldError:
        raise ShowFileError(reader.errors) from None
    # A field that failed to read already has its error; a cross-field rule tripping over
    # its default value (a zero duration, an empty id) would only repeat it.
    failed = {error.path for error in reader.errors}
    for problem in check_show(show) + placement_problems(show):
        if problem.path not in failed:
            reader.error(problem.path, problem.message)
    if reader.errors:
        raise ShowFileError(reader.errors)
    return show


def banned_words() -> tuple[str, ...]:
    """The absolute claims shipped in resources/absolute-claims.txt."""
    from hostconsole.resources import resources_dir

    lines = (resources_dir() / "absolute-claims.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def load_show(path: str | Path) -> Show:
    """Read and validate a show file; every failure is a ShowFileError naming the file."""
    return parse_show_text(decode_show_bytes(_read_limited(path), str(path)), str(path))


def _round_trip_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


class DiskVersion(msgspec.Struct, frozen=True):
    """The show file's text as read from disk, and the digest of its bytes."""

    text: str
    digest: str


class ShowDocument:
    """A show file opened for editing: changes keep the producer's comments and key order.

    The round-trip tree is slower to build than the validating reader, so it is loaded
    only when the show is first edited or saved.
    """

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self._text = text
        self._tree: Any = None
        self.show = parse_show_text(text, file)
        # The file's content as last read or written here: an outside change differs from it.
        self._disk_hash: str | None = None

    @classmethod
    def open(cls, path: str | Path) -> ShowDocument:
        file = str(path)
        data = _read_limited(path)
        document = cls(decode_show_bytes(data, file), file)
        document._disk_hash = _digest(data)
        return document

    def mark_read(self, version: DiskVersion) -> None:
        """This document holds ``version`` of the file (it was read from it)."""
        self._disk_hash = version.digest

    def read_disk(self) -> DiskVersion:
        data = _read_limited(self.file)
        return DiskVersion(decode_show_bytes(data, self.file), _digest(data))

    def changed_on_disk(self) -> DiskVersion | None:
        """The file as it is now when it differs from what was last read or written here
        (blocking: call it off the event loop); None when unchanged, or gone for now."""
        try:
            data = _read_limited(self.file)
        except ShowFileError:
            return None  # gone for a moment (an editor saving by rename): check again later
        digest = _digest(data)
        if self._disk_hash is None:
            self._disk_hash = digest
            return None
        if digest == self._disk_hash:
            return None
        try:
            return DiskVersion(decode_show_bytes(data, self.file), digest)
        except ShowFileError:
            # Parsing it says what is wrong (empty, not UTF-8…) where the producer looks.
            return DiskVersion(data.decode("utf-8", "replace"), digest)

    @property
    def tree(self) -> Any:
        if self._tree is None:
            self._tree = _round_trip_yaml().load(self._text)
        return self._tree

    def dumps(self) -> str:
        if self._tree is None:
            return self._text
        buffer = io.StringIO()
        _round_trip_yaml().dump(self._tree, buffer)
        return buffer.getvalue()

    def _revalidate(self) -> None:
        text = self.dumps()
        self.show = parse_show_text(text, self.file)

    def set_segment_field(self, segment_id: str, key: str, value: Any) -> None:
        """Change one field of one segment; the edit is refused if it makes the show invalid."""
        segment = self._segment_node(segment_id)
        previous = segment.get(key, _MISSING)
        segment[key] = value
        try:
            self._revalidate()
        except ShowFileError:
            if previous is _MISSING:
                del segment[key]
            else:
                segment[key] = previous
            raise

    def insert_segment(self, index: int, fields: dict[str, Any]) -> None:
        from ruamel.yaml.comments import CommentedMap

        node = CommentedMap()
        for key, value in fields.items():
            node[key] = value
        self.tree["segments"].insert(index, node)
        try:
            self._revalidate()
        except ShowFileError:
            del self.tree["segments"][index]
            raise

    def remove_segment(self, segment_id: str) -> dict[str, Any]:
        segments = self.tree["segments"]
        for index, node in enumerate(segments):
            if str(node.get("id")) == segment_id:
                removed: dict[str, Any] = segments.pop(index)
                try:
                    self._revalidate()
                except ShowFileError:
                    segments.insert(index, removed)
                    raise
                return removed
        raise KeyError(segment_id)

    def segment_fields(self, segment_id: str, keys: list[str]) -> dict[str, Any]:
        """The current values of some fields of a segment (None where a field is absent)."""
        node = self._segment_node(segment_id)
        return {key: node.get(key) for key in keys}

    def set_segment_fields(self, segment_id: str, changes: dict[str, Any]) -> None:
        """Change several fields at once (None removes one): all of them, or none if the
        result is invalid."""
        segment = self._segment_node(segment_id)
        before = {key: segment.get(key, _MISSING) for key in changes}
        for key, value in changes.items():
            if value is None:
                segment.pop(key, None)
            else:
                segment[key] = value
        try:
            self._revalidate()
        except ShowFileError:
            for key, value in before.items():
                if value is _MISSING:
                    segment.pop(key, None)
                else:
                    segment[key] = value
            raise

    def move_segment(self, segment_id: str, new_index: int) -> None:
        segments = self.tree["segments"]
        for index, node in enumerate(segments):
            if str(node.get("id")) == segment_id:
                segments.insert(new_index, segments.pop(index))
                self._revalidate()
                return
        raise KeyError(segment_id)

    def _segment_node(self, segment_id: str) -> Any:
        for node in self.tree["segments"]:
            if str(node.get("id")) == segment_id:
                return node
        raise KeyError(segment_id)

    def save(self, path: str | Path | None = None) -> None:
        """Write atomically: a crash mid-save leaves the previous file intact.

        A symlinked show file stays a symlink (the file it points to is replaced) and keeps
        its permissions; OSError says why a save failed (nothing is changed then)."""
        target = Path(os.path.realpath(path or self.file))
        text = self.dumps()
        data = text.encode("utf-8")
        try:
            mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = None
        temporary = target.with_name(f".{target.name}.saving")
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(temporary, mode)
            # Checked at the last moment: an editor's save since this document was read or
            # written is never replaced by it (the caller takes the file in, then saves).
            if self._disk_hash is not None:
                try:
                    current = _digest(target.read_bytes())
                except FileNotFoundError:
                    current = None
                if current is not None and current != self._disk_hash:
                    raise ShowChangedOnDiskError(f"{target} changed on disk while saving")
            temporary.replace(target)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
        self._text = text
        self._disk_hash = _digest(data)


_MISSING: Any = object()


class ShowChangedOnDiskError(OSError):
    """The file on disk changed since it was read or saved: a save would have undone it."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
