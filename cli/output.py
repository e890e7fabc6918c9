"""Plain-text output of a subcommand's result, for people at a terminal."""

from typing import Any

from cli.context import to_plain


def _lines(value: Any, indent: str = "") -> list[str]:
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{indent}{key}:")
                lines.extend(_lines(item, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {'' if item is None else item}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict):
                sub = _lines(item, indent + "  ")
                lines.append(f"{indent}- {sub[0].strip()}" if sub else f"{indent}-")
                lines.extend(sub[1:])
            else:
                lines.append(f"{indent}- {item}")
        return lines
    return [f"{indent}{value}"]


def print_text(result: Any) -> None:
    print("\n".join(_lines(to_plain(result))))
