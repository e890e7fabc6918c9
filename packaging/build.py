"""Build the one-folder program: `python packaging/build.py` makes dist/onestop/ (its program
dist/onestop/onestop, onestop.exe on Windows) and one archive beside it to carry on a USB stick."""

import argparse
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_catalogs() -> None:
    """The bundle may be installed read-only: its catalogs are compiled here, not on first run."""
    from onestop.i18n import compiled_catalog

    for language in (ROOT / "resources" / "locale").iterdir():
        if language.is_dir():
            compiled_catalog(language.name)


def version() -> str:
    from importlib.metadata import version as installed_version

    return installed_version("onestop")


def build(dist: Path, work: Path) -> Path:
    compile_catalogs()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(ROOT / "packaging" / "onestop.spec")],
        check=True)
    system = {"Windows": "windows", "Darwin": "macos"}.get(platform.system(), "linux")
    archive = dist / f"onestop-{version()}-{system}-{platform.machine().lower()}"
    return Path(shutil.make_archive(str(archive), "zip", dist, "onestop"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    archive = build(args.dist, args.work)
    print(f"{args.dist / 'onestop'}\n{archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
