"""Plate colours as OBS shows them: each theme's plates (the text plate and the brand colour
the flash sale sits on) drawn by the app's painter, put over a flat set of the show's backdrop
colour in a real headless OBS, and OBS's output compared with the plate as designed."""

from __future__ import annotations

import base64
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import obsws_python
from coloraide import Color

from bench.figure import Figure, Measure
from bench.qtloop import run
from hostconsole.adapters.storage.showfile import load_show
from hostconsole.domain.colour import blend
from tests.harness.obs import HeadlessObs, obs_colour

if TYPE_CHECKING:
    from hostconsole.domain.show import Theme

ROOT = Path(__file__).resolve().parent.parent
SHOWS = (ROOT / "resources" / "demo.show.yaml", ROOT / "tests" / "data" / "farm.show.yaml")


async def _nothing() -> None:
    """The app's Qt application and loop exist before the painter draws."""


def _plate_png(theme: Theme, colour: str, path: Path, *, compensated: bool) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from hostconsole.graphics.render import GraphicPainter

    image = QImage(160, 90, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    try:
        if compensated:  # the painter's own plate, as every graphic draws it
            GraphicPainter(theme, (1920, 1080), "")._plate(painter, QRectF(0, 0, 160, 90), colour)
        else:  # as designed, left to OBS's blending
            plain = QColor(colour)
            plain.setAlphaF(theme.plate_opacity)
            painter.fillRect(QRectF(0, 0, 160, 90), plain)
    finally:
        painter.end()
    image.save(str(path))


def _obs_colour(client: obsws_python.ReqClient, folder: Path, backdrop: str, png: Path) -> str:
    from PySide6.QtGui import QColor, QImage

    name = png.stem
    client.send(
        "CreateInput",
        {
            "sceneName": "Plates",
            "inputName": f"set {name}",
            "inputKind": "color_source_v3",
            "inputSettings": {"color": obs_colour(backdrop)},
        },
    )
    client.send(
        "CreateInput",
        {
            "sceneName": "Plates",
            "inputName": name,
            "inputKind": "image_source",
            "inputSettings": {"file": str(png)},
        },
    )
    time.sleep(0.4)  # a few frames: the image loaded and composited
    shot = client.send(
        "GetSourceScreenshot", {"sourceName": "Plates", "imageFormat": "png"}, raw=True
    )
    image = QImage.fromData(base64.b64decode(str(shot["imageData"]).split(",", 1)[1]))
    seen = QColor(image.pixel(80, 45)).name()
    client.send("RemoveInput", {"inputName": name})
    client.send("RemoveInput", {"inputName": f"set {name}"})
    return seen


def plate_colour_error() -> Figure:
    run(_nothing())
    with (
        tempfile.TemporaryDirectory(prefix="bench-plates-") as folder,
        HeadlessObs(Path(folder) / "obs") as server,
    ):
        client = obsws_python.ReqClient(
            host="127.0.0.1", port=server.port, password=server.password, timeout=10
        )
        client.send("CreateScene", {"sceneName": "Plates"})
        client.send("SetCurrentProgramScene", {"sceneName": "Plates"})
        errors: dict[bool, list[float]] = {True: [], False: []}
        count = 0
        for show_path in SHOWS:
            theme = load_show(show_path).theme
            for colour in (theme.plate, theme.primary):
                designed = blend(colour, theme.plate_opacity, theme.backdrop)
                for compensated in (True, False):
                    count += 1
                    png = Path(folder) / f"plate-{count}.png"
                    _plate_png(theme, colour, png, compensated=compensated)
                    seen = _obs_colour(client, Path(folder), theme.backdrop, png)
                    difference = Color(seen).delta_e(Color(designed), method="2000")
                    errors[compensated].append(difference)
        client.disconnect()
    worst, baseline = max(errors[True]), max(errors[False])
    return Figure(
        "plate_colour_error",
        round(worst, 2),
        "ΔE2000",
        3.0,
        detail=f"{len(errors[True])} plates (demo and farm themes: text plate and brand colour) "
        f"over each show's backdrop in OBS; drawn as designed: {baseline:.1f}",
        baseline=round(baseline, 2),
        samples=len(errors[True]),
    )


FIGURES: dict[str, Measure] = {"plate_colour_error": plate_colour_error}
