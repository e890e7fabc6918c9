"""What the program asks of a counter PC: the bundle's size, how fast it starts from the bundle and
from the virtual environment (warm, and cold where the machine lets us drop its disk cache), and
the peak memory of a scripted day.

    .venv/bin/python bench/bench_field.py [--bundle dist/onestop] [--runs 3]

Without --bundle it builds one in a temporary folder first (about a minute). The day: 50 intakes
with their slips, 100 scanned pages attached, a daily report and a sync with the demo's province,
all in one process as the window would do them; the window's own peak after login is measured
apart, under Xvfb. Figures are printed, never judged; the goal is 300 MB.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scan import typed_page  # this folder's own page drawer

ROOT = Path(__file__).resolve().parents[1]
VENV_ONESTOP = Path(sys.executable).with_name("onestop")
DEMO_PASSWORD = "motcua2026"
ID_CARD = "0{province:02d}{century}{year:02d}{serial:06d}||{name}|01011990|Nam|Xóm 2, xã Minh Khai|01012021"
PROVINCE = """
import sys, time
from pathlib import Path
from sync.demo_province import start_demo_province
with start_demo_province(Path(sys.argv[1]), pace=3600):
    print("ready", flush=True)
    sys.stdin.read()
"""
DAY = """
import json, sys
from pathlib import Path
from cli import main

data, pages, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
common = ["--data-dir", str(data), "--user", "canbo"]
codes = []
for n in range(50):
    given = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga")[n % 10]
    qr = sys.argv[4].format(province=36, century=0, year=90, serial=n, name=f"Trần Văn {given}")
    out_file = out / f"receive-{n}.json"
    sys.stdout = out_file.open("w")
    assert main([*common, "--json", "dossier", "receive", "--procedure", "1.001193", "--qr", qr,
                 "--print", "virtual://" + str(data / "slips")]) == 0
    sys.stdout.close(); sys.stdout = sys.__stdout__
    codes.append(json.loads(out_file.read_text())["dossier"]["code"])
files = sorted(pages.glob("*.png"))
for n, code in enumerate(codes):
    assert main([*common, "dossier", "attach", code, *map(str, files[2 * n:2 * n + 2])]) == 0
assert main(["--data-dir", str(data), "--user", "lanhdao", "report", "daily", "--date",
             sys.argv[5], "--out", str(out / "daily.pdf")]) == 0
main(["--data-dir", str(data), "sync", "--once"])
status = Path("/proc/self/status").read_text()
print(json.dumps({line.split(":")[0]: line.split(":")[1].strip()
                  for line in status.splitlines() if line.startswith(("VmHWM", "VmRSS"))}))
"""


def megabytes(status_value: str) -> float:
    return int(status_value.split()[0]) / 1024


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_bundle(place: Path) -> Path:
    built = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist",
                            str(place / "dist"), "--work", str(place / "work")],
                           capture_output=True, text=True, check=True)
    return Path(built.stdout.split()[0])


def drop_disk_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start_display() -> tuple[dict[str, str], subprocess.Popen[bytes] | None]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}, None
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,), stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        display = f":{numbers.readline().strip()}"
    return {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, server


def seconds_to_login_window(program: Path, data: Path, env: dict[str, str], log: Path) -> float:
    log.unlink(missing_ok=True)
    started = time.perf_counter()
    process = subprocess.Popen([str(program), "--data-dir", str(data)],
                               env={**env, "ONESTOP_EVENT_LOG": str(log)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not (log.exists() and "login_shown" in log.read_text(encoding="utf-8")):
            if process.poll() is not None or time.perf_counter() - started > 120:
                raise RuntimeError(f"{program} did not show its login window")
            time.sleep(0.01)
        return time.perf_counter() - started
    finally:
        process.kill()
        process.wait()


def window_peak(program: Path, data: Path, env: dict[str, str], log: Path) -> float | None:
    """The window's peak memory once an officer has logged in (xdotool types the login)."""
    if shutil.which("xdotool") is None or "DISPLAY" not in env:
        return None
    log.unlink(missing_ok=True)
    process = subprocess.Popen([str(program), "--data-dir", str(data)],
                               env={**env, "ONESTOP_EVENT_LOG": str(log)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def seen(event: str) -> bool:
            return log.exists() and f'"{event}"' in log.read_text(encoding="utf-8")

        deadline = time.monotonic() + 120
        while not seen("login_shown") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.5)
        for keys in (["type", "--delay", "40", "canbo"], ["key", "Return"],
                     ["type", "--delay", "40", DEMO_PASSWORD], ["key", "Return"]):
            subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "Đăng nhập",
                            "windowfocus", "--sync"], env=env, check=False, timeout=30)
            subprocess.run(["xdotool", *keys], env=env, check=True, timeout=30)
        while not seen("intake_ready") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(2.0)
        status = Path(f"/proc/{process.pid}/status").read_text()
        return megabytes(next(line.split(":")[1] for line in status.splitlines()
                              if line.startswith("VmHWM")))
    finally:
        process.kill()
        process.wait()


def the_day(folder: Path) -> dict[str, float]:
    data = folder / "day"
    subprocess.run([str(VENV_ONESTOP), "demo", "--data-dir", str(data), "--dossiers", "0"],
                   check=True, capture_output=True)
    pages = folder / "pages"
    pages.mkdir()
    for n in range(100):
        typed_page(200, filled=0.5 + 0.5 * (n % 2)).save(pages / f"page-{n:03d}.png")
    province = subprocess.Popen([sys.executable, "-c", PROVINCE, str(data)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert province.stdout is not None and province.stdout.readline().strip() == "ready"
        outputs = folder / "outputs"
        outputs.mkdir()
        started = time.perf_counter()
        day = subprocess.run([sys.executable, "-c", DAY, str(data), str(pages), str(outputs), ID_CARD,
                              time.strftime("%Y-%m-%d")], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "ONESTOP_PASSWORD": DEMO_PASSWORD})
        took = time.perf_counter() - started
    finally:
        province.communicate("", timeout=30)
    if day.returncode != 0:
        raise RuntimeError(day.stderr[-2000:])
    memory = json.loads(day.stdout.strip().splitlines()[-1])
    return {"peak_mb": megabytes(memory["VmHWM"]), "seconds": took}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, help="dist/onestop of an earlier build")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="onestop-field-") as temporary:
        folder = Path(temporary)
        bundle = args.bundle or build_bundle(folder / "bundle")
        archives = list(bundle.parent.glob("onestop-*.zip"))
        print(f"bundle: {folder_size(bundle) / 2**20:.0f} MiB on disk"
              + (f", archive {archives[0].stat().st_size / 2**20:.0f} MiB" if archives else ""))

        data = folder / "demo"
        subprocess.run([str(VENV_ONESTOP), "demo", "--data-dir", str(data), "--dossiers", "24"],
                       check=True, capture_output=True)
        env, server = start_display()
        try:
            can_drop = drop_disk_cache()
            for name, program in (("bundle", bundle / "onestop"), ("venv", VENV_ONESTOP)):
                warm = [seconds_to_login_window(program, data, env, folder / "events.jsonl")
                        for _ in range(args.runs)]
                line = f"{name}: launch → login window, warm median {statistics.median(warm):.2f} s"
                if can_drop:
                    cold = []
                    for _ in range(args.runs):
                        drop_disk_cache()
                        cold.append(seconds_to_login_window(program, data, env,
                                                            folder / "events.jsonl"))
                    line += f", cold median {statistics.median(cold):.2f} s"
                else:
                    line += ", cold not measurable here (the disk cache cannot be dropped)"
                print(line)
                peak = window_peak(program, data, env, folder / "events.jsonl")
                if peak is not None:
                    print(f"{name}: window after login, peak {peak:.0f} MB")
        finally:
            if server is not None:
                server.terminate()
                server.wait()
        day = the_day(folder)
        print(f"scripted day (50 intakes + slips, 100 pages, daily report, sync) in one process: "
              f"peak {day['peak_mb']:.0f} MB, {day['seconds']:.0f} s; goal ≤ 300 MB")


if __name__ == "__main__":
    main()
