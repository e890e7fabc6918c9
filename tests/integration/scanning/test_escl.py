import threading
import time
from collections.abc import Iterator

import pytest

from onestop.errors import DomainError
from scanning.escl import EsclScanner, EsclTimeouts
from scanning.scanner import (
    ColourMode,
    ScanEvent,
    ScannedImage,
    ScanProgress,
    ScanResult,
    ScanSettings,
    Source,
    StopReason,
)
from tests.integration.scanning.escl_server import EsclServer, Scenario

QUICK = EsclTimeouts(connect=2.0, read=5.0, busy_pause=0.02, busy_limit=0.5)


def scanner(timeouts: EsclTimeouts = QUICK) -> EsclScanner:
    return EsclScanner(find=list, timeouts=timeouts)


def run(server: EsclServer, source: Source, timeouts: EsclTimeouts = QUICK) -> list[ScanEvent]:
    settings = ScanSettings(server.base_url, source=source)
    return list(scanner(timeouts).scan(settings, threading.Event()))


def pages(events: list[ScanEvent]) -> list[ScannedImage]:
    return [event for event in events if isinstance(event, ScannedImage)]


def shades(events: list[ScanEvent]) -> list[int]:
    """Which page each received page was (the test pages are shaded 10 × their number)."""
    return [round(page.image.convert("L").getpixel((5, 5)) / 10) for page in pages(events)]


def result(events: list[ScanEvent]) -> ScanResult:
    assert isinstance(events[-1], ScanResult)
    assert sum(isinstance(event, ScanResult) for event in events) == 1
    return events[-1]


def deletes(server: EsclServer) -> list[str]:
    return [path for method, path in server.record.requests if method == "DELETE"]


@pytest.fixture
def escl() -> Iterator[EsclServer]:
    with EsclServer(Scenario()) as server:
        yield server


def serve(**scenario: object) -> EsclServer:
    return EsclServer(Scenario(**scenario))  # type: ignore[arg-type]


def test_capabilities_name_the_sources_resolutions_and_modes(escl: EsclServer) -> None:
    caps = scanner().capabilities(escl.base_url)
    assert caps.sources == {Source.FLATBED, Source.FEEDER, Source.DUPLEX}
    assert caps.resolutions == (100, 200, 300)
    assert caps.colour_modes == set(ColourMode)
    assert caps.max_width_mm == pytest.approx(215.9)


def test_capabilities_of_an_address_where_nothing_answers_say_so(refusing_port: int) -> None:
    with pytest.raises(DomainError, match="Không kết nối được máy quét"):
        scanner().capabilities(f"http://127.0.0.1:{refusing_port}/eSCL")


def test_flatbed_gives_one_page_and_asks_for_the_platen(escl: EsclServer) -> None:
    escl.scenario.pages = 1
    events = run(escl, Source.FLATBED)
    assert result(events) == ScanResult(1, StopReason.FINISHED)
    assert len(pages(events)) == 1
    assert "<pwg:InputSource>Platen</pwg:InputSource>" in escl.record.settings[0]
    assert "Duplex" not in escl.record.settings[0]


def test_feeder_brings_every_page_in_order_until_404(escl: EsclServer) -> None:
    events = run(escl, Source.FEEDER)
    assert shades(events) == [1, 2, 3]
    assert [page.page_number for page in pages(events)] == [1, 2, 3]
    assert result(events) == ScanResult(3, StopReason.FINISHED)
    assert "Đã nhận 3 trang" in result(events).message
    body = escl.record.settings[0]
    assert "<pwg:InputSource>Feeder</pwg:InputSource>" in body
    assert "<scan:Duplex>false</scan:Duplex>" in body
    assert "<scan:XResolution>200</scan:XResolution>" in body
    assert "<scan:ColorMode>Grayscale8</scan:ColorMode>" in body
    assert deletes(escl) == []


def test_each_page_carries_the_resolution_and_progress_comes_before_it(escl: EsclServer) -> None:
    events = run(escl, Source.FEEDER)
    first_page = next(i for i, event in enumerate(events) if isinstance(event, ScannedImage))
    assert isinstance(events[first_page - 1], ScanProgress)
    assert all(page.dpi == 200 for page in pages(events))


def test_duplex_asks_for_both_sides_and_brings_front_and_back(escl: EsclServer) -> None:
    escl.scenario.pages = 4
    events = run(escl, Source.DUPLEX)
    assert "<scan:Duplex>true</scan:Duplex>" in escl.record.settings[0]
    assert shades(events) == [1, 2, 3, 4]
    assert result(events) == ScanResult(4, StopReason.FINISHED)


def test_a_source_the_scanner_lacks_is_refused_before_any_job() -> None:
    with serve(adf=False, duplex=False) as server:
        events = run(server, Source.FEEDER)
        assert result(events).stopped_by is StopReason.DEVICE_ERROR
        assert "không có nguồn giấy" in result(events).message
        assert not any(method == "POST" for method, _path in server.record.requests)


def test_busy_answers_are_waited_out_and_every_page_still_arrives() -> None:
    with serve(busy_before_each_page=2) as server:
        events = run(server, Source.FEEDER)
        assert shades(events) == [1, 2, 3]
        assert result(events).stopped_by is StopReason.FINISHED
        assert server.record.busy_answers >= 6


def test_a_scanner_busy_past_the_limit_ends_the_scan_saying_so() -> None:
    with serve(busy_forever=True) as server:
        started = time.monotonic()
        events = run(server, Source.FEEDER)
        assert time.monotonic() - started < 5
        assert result(events).stopped_by is StopReason.DEVICE_ERROR
        assert "bận" in result(events).message


def test_a_jam_part_way_keeps_the_pages_received_and_names_the_jam() -> None:
    with serve(pages=5, jam_after=2) as server:
        events = run(server, Source.FEEDER)
        assert shades(events) == [1, 2]
        assert result(events) == ScanResult(2, StopReason.JAMMED)
        assert "Kẹt giấy" in result(events).message


def test_a_scanner_that_vanishes_part_way_is_reported_gone() -> None:
    with serve(pages=5, vanish_after=2) as server:
        events = run(server, Source.FEEDER)
        assert shades(events) == [1, 2]
        assert result(events) == ScanResult(2, StopReason.DEVICE_GONE)


def test_a_scanner_that_stops_answering_times_out() -> None:
    timeouts = EsclTimeouts(connect=1.0, read=0.3, busy_pause=0.02, busy_limit=0.5)
    with serve(pages=3, stall_after=1, stall_seconds=1.5) as server:
        started = time.monotonic()
        events = run(server, Source.FEEDER, timeouts)
        assert time.monotonic() - started < 1.4
        assert result(events) == ScanResult(1, StopReason.DEVICE_GONE)


def test_an_empty_feeder_is_named_when_the_scanner_refuses_the_job() -> None:
    with serve(feeder_empty=True) as server:
        events = run(server, Source.FEEDER)
        assert result(events) == ScanResult(0, StopReason.FEEDER_EMPTY)
        assert "Khay nạp giấy không có giấy" in result(events).message


def test_a_job_location_given_as_a_full_address_is_followed() -> None:
    with serve(absolute_location=True) as server:
        events = run(server, Source.FEEDER)
        assert shades(events) == [1, 2, 3]


def test_a_broken_page_ends_the_scan_and_cancels_the_job() -> None:
    with serve(pages=4, corrupt_page=2) as server:
        events = run(server, Source.FEEDER)
        assert shades(events) == [1]
        assert result(events).stopped_by is StopReason.DEVICE_ERROR
        assert "ảnh hỏng" in result(events).message
        assert len(deletes(server)) == 1


def test_cancel_deletes_the_job_and_keeps_the_pages_received(escl: EsclServer) -> None:
    escl.scenario.pages = 5
    cancel = threading.Event()
    events: list[ScanEvent] = []
    for event in scanner().scan(ScanSettings(escl.base_url, source=Source.FEEDER), cancel):
        events.append(event)
        if isinstance(event, ScannedImage):
            cancel.set()
    assert result(events) == ScanResult(1, StopReason.CANCELLED)
    job = next(path for method, path in escl.record.requests if method == "DELETE")
    assert escl.jobs[job].state == "Canceled"


def test_closing_the_scan_early_deletes_the_job(escl: EsclServer) -> None:
    scan = scanner().scan(ScanSettings(escl.base_url, source=Source.FEEDER), threading.Event())
    for event in scan:
        if isinstance(event, ScannedImage):
            break
    scan.close()
    assert len(deletes(escl)) == 1


def test_no_scanner_at_the_address_is_reported_gone(refusing_port: int) -> None:
    settings = ScanSettings(f"http://127.0.0.1:{refusing_port}/eSCL", source=Source.FEEDER)
    events = list(scanner().scan(settings, threading.Event()))
    assert result(events).stopped_by is StopReason.DEVICE_GONE
    assert "Mất kết nối" in result(events).message
