"""The program's own log files, kept in the data dir's logs/ folder and rotated, so that a
technician can see what happened at a counter (and send it on in a support bundle)."""

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FOLDER = "logs"
LOG_FILE = "onestop.log"
LOG_BYTES = 1024 * 1024
LOG_FILES_KEPT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"


class _ProgramLog(RotatingFileHandler):
    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)  # a rotated file starts anew with the umask's mode
        return stream


def log_folder(data_dir: Path) -> Path:
    return data_dir / LOG_FOLDER


def start_program_log(data_dir: Path) -> Path | None:
    """Log warnings and what the program reports as it works to data_dir/logs/onestop.log; a
    data dir that cannot be written to leaves the program without a log file, not stopped."""
    folder = log_folder(data_dir)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for earlier in [h for h in root.handlers if isinstance(h, _ProgramLog)]:
        if Path(earlier.baseFilename) == path.resolve():
            return path
        root.removeHandler(earlier)  # one program log at a time: the last data dir opened
        earlier.close()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        handler = _ProgramLog(path, maxBytes=LOG_BYTES, backupCount=LOG_FILES_KEPT,
                              encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path
