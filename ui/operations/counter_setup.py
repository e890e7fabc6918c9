"""What the window needs to know about its office and counter, read once after login."""

from dataclasses import dataclass

from onestop import settings
from ui.tasks import Work


@dataclass(frozen=True)
class CounterSetup:
    agency_code: str
    agency_name: str
    counter_name: str
    lookup_hint: str
    printer_uri: str
    printer_copies: int
    paper_width_mm: int
    idle_minutes: int
    qr_mode: str
    qr_port: str
    province_url: str
    scanner_device: str
    papers_start_ticked: bool
    chip_reader: str  # empty: this counter reads no chip; "*": the first reader found


@dataclass
class LoadCounterSetup:
    label: str = ""

    def run(self, work: Work) -> CounterSetup:
        values = settings.read_all(work.store)
        return CounterSetup(
            agency_code=values["agency.code"], agency_name=values["agency.name"],
            counter_name=values["counter.name"], lookup_hint=values["lookup.hint"],
            printer_uri=values["printer.uri"], printer_copies=values["printer.copies"],
            paper_width_mm=values["printer.paper_width"], idle_minutes=values["ui.idle_minutes"],
            qr_mode=values["qr_scanner.mode"], qr_port=values["qr_scanner.port"],
            province_url=values["province.url"], scanner_device=values["scanner.device"],
            papers_start_ticked=values["intake.papers_ticked"], chip_reader=values["idcard.reader"])
