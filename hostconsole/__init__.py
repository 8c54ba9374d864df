"""Host Console: run a live-commerce livestream from one window."""

__version__ = "0.1.0"
