"""A structured log of what the window did, one JSON object a line, in the file that the
ONESTOP_EVENT_LOG environment variable names: for support at the counter and for the tests
and benchmarks that start the real program and wait on it."""

import json
import os
import time
from pathlib import Path
from typing import Any

VARIABLE = "ONESTOP_EVENT_LOG"


def log_event(event: str, **details: Any) -> None:
    target = os.environ.get(VARIABLE)
    if not target:
        return
    line = json.dumps({"event": event, "at": time.time(), **details}, ensure_ascii=False)
    with Path(target).open("a", encoding="utf-8") as log:
        log.write(line + "\n")
