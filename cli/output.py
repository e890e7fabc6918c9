"""What a subcommand prints: plain text for people at a terminal, or JSON for scripts. Text that
came from outside (a QR code, a province's message, a file name) can hold control characters and
escape sequences; they are shown as harmless \\uXXXX escapes, never sent raw to the terminal."""

import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from cli.context import to_plain

_NOT_PLAIN = re.compile(r"[^\n\t\x20-\x7e]")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char)[0] != "C" and char not in "\u2028\u2029":
        return char
    code = ord(char)
    if code > 0xFFFF:
        # the JSON spelling: a surrogate pair, so that JSON output stays JSON
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def harmless(text: str) -> str:
    """Text with every control, format and unassigned character spelled out, line breaks kept."""
    return _NOT_PLAIN.sub(_shown, text)


class _HarmlessStream:
    """Stands in for sys.stdout or sys.stderr: as much of a text stream as printing and logging
    use."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.encoding = stream.encoding
        self.errors = stream.errors

    def write(self, text: str) -> int:
        self._stream.write(harmless(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


@contextmanager
def harmless_output() -> Iterator[None]:
    """Everything written to stdout and stderr while inside, by any module, made harmless."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, _HarmlessStream(saved[0]))
    sys.stderr = cast(TextIO, _HarmlessStream(saved[1]))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _lines(value: Any, indent: str = "") -> list[str]:
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{indent}{key}:")
                lines.extend(_lines(item, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {_one_line(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict):
                sub = _lines(item, indent + "  ")
                lines.append(f"{indent}- {sub[0].strip()}" if sub else f"{indent}-")
                lines.extend(sub[1:])
            else:
                lines.append(f"{indent}- {_one_line(item)}")
        return lines
    return [f"{indent}{_one_line(value)}"]


def _one_line(value: Any) -> str:
    """A value on its line: a line break inside it would pass for a line of its own."""
    return "" if value is None else str(value).replace("\n", "\\n")


def print_text(result: Any) -> None:
    print("\n".join(_lines(to_plain(result))))


def print_result(result: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(to_plain(result), ensure_ascii=False, indent=2))
    else:
        print_text(result)
