"""The Qt user interface: the producer console, the presenter view and their dialogs."""

import os

# Qt draws glyphs larger than 64 px as paths, every time; the presenter view's countdown
# (300 px and more) and the prompter (~90 px) then cost 20-30 ms a frame. Cached like small
# glyphs they cost ~3 ms. Read once by Qt at the first text drawn, so set on import of the
# UI, before any window paints; a value the user set is kept.
os.environ.setdefault("QT_MAX_CACHED_GLYPH_SIZE", "512")
