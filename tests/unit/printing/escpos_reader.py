"""An ESC/POS reader written for the tests, independent of python-escpos and of printing/.

Strict on purpose: any command a slip job should not contain is an error. A slip ends where the
paper is cut, or, on a printer without a cutter, where it has been fed out (ESC d) and no cut
follows: there it is torn off by hand.
"""

from dataclasses import dataclass, field

from PIL import Image

_DOTS = [bytes(0 if bits >> (7 - n) & 1 else 255 for n in range(8)) for bits in range(256)]
# GS V m, and GS V m n for the modes that feed n first.
_CUTS = {0: "full", 48: "full", 65: "full", 1: "partial", 49: "partial", 66: "partial"}


@dataclass
class Job:
    rasters: list[Image.Image] = field(default_factory=list)
    cuts: list[str] = field(default_factory=list)
    tears: int = 0
    feeds: list[int] = field(default_factory=list)
    resets: int = 0
    slips: list[Image.Image] = field(default_factory=list)


def read_job(data: bytes) -> Job:
    job = Job()
    pending: list[Image.Image] = []
    fed_out = False
    at = 0
    while at < len(data):
        command = data[at : at + 2]
        if fed_out and command != b"\x1dV":
            pending = _torn_off(job, pending)
        fed_out = command == b"\x1bd"
        if command == b"\x1b@":
            job.resets += 1
            at += 2
        elif command == b"\x1dv" and data[at + 2] == 0x30:
            mode = data[at + 3]
            assert mode == 0, f"raster mode {mode} is not normal density"
            across = data[at + 4] | data[at + 5] << 8
            rows = data[at + 6] | data[at + 7] << 8
            body = data[at + 8 : at + 8 + across * rows]
            assert len(body) == across * rows, "raster cut short"
            grey = b"".join(_DOTS[byte] for byte in body)
            image = Image.frombytes("L", (across * 8, rows), grey)
            job.rasters.append(image)
            pending.append(image)
            at += 8 + across * rows
        elif command == b"\x1bJ":
            # A feed by dot rows: blank paper inside the slip.
            pending.append(Image.new("L", (0, data[at + 2]), 255))
            at += 3
        elif command == b"\x1bd":
            job.feeds.append(data[at + 2])
            at += 3
        elif command == b"\x1dV":
            mode = data[at + 2]
            assert mode in _CUTS, f"cut mode {mode}"
            at += 4 if mode in (65, 66) else 3
            job.cuts.append(_CUTS[mode])
            job.slips.append(_stack(pending))
            pending = []
        else:
            raise AssertionError(f"unexpected byte {data[at]:#04x} at {at}")
    if fed_out:
        pending = _torn_off(job, pending)
    assert not pending, "raster neither cut nor fed out"
    return job


def _torn_off(job: Job, pending: list[Image.Image]) -> list[Image.Image]:
    if pending:
        job.tears += 1
        job.slips.append(_stack(pending))
    return []


def _stack(parts: list[Image.Image]) -> Image.Image:
    width = max(part.width for part in parts)
    image = Image.new("L", (width, sum(part.height for part in parts)), 255)
    top = 0
    for part in parts:
        image.paste(part, (0, top))
        top += part.height
    return image
