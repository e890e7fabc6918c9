"""Every message a person can see has its English translation, with the same placeholders."""

import json
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from onestop import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "locale" / "en" / "LC_MESSAGES" / "onestop.po"
ROOMS = ("onestop", "ui", "printing", "sync", "scanning", "signing")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def source_messages() -> set[str]:
    lifecycle = json.loads((ROOT / "resources" / "lifecycle.json").read_text(encoding="utf-8"))
    found: set[str] = {status["name"] for status in lifecycle["statuses"].values()}
    for room in ROOMS:
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / room, method_map=[("**.py", "python")],
                keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
            found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def test_every_message_has_an_english_translation() -> None:
    with PO.open("rb") as f:
        catalog = read_po(f, locale="en")
    missing, broken = [], []
    for message in sorted(source_messages()):
        entry = catalog.get(message)
        text = entry.string if entry is not None else ""
        if isinstance(text, tuple):
            text = text[0]
        if not text or (entry is not None and entry.fuzzy):
            missing.append(message)
        elif sorted(PLACEHOLDER.findall(message)) != sorted(PLACEHOLDER.findall(text)):
            broken.append(message)
    assert not missing, f"{len(missing)} messages without English, e.g. {missing[:5]}"
    assert not broken, f"placeholders differ in {broken[:5]}"


def test_switching_the_language_switches_messages() -> None:
    try:
        i18n.set_language("en")
        assert i18n._("Sai tên đăng nhập hoặc mật khẩu.") == "Wrong username or password."
    finally:
        i18n.set_language("vi")
    assert i18n._("Sai tên đăng nhập hoặc mật khẩu.") == "Sai tên đăng nhập hoặc mật khẩu."


def test_every_audited_action_has_a_name_people_read() -> None:
    from onestop.audit import ACTION_NAMES

    recorded: set[str] = set()
    for room in ROOMS:
        for path in (ROOT / room).rglob("*.py"):
            recorded.update(re.findall(r"audit\.record\([^)]*?\"([a-z_]+\.[a-z_.]+)\"",
                                       path.read_text(encoding="utf-8"), flags=re.S))
    assert recorded, "no audited action found in the source"
    assert recorded <= set(ACTION_NAMES), sorted(recorded - set(ACTION_NAMES))
