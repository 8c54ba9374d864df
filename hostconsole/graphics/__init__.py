"""On-air graphics drawn by the console (QtGui only, never widgets) for OBS image sources."""
