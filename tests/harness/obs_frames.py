"""Real OBS frames of a show that is not the demo (the farm show written for the tests, in
English and green) in 16:9 and 9:16, for the README.

Usage: python -m tests.harness.obs_frames OUTPUT_DIR  (scripts/obs-frames runs it). A headless
OBS, the app's own show engine and renderer, pre-flight on each canvas, a cue, and the program
scene as OBS renders it (GetSourceScreenshot).
"""

from __future__ import annotations

import asyncio
import base64
import shutil
import sys
import tempfile
from pathlib import Path

from hostconsole.parts import StudioParts
from tests.conftest import PROJECT_ROOT
from tests.harness.obs import HeadlessObs, obs_colour

CANVASES = ((1920, 1080, "16x9"), (1080, 1920, "9x16"))
FARM_SHOW = PROJECT_ROOT / "tests" / "data" / "farm.show.yaml"


async def frames(obs: HeadlessObs, folder: Path, output: Path) -> None:
    from hostconsole.adapters.sales.model import Order, OrdersSeen
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.graphics.render import QtGraphicRenderer
    from hostconsole.services.show import ShowSession

    show = folder / "farm.show.yaml"
    shutil.copy(FARM_SHOW, show)
    session = ShowSession(
        ShowDocument.open(show),
        Settings(obs_port=obs.port),
        folder / "data",
        parts=StudioParts(obs_password=lambda: obs.password),
        renderer=QtGraphicRenderer(folder / "graphics", folder),
    )
    await session.start()
    link = session.obs
    assert link is not None
    for _ in range(200):
        if link.connected:
            break
        await asyncio.sleep(0.05)
    for width, height, name in CANVASES:
        await link.request(
            "SetVideoSettings",
            {
                "baseWidth": width,
                "baseHeight": height,
                "outputWidth": width,
                "outputHeight": height,
            },
        )
        result = await session.preflight(create=True)
        if result.failed:
            raise RuntimeError(f"pre-flight failed: {result.failed}")
        theme = session.show.theme
        await backdrop(link, "Field", width, height, theme.backdrop)
        # The grape offer: the product card with its code and terms, the count on air, the
        # grower's lower third where it has room (in 9:16 the card takes its place).
        await session.goto("offer")
        await session.execute("overlay", "frames", overlay="counter", visible=True)
        orders = tuple(Order(f"frame-{n}", product="grapes") for n in range(11))
        await session.counter.observe(OrdersSeen(orders, "frames", "stream"))  # once: 11
        live = session.live_graphics
        assert live is not None
        deadline = asyncio.get_running_loop().time() + 10
        while not any("11" in text for text in live.last_sent.values()):
            if asyncio.get_running_loop().time() > deadline:
                raise RuntimeError(f"the counter was not redrawn with the 11: {live.last_sent}")
            await asyncio.sleep(0.02)
        # OBS loads the new image on its next frames: the picture, once two shots agree.
        data, previous = "", None
        for _attempt in range(50):  # at most 5 s (a timer on air never holds still)
            previous, data = data, ""
            await asyncio.sleep(0.1)
            shot = await link.request(
                "GetSourceScreenshot",
                {"sourceName": "Field", "imageFormat": "png", "imageWidth": width},
            )
            data = str(shot["imageData"]).split(",", 1)[1]
            if data == previous:
                break
        target = output / f"obs-{name}.png"
        target.write_bytes(base64.b64decode(data))
        print(f"{target}: {width}×{height}", flush=True)
    await session.close()


async def backdrop(link: object, scene: str, width: int, height: int, colour: str) -> None:
    """A flat set of the show's backdrop colour under the graphics (a camera would be there
    on the day): the plates read as the theme designs them over it."""
    from hostconsole.adapters.obs.errors import ObsRequestError
    from hostconsole.adapters.obs.link import ObsLink

    assert isinstance(link, ObsLink)
    settings = {"color": obs_colour(colour), "width": width, "height": height}
    try:
        created = await link.request(
            "CreateInput",
            {
                "sceneName": scene,
                "inputName": "Backdrop",
                "inputKind": "color_source_v3",
                "inputSettings": settings,
            },
        )
        item = int(created["sceneItemId"])
    except ObsRequestError:
        await link.request("SetInputSettings", {"inputName": "Backdrop", "inputSettings": settings})
        item = await link.scene_item_id(scene, "Backdrop")
    await link.request(
        "SetSceneItemIndex", {"sceneName": scene, "sceneItemId": item, "sceneItemIndex": 0}
    )


def main() -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from hostconsole.ui.eventloop import ShowEventLoop

    output = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    output.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with (
        tempfile.TemporaryDirectory(prefix="obs-frames-") as folder,
        HeadlessObs(Path(folder) / "obs") as obs,
    ):
        loop = ShowEventLoop(app)
        with loop:
            loop.run_until_complete(frames(obs, Path(folder), output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
