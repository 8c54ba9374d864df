"""Entry point for ``python -m hostconsole``."""

import sys

from hostconsole.cli import main

sys.exit(main())
