import io
import os
import threading
import time
from pathlib import Path

from PIL import Image

from scanning.scanner import (
    FileRejected,
    ScanEvent,
    ScannedImage,
    ScanResult,
    ScanSettings,
    StopReason,
)
from scanning.watched_folder import TAKEN, FolderTiming, WatchedFolder

QUICK = FolderTiming(poll_seconds=0.05, stable_checks=5, quiet_seconds=0.6)


def png(width: int = 600, height: int = 800, shade: int = 128) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((width, height), 60).point(lambda v: (v + shade) % 256).save(out, "PNG")
    return out.getvalue()


def watch(
    folder: Path, timing: FolderTiming = QUICK, cancel: threading.Event | None = None
) -> list[ScanEvent]:
    return list(WatchedFolder(timing).scan(ScanSettings(str(folder)), cancel or threading.Event()))


def pages(events: list[ScanEvent]) -> list[ScannedImage]:
    return [event for event in events if isinstance(event, ScannedImage)]


def test_a_file_still_being_written_is_taken_only_when_whole(tmp_path: Path) -> None:
    content = png(1200, 1600)
    assert len(content) > 1_000_000

    def scanner_writes() -> None:
        with (tmp_path / "scan0001.png").open("wb") as file:
            for start in range(0, len(content), len(content) // 20):
                file.write(content[start : start + len(content) // 20])
                file.flush()
                time.sleep(0.01)

    writer = threading.Thread(target=scanner_writes)
    writer.start()
    events = watch(tmp_path)
    writer.join()
    assert not [event for event in events if isinstance(event, FileRejected)]
    (page,) = pages(events)
    assert page.image.size == (1200, 1600)
    assert (tmp_path / TAKEN / "scan0001.png").read_bytes() == content
    assert not (tmp_path / "scan0001.png").exists()
    assert events[-1] == ScanResult(1, StopReason.FINISHED)


def test_files_are_taken_in_the_order_they_were_written(tmp_path: Path) -> None:
    for order, name in enumerate(["b.png", "c.png", "a.png"], start=1):
        Image.new("L", (60, 80), 10 * order).save(tmp_path / name)
        os.utime(tmp_path / name, ns=(order * 10**9, order * 10**9))
    events = watch(tmp_path)
    assert [page.image.getpixel((5, 5)) for page in pages(events)] == [10, 20, 30]
    assert [page.page_number for page in pages(events)] == [1, 2, 3]
    assert sorted(p.name for p in (tmp_path / TAKEN).iterdir()) == ["a.png", "b.png", "c.png"]
    assert events[-1] == ScanResult(3, StopReason.FINISHED)


def test_every_page_of_a_multi_page_file_is_taken(tmp_path: Path) -> None:
    frames = [Image.new("L", (50, 70), shade) for shade in (10, 20, 30)]
    frames[0].save(tmp_path / "fax.tif", save_all=True, append_images=frames[1:])
    assert [page.page_number for page in pages(watch(tmp_path))] == [1, 2, 3]


def test_a_broken_file_is_set_aside_with_a_message_and_the_rest_go_on(tmp_path: Path) -> None:
    (tmp_path / "1-broken.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 500)
    (tmp_path / "2-good.png").write_bytes(png(60, 80))
    events = watch(tmp_path)
    (rejected,) = [event for event in events if isinstance(event, FileRejected)]
    assert rejected.path == tmp_path / TAKEN / "1-broken.jpg"
    assert "1-broken.jpg" in rejected.message
    assert len(pages(events)) == 1
    assert not (tmp_path / "1-broken.jpg").exists()


def test_partial_and_hidden_files_are_left_alone(tmp_path: Path) -> None:
    for name in ("scan.png.part", ".scan.png", "~scan.png", "scan.tmp"):
        (tmp_path / name).write_bytes(png(60, 80))
    events = watch(tmp_path)
    assert events == [ScanResult(0, StopReason.FINISHED)]
    assert list((tmp_path / TAKEN).iterdir()) == []


def test_a_name_already_taken_gets_a_new_one(tmp_path: Path) -> None:
    (tmp_path / TAKEN).mkdir()
    (tmp_path / TAKEN / "scan.png").write_bytes(b"earlier")
    (tmp_path / "scan.png").write_bytes(png(60, 80))
    assert len(pages(watch(tmp_path))) == 1
    assert (tmp_path / TAKEN / "scan.png").read_bytes() == b"earlier"
    assert (tmp_path / TAKEN / "scan (2).png").exists()


def test_cancel_ends_the_watch(tmp_path: Path) -> None:
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    events = watch(tmp_path, FolderTiming(poll_seconds=0.03, quiet_seconds=None), cancel)
    assert time.monotonic() - started < 2
    assert events == [ScanResult(0, StopReason.CANCELLED)]


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    (only,) = watch(tmp_path / "not-there")
    assert isinstance(only, ScanResult)
    assert only.stopped_by is StopReason.DEVICE_GONE
    assert "not-there" in only.message


def test_a_folder_where_taken_files_cannot_go_is_reported(tmp_path: Path) -> None:
    (tmp_path / TAKEN).write_text("a file where the taken folder should be")
    (only,) = watch(tmp_path)
    assert isinstance(only, ScanResult)
    assert only.stopped_by is StopReason.DEVICE_ERROR
    assert "Không ghi được vào thư mục" in only.message
