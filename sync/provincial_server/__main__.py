"""`python -m sync.provincial_server --port N --data-dir DIR`: the simulator without the program."""

import sys

from sync.provincial_server.cli import main

sys.exit(main())
