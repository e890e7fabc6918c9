"""A real X server and the real program in it, driven by synthetic input and watched through its
structured event log."""

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.machine import need_program


def start_display(letters: str = "") -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb screen of the counter's size; `letters` get keycodes of their own for typing."""
    xvfb = need_program("Xvfb")
    need_program("xdotool")
    read_end, write_end = os.pipe()
    # -noreset: the server would put the keyboard map back when its last client leaves
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-noreset", "-screen", "0",
                               "1366x768x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    if letters:
        give_keys_to(letters, f":{number}")
    return server, f":{number}"


def stop_display(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    server.wait(10)


def give_keys_to(letters: str, display: str) -> None:
    """Puts each letter on a spare keycode of its own. Otherwise xdotool maps a spare keycode
    for each letter as it types it and maps it back after, and a program that reads the key late
    (a loaded machine) reads the next letter's mapping."""
    env = {**os.environ, "DISPLAY": display}
    xmodmap = need_program("xmodmap")
    table = subprocess.run([xmodmap, "-pke"], env=env, check=True, timeout=30,
                           capture_output=True, text=True).stdout
    spare = [int(code) for code in re.findall(r"^keycode\s+(\d+) =\s*$", table, re.MULTILINE)]
    distinct = sorted(set(letters))
    assert len(spare) >= len(distinct), "the X server has too few spare keycodes"
    expressions = []
    for code, letter in zip(spare, distinct, strict=False):
        expressions += ["-e", f"keycode {code} = U{ord(letter):04X} U{ord(letter):04X}"]
    subprocess.run([xmodmap, *expressions], env=env, check=True, timeout=30)


class Program:
    def __init__(self, onestop: Path, data: Path, display: str, log: Path,
                 env: dict[str, str] | None = None) -> None:
        self.log = log
        self.env = {**(os.environ if env is None else env), "DISPLAY": display,
                    "QT_QPA_PLATFORM": "xcb", "ONESTOP_EVENT_LOG": str(log)}
        self.output = log.with_suffix(".out")
        with self.output.open("w") as output:
            self.process = subprocess.Popen([str(onestop), "--data-dir", str(data)],
                                            env=self.env, stdout=output,
                                            stderr=subprocess.STDOUT)

    def events(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def wait_for(self, event: str, timeout: float = 120.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [e for e in self.events() if e["event"] == event]
            if found:
                return found[-1]
            if self.process.poll() is not None:
                pytest.fail(f"the program ended early: {self.output.read_text()}")
            time.sleep(0.05)
        pytest.fail(f"no {event!r} within {timeout} s; saw {self.events()}")

    def focus(self, title: str) -> None:
        """No window manager runs here: give the keyboard to the window ourselves."""
        self.keys("search", "--sync", "--onlyvisible", "--name", title, "windowfocus", "--sync")

    def keys(self, *arguments: str) -> None:
        subprocess.run([need_program("xdotool"), *arguments], env=self.env, check=True, timeout=60)

    def scan(self, text: str, gap_ms: int = 10) -> None:
        """Keys as a handheld scanner sends them, `gap_ms` apart. A scanner's gaps never grow;
        xdotool's do when a loaded machine pauses it, and a gap past the scanner rule splits the
        burst: where it may, xdotool runs at real-time priority, ahead of the machine's other work."""
        command = [need_program("xdotool"), "type", "--delay", str(gap_ms), text]
        chrt = shutil.which("chrt")
        if chrt and subprocess.run([chrt, "-f", "10", "true"], capture_output=True).returncode == 0:
            command = [chrt, "-f", "10", *command]
        subprocess.run(command, env=self.env, check=True, timeout=60)

    def log_in(self, username: str, password: str) -> None:
        self.wait_for("login_shown")
        self.focus("Đăng nhập")
        self.keys("type", "--delay", "40", username)
        self.keys("key", "Return")
        self.keys("type", "--delay", "40", password)
        self.keys("key", "Return")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
