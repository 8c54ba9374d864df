"""The show: hosts, products, talking points, overlays and timed segments, and their rules."""

from __future__ import annotations

import re
import string
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

from hostconsole.domain.colour import DEFAULT_BACKDROP, blend, contrast_ratio

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date, time

    from hostconsole.domain.orders import ShopMapping

FORMAT_TAG = "hostconsole-show/1"


class EndAction(StrEnum):
    """What the run sheet does when a segment's planned time is up."""

    HOLD = "hold"  # keep counting over until the producer presses Next
    NEXT = "next"  # advance to the next segment by itself


class OverlayKind(StrEnum):
    """The on-screen graphics the console knows how to fill."""

    LOWER_THIRD = "lower_third"
    COUNTER = "counter"
    PRODUCT_CARD = "product_card"
    CAPTION = "caption"
    MILESTONE = "milestone"
    TEXT = "text"
    FLASH_SALE = "flash_sale"  # 限时 04:59 · 仅剩 12 张: the sale's time left and its stock
    QUESTION = "question"  # a viewer's question the producer approved and put on air
    TITLE = "title"  # the show's title card: full width, up to two lines, then a second line


# Variables an overlay template may name, by overlay kind; an unknown one is a validation error.
TEMPLATE_VARIABLES: dict[OverlayKind, frozenset[str]] = {
    OverlayKind.LOWER_THIRD: frozenset({"name", "title", "name_en", "title_en"}),
    OverlayKind.COUNTER: frozenset({"sold", "goal", "rate", "remaining"}),
    OverlayKind.PRODUCT_CARD: frozenset(
        {
            "name",
            "brand",
            "price",
            "voucher_name",
            "voucher_price",
            "voucher_terms",
            "voucher_value",
        }
    ),
    OverlayKind.CAPTION: frozenset({"headline", "detail"}),
    OverlayKind.MILESTONE: frozenset({"milestone", "sold", "goal"}),
    OverlayKind.TEXT: frozenset({"show_title", "segment_title"}),
    OverlayKind.FLASH_SALE: frozenset({"remaining", "stock", "sold", "voucher_name", "name"}),
    OverlayKind.QUESTION: frozenset({"author", "question"}),
    OverlayKind.TITLE: frozenset({"show_title", "segment_title", "venue", "date"}),
}


class Host(msgspec.Struct, frozen=True):
    id: str
    name: str
    title: str = ""
    name_en: str = ""
    title_en: str = ""


class VoucherOffer(msgspec.Struct, frozen=True):
    name: str
    price: float
    terms: str = ""
    value: float | None = None
    stock: int | None = None  # how many the platform has: the flash-sale card says how many left


class Product(msgspec.Struct, frozen=True):
    id: str
    name: str
    brand: str = ""
    price: float | None = None
    currency: str = "CNY"
    voucher: VoucherOffer | None = None
    purchase_url: str = ""
    name_en: str = ""


class TalkingPoint(msgspec.Struct, frozen=True):
    id: str
    headline: str
    detail: str = ""
    source: str = ""
    product: str | None = None
    headline_en: str = ""
    detail_en: str = ""


class Motion(StrEnum):
    """How a graphic comes on or goes off air."""

    SLIDE = "slide"  # in from (or out to) the nearest side of the canvas, over a few frames
    FADE = "fade"  # opacity up from (or down to) nothing, over a few frames
    NONE = "none"  # a cut


class Layer(StrEnum):
    """Where a graphic lives on air: taking one on a layer takes the others there off
    (Singular's layer logic). ``full`` is a full-screen graphic: it takes everything off."""

    LOWER_THIRD = "lower-third"
    CORNER = "corner"
    CENTRE = "centre"
    FULL = "full"


# The layer of an overlay that names none: the lower third and the caption share the band at
# the bottom; the others are on no shared layer (only graphics whose boxes overlap on the
# canvas take each other off).
DEFAULT_LAYERS: dict[OverlayKind, Layer] = {
    OverlayKind.LOWER_THIRD: Layer.LOWER_THIRD,
    OverlayKind.CAPTION: Layer.LOWER_THIRD,
    OverlayKind.QUESTION: Layer.LOWER_THIRD,
    OverlayKind.TITLE: Layer.LOWER_THIRD,
}


class Placement(msgspec.Struct, frozen=True):
    """A graphic's own box for one shape of canvas, in fractions of the canvas (0..1)."""

    x: float
    y: float
    width: float
    height: float


class Overlay(msgspec.Struct, frozen=True):
    id: str
    kind: OverlayKind
    source: str
    template: str = ""
    hold_seconds: float = 5.0
    motion_in: Motion = Motion.SLIDE
    motion_out: Motion = Motion.SLIDE
    layer: Layer | None = None  # None: the kind's default (DEFAULT_LAYERS)
    # Boxes that override the layout's, by canvas shape ("16:9" or "9:16").
    positions: tuple[tuple[str, Placement], ...] = ()
    # A flash sale's length from its segment's start; None: the segment's own remaining time.
    window: float | None = None

    @property
    def on_layer(self) -> Layer | None:
        return self.layer if self.layer is not None else DEFAULT_LAYERS.get(self.kind)

    def position_for(self, shape: str) -> Placement | None:
        return next((box for name, box in self.positions if name == shape), None)


class Segment(msgspec.Struct, frozen=True):
    id: str
    title: str
    duration: float
    title_en: str = ""
    hard_start: time | None = None
    end_action: EndAction = EndAction.HOLD
    scene: str | None = None
    show_overlays: tuple[str, ...] = ()
    hide_overlays: tuple[str, ...] = ()
    talking_points: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    notes: str = ""
    warning: float | None = None
    danger: float | None = None
    host: str | None = None  # the host the lower third names (default: the first host)
    script: str = ""  # the official's exact words, for the prompter


class Timing(msgspec.Struct, frozen=True):
    """Thresholds (seconds remaining) at which a segment's countdown turns amber, then red."""

    warning: float = 60.0
    danger: float = 15.0


class Theme(msgspec.Struct, frozen=True):
    """How the on-air graphics look: the show's brand, in its own file (``theme:``).

    The defaults already read as a broadcast graphic: a deep navy plate, a festive red
    accent bar, gold highlights, white text. Sizes are in pixels at 1080 lines.
    """

    primary: str = "#D7263D"  # accent bar, call to action
    accent: str = "#F6C344"  # second lines, voucher value
    plate: str = "#0E1A2B"  # the plate behind the text
    text: str = "#FFFFFF"
    plate_opacity: float = 0.9
    radius: float = 14.0
    font: str = ""  # a family name or a font file beside the show file; "" = bundled default
    logo: str = ""  # an image beside the show file, drawn on lower thirds and cards
    cta: str = "扫码领券"  # the product card's call to action
    # The set behind the graphics as the camera sees it: plates are drawn so that OBS shows
    # them over it as designed, and their texts' contrast is judged against it.
    backdrop: str = DEFAULT_BACKDROP


# SAFE's slate when the show names no words of its own, in the language that goes on air.
SLATE_WORDS = {"zh": "节目马上回来", "en": "We'll be right back"}
SLATE_SOURCE = "HC Standby Slate"  # the image source the console draws the slate into


class SafeSettings(msgspec.Struct, frozen=True):
    """What SAFE puts on air: the standby scene with the console's slate, every microphone
    named muted (the show file's ``safe:``)."""

    scene: str = "Standby"
    slate: str = ""  # the slate's words; "" = SLATE_WORDS in the show's language
    microphones: tuple[str, ...] = ()  # OBS input names

    def slate_words(self, language: str) -> str:
        return self.slate or SLATE_WORDS.get(language, SLATE_WORDS["en"])


class RecordingSettings(msgspec.Struct, frozen=True):
    """The show's own record (the show file's ``recording:``): OBS's recording started at the
    first GO and stopped when the show ends, and the clips of the moments that sold."""

    auto: bool = False
    clip_before: float = 20.0  # seconds of a clip before its moment
    clip_after: float = 10.0  # and after it
    clip_delay: float = 5.0  # the replay buffer is saved this long after the clip's end


class Show(msgspec.Struct, frozen=True):
    title: str
    segments: tuple[Segment, ...]
    title_en: str = ""
    date: date | None = None
    venue: str = ""
    planned_start: time | None = None
    hosts: tuple[Host, ...] = ()
    products: tuple[Product, ...] = ()
    talking_points: tuple[TalkingPoint, ...] = ()
    overlays: tuple[Overlay, ...] = ()
    timing: Timing = msgspec.field(default_factory=Timing)
    goal: int | None = None
    milestones: tuple[int, ...] = ()
    id: str = ""  # names the show's data folder; without it, the file and its date do
    theme: Theme = msgspec.field(default_factory=Theme)
    banned_words: tuple[str, ...] = ()  # more absolute claims to warn about, beside the list
    language: str = "zh"  # what goes on air is in this language: zh or en
    # What the show sells, as its screens and report call it: 券 / 订车券 / coupons.
    voucher_noun: str = "券"
    voucher_noun_en: str = "vouchers"
    safe: SafeSettings = msgspec.field(default_factory=SafeSettings)
    recording: RecordingSettings = msgspec.field(default_factory=RecordingSettings)
    # The shops whose orders count for this show, through the hub (the show file's
    # ``platform:``).
    platform: tuple[ShopMapping, ...] = ()
    # The series of shows this one belongs to (the festival board shows a campaign's studios).
    campaign: str = ""

    def voucher_word(self, language: str) -> str:
        """The show's noun for what it sells, in a screen's language (zh, or anything else
        for English)."""
        return self.voucher_noun if language.startswith("zh") else self.voucher_noun_en

    @property
    def planned_total(self) -> float:
        return sum(segment.duration for segment in self.segments)

    def segment(self, segment_id: str) -> Segment:
        for segment in self.segments:
            if segment.id == segment_id:
                return segment
        raise KeyError(segment_id)

    def product(self, product_id: str) -> Product:
        for product in self.products:
            if product.id == product_id:
                return product
        raise KeyError(product_id)

    def talking_point(self, point_id: str) -> TalkingPoint:
        for point in self.talking_points:
            if point.id == point_id:
                return point
        raise KeyError(point_id)

    def points_for_segment(self, segment: Segment) -> list[TalkingPoint]:
        """The segment's own talking points, then those tied to its products."""
        by_id = {point.id: point for point in self.talking_points}
        chosen = [by_id[pid] for pid in segment.talking_points if pid in by_id]
        seen = {point.id for point in chosen}
        for point in self.talking_points:
            if point.product in segment.products and point.id not in seen:
                chosen.append(point)
                seen.add(point.id)
        return chosen

    def warning_for(self, segment: Segment) -> float:
        return self.timing.warning if segment.warning is None else segment.warning

    def danger_for(self, segment: Segment) -> float:
        return self.timing.danger if segment.danger is None else segment.danger

    def summary(self) -> str:
        from hostconsole.domain.durations import format_elapsed

        count = len(self.segments)
        noun = "segment" if count == 1 else "segments"
        return f"{self.title}: {count} {noun}, planned {format_elapsed(self.planned_total)}"


def on_screen_texts(show: Show) -> list[tuple[str, str]]:
    """(field path, text) for everything of the show that can reach the screen."""
    texts: list[tuple[str, str]] = [("title", show.title)]
    for index, host in enumerate(show.hosts):
        texts += [(f"hosts[{index}].name", host.name), (f"hosts[{index}].title", host.title)]
    for index, product in enumerate(show.products):
        texts += [
            (f"products[{index}].name", product.name),
            (f"products[{index}].brand", product.brand),
        ]
        if product.voucher is not None:
            texts += [
                (f"products[{index}].voucher.name", product.voucher.name),
                (f"products[{index}].voucher.terms", product.voucher.terms),
            ]
    for index, point in enumerate(show.talking_points):
        texts += [
            (f"talking_points[{index}].headline", point.headline),
            (f"talking_points[{index}].detail", point.detail),
        ]
    for index, overlay in enumerate(show.overlays):
        texts.append((f"overlays[{index}].template", overlay.template))
    texts.append(("theme.cta", show.theme.cta))
    return [(path, text) for path, text in texts if text]


def absolute_claims(text: str, words: Iterable[str]) -> list[str]:
    """The banned words a text contains (case-insensitive for Latin letters), longest first."""
    folded = text.casefold()
    found: list[str] = []
    for word in sorted({w for w in words if w}, key=lambda w: (-len(w), w)):
        key = word.casefold()
        if key in folded and not any(key in longer.casefold() for longer in found):
            found.append(word)
    return found


def advertising_warnings(show: Show, words: Iterable[str]) -> list[Problem]:
    """Every on-screen text with an absolute claim (广告法 art. 9): warnings, not errors."""
    everything = [*words, *show.banned_words]
    problems = []
    for path, text in on_screen_texts(show):
        for word in absolute_claims(text, everything):
            problems.append(
                Problem(path, f"“{word}” is an absolute claim the Advertising Law bans on air")
            )
    return problems


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a show, named by its field path (e.g. ``segments[2].duration``)."""

    path: str
    message: str


# A template lays out a short line on air: a width or precision past this is a typo (and a
# width of 99,999,999 would build gigabytes of padding on the render path).
MAX_FORMAT_NUMBER = 40
_NUMBERS = re.compile(r"\d+")


def template_variables(template: str) -> list[str]:
    """The ``{names}`` a template uses; raises ValueError for a malformed template, a nested
    field in a format spec, or a width or precision above MAX_FORMAT_NUMBER."""
    names = []
    for _literal, name, spec, _conversion in string.Formatter().parse(template):
        if name is not None:
            if not name.isidentifier():
                raise ValueError(f"'{{{name}}}' is not a variable name")
            check_format_spec(name, spec or "")
            names.append(name)
    return names


def check_format_spec(name: str, spec: str) -> None:
    """ValueError unless ``spec`` is one a template needs (no nested fields, small numbers)."""
    if "{" in spec or "}" in spec:
        raise ValueError(f"'{{{name}:{spec}}}' has a field inside its format")
    for number in _NUMBERS.findall(spec):
        if len(number) > 3 or int(number) > MAX_FORMAT_NUMBER:
            raise ValueError(
                f"'{{{name}:{spec}}}' asks for {number} characters; a template's width or "
                f"precision is at most {MAX_FORMAT_NUMBER}"
            )


def check_show(show: Show) -> list[Problem]:
    """Every rule that spans more than one field: unique ids, references, templates."""
    problems: list[Problem] = []
    if not show.segments:
        problems.append(Problem("segments", "the show has no segments"))

    _check_unique("hosts", (h.id for h in show.hosts), problems)
    _check_unique("products", (p.id for p in show.products), problems)
    _check_unique("talking_points", (t.id for t in show.talking_points), problems)
    _check_unique("overlays", (o.id for o in show.overlays), problems)
    _check_unique("segments", (s.id for s in show.segments), problems)

    product_ids = {p.id for p in show.products}
    point_ids = {t.id for t in show.talking_points}
    overlay_ids = {o.id for o in show.overlays}

    for index, point in enumerate(show.talking_points):
        if point.product is not None and point.product not in product_ids:
            problems.append(
                Problem(f"talking_points[{index}].product", _missing("product", point.product))
            )
    for index, overlay in enumerate(show.overlays):
        try:
            names = template_variables(overlay.template)
        except ValueError as error:
            problems.append(Problem(f"overlays[{index}].template", f"malformed template: {error}"))
            continue
        allowed = TEMPLATE_VARIABLES[overlay.kind]
        for name in names:
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                problems.append(
                    Problem(
                        f"overlays[{index}].template",
                        f"unknown variable {{{name}}} for a {overlay.kind.value} overlay "
                        f"(known: {known})",
                    )
                )
    for index, segment in enumerate(show.segments):
        base = f"segments[{index}]"
        _check_refs(f"{base}.products", "product", segment.products, product_ids, problems)
        _check_refs(
            f"{base}.talking_points", "talking point", segment.talking_points, point_ids, problems
        )
        _check_refs(
            f"{base}.show_overlays", "overlay", segment.show_overlays, overlay_ids, problems
        )
        questions = {o.id for o in show.overlays if o.kind is OverlayKind.QUESTION}
        for ref_index, ref in enumerate(segment.show_overlays):
            if ref in questions:
                problems.append(
                    Problem(
                        f"{base}.show_overlays[{ref_index}]",
                        "a question card goes on air from the questions the producer approves,"
                        " not from the run sheet",
                    )
                )
        _check_refs(
            f"{base}.hide_overlays", "overlay", segment.hide_overlays, overlay_ids, problems
        )
        if segment.host is not None and segment.host not in {h.id for h in show.hosts}:
            problems.append(Problem(f"{base}.host", _missing("host", segment.host)))
        if segment.duration <= 0:
            problems.append(Problem(f"{base}.duration", "a segment needs a duration above zero"))
    if show.milestones and list(show.milestones) != sorted(set(show.milestones)):
        problems.append(Problem("milestones", "milestones must be distinct and ascending"))
    problems += _platform_problems(show, product_ids)
    if not show.safe.scene.strip():
        problems.append(Problem("safe.scene", "SAFE needs a standby scene's name"))
    elif any(segment.scene == show.safe.scene for segment in show.segments):
        problems.append(
            Problem(
                "safe.scene",
                f"the standby scene “{show.safe.scene}” is also a segment's scene: SAFE "
                "would show the programme",
            )
        )
    return problems


def _platform_problems(show: Show, product_ids: set[str]) -> list[Problem]:
    problems = []
    if show.platform and not show.id:
        problems.append(
            Problem(
                "platform",
                "a show fed by the hub needs an id (the hub and the console name it alike)",
            )
        )
    seen: set[tuple[str, str]] = set()
    for index, shop in enumerate(show.platform):
        base = f"platform[{index}]"
        if (shop.platform.value, shop.shop) in seen:
            problems.append(Problem(f"{base}.shop", f"the shop '{shop.shop}' is listed twice"))
        seen.add((shop.platform.value, shop.shop))
        for sku, product in shop.skus:
            if product not in product_ids:
                problems.append(Problem(f"{base}.skus.{sku}", _missing("product", product)))
    return problems


def _missing(kind: str, ref: str) -> str:
    return f"no {kind} with id '{ref}'"


def _check_unique(section: str, ids: Iterable[str], problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            problems.append(Problem(f"{section}[{index}].id", f"duplicate id '{item_id}'"))
        seen.add(item_id)


def _check_refs(
    path: str, kind: str, refs: Sequence[str], known: set[str], problems: list[Problem]
) -> None:
    for index, ref in enumerate(refs):
        if ref not in known:
            problems.append(Problem(f"{path}[{index}]", _missing(kind, ref)))


MIN_CONTRAST = 4.5  # WCAG AA for text: every text on air against what is behind it


def theme_warnings(show: Show) -> list[Problem]:
    """Every text of the graphics against what it is drawn on, under 4.5:1 — a plate as it
    reads over the show's backdrop (the set shows through it)."""
    theme = show.theme
    try:
        plate = blend(theme.plate, theme.plate_opacity, theme.backdrop)
    except (ValueError, IndexError):
        return []  # a colour itself is reported where the theme is read
    pairs = (
        ("theme.text", theme.text, plate, "the text on the plate"),
        ("theme.accent", theme.accent, plate, "second lines and calls to action"),
        ("theme.text", theme.text, theme.primary, "the voucher pill's text on the primary colour"),
    )
    problems = []
    for path, ink, paper, what in pairs:
        ratio = contrast_ratio(ink, paper)
        if ratio < MIN_CONTRAST:
            problems.append(
                Problem(
                    path,
                    f"{what}: contrast {ratio:.1f}:1 ({ink} on {paper} over the backdrop "
                    f"{theme.backdrop}); at least {MIN_CONTRAST}:1 stays legible on a phone",
                )
            )
    return problems


def content_warnings(show: Show) -> list[Problem]:
    """What a show asks for that will not reach the screen as the producer expects."""
    problems: list[Problem] = []
    kinds = {overlay.kind for overlay in show.overlays}
    if show.milestones and OverlayKind.MILESTONE not in kinds:
        problems.append(
            Problem("milestones", "milestones are set but no milestone graphic shows them")
        )
    if show.overlays and OverlayKind.QUESTION not in kinds:
        problems.append(
            Problem(
                "overlays",
                "no question graphic (kind: question): viewers' questions the producer "
                "approves reach the presenter only, and “Card on air” is refused",
            )
        )
    if not show.safe.microphones:
        problems.append(
            Problem(
                "safe.microphones",
                "no microphones named: SAFE takes the picture off air but mutes nobody",
            )
        )
    for index, shop in enumerate(show.platform):
        if not shop.rooms:
            problems.append(
                Problem(
                    f"platform[{index}].rooms",
                    f"no live room named for the shop '{shop.shop}': every order of the shop "
                    "counts, also those not made in this show's live room",
                )
            )
    cards = [o.id for o in show.overlays if o.kind is OverlayKind.PRODUCT_CARD]
    for index, segment in enumerate(show.segments):
        if not any(card in segment.show_overlays for card in cards):
            continue
        for product_id in segment.products[:1]:
            product = next((p for p in show.products if p.id == product_id), None)
            if product is not None and not product.purchase_url:
                problems.append(
                    Problem(
                        f"segments[{index}].products",
                        f"the product card on “{segment.id}” shows “{product.id}”, which has "
                        "no purchase_url: no code to scan",
                    )
                )
    return problems
