"""Entry point of the frozen application (PyInstaller starts here)."""

import sys

from hostconsole.cli import main

sys.exit(main())
