"""The show engine, in rooms: one module per concern (docs/architecture.md has the map).

`ShowSession` (session.py) holds the parts and the committed run state; `Engine` (engine.py)
runs each command on a copy and commits it only when carried out; the rooms hold the
handlers: runsheet, studio, graphics, presenter, results, showfile; reactions listen to the
parts."""

from hostconsole.services.show.reading import show_key, show_slug
from hostconsole.services.show.session import ShowSession
from hostconsole.services.show.state import PresenterMessage, RunState

__all__ = ["PresenterMessage", "RunState", "ShowSession", "show_key", "show_slug"]
