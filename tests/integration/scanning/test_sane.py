"""SANE's `test` backend through python-sane and through scanimage, each in a private
SANE_CONFIG_DIR."""

import importlib.util
import multiprocessing
import signal
import socket
import threading
from pathlib import Path

import pytest

from scanning.scanimage import ScanimageScanner
from scanning.scanner import (
    ColourMode,
    ScanEvent,
    ScannedImage,
    Scanner,
    ScanProgress,
    ScanResult,
    ScanSettings,
    Source,
    StopReason,
)
from tests.integration.scanning.conftest import SaneConfig
from tests.machine import need, need_program

A4_AT_200_DPI = (1654, 2339)


@pytest.fixture(params=["python-sane", "scanimage"])
def sane_scanner(request: pytest.FixtureRequest) -> Scanner:
    if request.param == "python-sane":
        need(importlib.util.find_spec("sane") is not None, "python-sane is not installed")
        from scanning.sane_process import SaneScanner

        return SaneScanner()
    return ScanimageScanner(need_program("scanimage"))


def scan(scanner: Scanner, settings: ScanSettings) -> list[ScanEvent]:
    return list(scanner.scan(settings, threading.Event()))


def pages(events: list[ScanEvent]) -> list[ScannedImage]:
    return [event for event in events if isinstance(event, ScannedImage)]


def result(events: list[ScanEvent]) -> ScanResult:
    assert isinstance(events[-1], ScanResult)
    assert sum(isinstance(event, ScanResult) for event in events) == 1
    return events[-1]


def feeder(device: str = "test:0", dpi: int = 200) -> ScanSettings:
    return ScanSettings(device, source=Source.FEEDER, dpi=dpi)


def test_devices_are_the_ones_configured(sane_scanner: Scanner, sane_config: SaneConfig) -> None:
    sane_config(number_of_devices="3")
    assert [device.id for device in sane_scanner.devices()] == ["test:0", "test:1", "test:2"]
    assert sane_scanner.devices()[0].name == "Noname frontend-tester"


def test_capabilities_offer_flatbed_and_feeder_by_our_names(
    sane_scanner: Scanner, sane_config: SaneConfig
) -> None:
    sane_config()
    caps = sane_scanner.capabilities("test:0")
    assert caps.sources == {Source.FLATBED, Source.FEEDER}
    assert {ColourMode.GREY, ColourMode.COLOUR} <= caps.colour_modes
    assert {150, 200, 300} <= set(caps.resolutions)
    assert caps.max_width_mm == 300


def test_feeder_gives_ten_pages_then_finishes(sane_scanner: Scanner, sane_config: SaneConfig) -> None:
    sane_config()
    events = scan(sane_scanner, feeder())
    received = pages(events)
    assert [page.page_number for page in received] == list(range(1, 11))
    for page in received:
        assert page.image.size == pytest.approx(A4_AT_200_DPI, abs=2)
    assert {page.dpi for page in received} == {200}
    assert result(events) == ScanResult(10, StopReason.FINISHED)
    assert result(events).message == "Đã quét xong. Đã nhận 10 trang."


def test_progress_is_reported_within_each_page(sane_scanner: Scanner, sane_config: SaneConfig) -> None:
    sane_config()
    events = scan(sane_scanner, ScanSettings("test:0", source=Source.FLATBED))
    fractions = [e.fraction for e in events if isinstance(e, ScanProgress) and e.page_number == 1]
    assert any(fraction is not None and 0 < fraction < 1 for fraction in fractions)
    assert len(pages(events)) == 1
    assert result(events) == ScanResult(1, StopReason.FINISHED)


@pytest.mark.parametrize(
    ("status", "reason", "shown"),
    [
        ("SANE_STATUS_JAMMED", StopReason.JAMMED, "Kẹt giấy"),
        ("SANE_STATUS_NO_DOCS", StopReason.FEEDER_EMPTY, "Khay nạp giấy không có giấy"),
        ("SANE_STATUS_COVER_OPEN", StopReason.COVER_OPEN, "Nắp máy quét đang mở"),
        ("SANE_STATUS_IO_ERROR", StopReason.DEVICE_GONE, "Mất kết nối"),
        ("SANE_STATUS_DEVICE_BUSY", StopReason.DEVICE_ERROR, "đang bận"),
    ],
)
def test_a_feeder_condition_stops_the_scan_with_its_reason(
    sane_scanner: Scanner, sane_config: SaneConfig, status: str, reason: StopReason, shown: str
) -> None:
    sane_config(read_status_code=f'"{status}"')
    events = scan(sane_scanner, feeder())
    assert pages(events) == []
    assert result(events) == ScanResult(0, reason, result(events).detail)
    assert shown in result(events).message


def test_a_device_that_is_not_there_is_reported_gone(sane_scanner: Scanner, sane_config: SaneConfig) -> None:
    sane_config(number_of_devices="1")
    events = scan(sane_scanner, feeder("test:5"))
    assert result(events).stopped_by is StopReason.DEVICE_GONE
    assert "test:5" in result(events).message


def test_duplex_on_a_simplex_feeder_is_refused(sane_scanner: Scanner, sane_config: SaneConfig) -> None:
    sane_config()
    events = scan(sane_scanner, ScanSettings("test:0", source=Source.DUPLEX))
    assert result(events).stopped_by is StopReason.DEVICE_ERROR
    assert "không có nguồn giấy" in result(events).message


def slow_feeder(sane_config: SaneConfig) -> None:
    """About an eighth of a second a page at 75 dpi."""
    sane_config(read_delay="true", read_delay_duration="20000")


def test_cancel_part_way_keeps_the_pages_received(sane_scanner: Scanner, sane_config: SaneConfig) -> None:
    slow_feeder(sane_config)
    cancel = threading.Event()
    events: list[ScanEvent] = []
    for event in sane_scanner.scan(feeder(dpi=75), cancel):
        events.append(event)
        if isinstance(event, ScannedImage) and event.page_number == 2:
            cancel.set()
    received = pages(events)
    assert 2 <= len(received) < 10
    assert result(events) == ScanResult(len(received), StopReason.CANCELLED)
    assert "Đã huỷ quét" in result(events).message


def test_closing_a_scan_early_frees_the_scanner_for_the_next(
    sane_scanner: Scanner, sane_config: SaneConfig
) -> None:
    slow_feeder(sane_config)
    first = sane_scanner.scan(feeder(dpi=75), threading.Event())
    for event in first:
        if isinstance(event, ScannedImage):
            break
    first.close()
    events = scan(sane_scanner, ScanSettings("test:0", source=Source.FLATBED, dpi=75))
    assert result(events) == ScanResult(1, StopReason.FINISHED)


@pytest.fixture(params=["python-sane", "scanimage"])
def impatient_scanner(request: pytest.FixtureRequest) -> Scanner:
    """A scanner that gives the driver a tenth of a second to say something."""
    if request.param == "python-sane":
        need(importlib.util.find_spec("sane") is not None, "python-sane is not installed")
        from scanning.sane_process import SaneScanner

        return SaneScanner(silence_limit=0.1)
    return ScanimageScanner(need_program("scanimage"), silence_limit=0.1)


def test_a_driver_that_falls_silent_is_stopped_and_the_scan_ends(
    impatient_scanner: Scanner, sane_config: SaneConfig
) -> None:
    sane_config(read_delay="true", read_delay_duration="200000")
    events = scan(impatient_scanner, feeder(dpi=300))
    assert result(events).stopped_by is StopReason.DEVICE_ERROR
    assert "không phản hồi" in result(events).message


def test_a_driver_that_dies_mid_scan_ends_the_scan_with_an_error(sane_config: SaneConfig) -> None:
    need(importlib.util.find_spec("sane") is not None, "python-sane is not installed")
    from scanning.sane_process import SaneScanner

    slow_feeder(sane_config)
    events: list[ScanEvent] = []
    for event in SaneScanner().scan(feeder(dpi=75), threading.Event()):
        events.append(event)
        if isinstance(event, ScannedImage) and event.page_number == 1:
            for child in multiprocessing.active_children():
                child.kill()
    assert len(pages(events)) >= 1
    assert result(events).stopped_by is StopReason.DEVICE_ERROR
    assert "dừng đột ngột" in result(events).message


def test_a_scan_leaves_a_dropped_connection_an_error_not_the_end_of_the_program(
    sane_scanner: Scanner, sane_config: SaneConfig
) -> None:
    status = Path("/proc/self/status")
    need(status.exists(), "this check reads the process's signal mask from /proc")
    sane_config()
    scan(sane_scanner, ScanSettings("test:0", source=Source.FLATBED, dpi=75))
    ignored = next(
        int(line.split()[1], 16) for line in status.read_text().splitlines() if line.startswith("SigIgn:")
    )
    assert ignored & (1 << (signal.SIGPIPE - 1)), "SIGPIPE would now kill the program"
    ours, theirs = socket.socketpair()
    theirs.close()
    try:
        with pytest.raises(BrokenPipeError):
            for _ in range(64):
                ours.send(b"x" * 65536)
    finally:
        ours.close()
