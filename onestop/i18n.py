"""The program's one gettext catalog, for every package: Vietnamese first, English second.

Messages in the source are Vietnamese (the default language needs no catalog); the English
catalog lives in resources/locale/en/LC_MESSAGES/onestop.po and is compiled to .mo on first use
when no compiled file is there (a fresh clone carries only the .po).
"""

import gettext
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from onestop.resources import resource_path

DOMAIN = "onestop"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def locale_dir() -> Path:
    return resource_path("locale")


def compiled_catalog(language: str) -> Path | None:
    """The language's .mo, compiled from its .po when missing or older; None without a .po."""
    messages = locale_dir() / language / "LC_MESSAGES"
    po = messages / f"{DOMAIN}.po"
    mo = messages / f"{DOMAIN}.mo"
    if not po.exists():
        return None
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
        # a file of this process's own, put in place whole: another program of the counter may
        # be compiling the same catalog this moment, or reading it
        handle, tmp = tempfile.mkstemp(prefix=f"{DOMAIN}.", suffix=".mo.tmp", dir=messages)
        try:
            with os.fdopen(handle, "wb") as target:
                write_mo(target, catalog)
            os.chmod(tmp, 0o644)
            os.replace(tmp, mo)
        except BaseException:
            os.unlink(tmp)
            raise
    return mo


def set_language(language: str) -> None:
    """Switch every message the program shows from now on; listeners (the window) refresh."""
    global _active, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language
    mo = compiled_catalog(language) if language != DEFAULT_LANGUAGE else None
    if mo is None:
        _active = gettext.NullTranslations()
    else:
        with mo.open("rb") as f:
            _active = gettext.GNUTranslations(f)
    for listener in list(_listeners):
        listener(language)


def language() -> str:
    return _language


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for extraction where it is translated later (tables of labels)."""
    return message
