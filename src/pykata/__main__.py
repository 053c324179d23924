"""Run the pykata command line: ``python -m pykata``."""

import sys

from pykata.cli import main

sys.exit(main())
