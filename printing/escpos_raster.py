"""What a raster-only ESC/POS job would put on paper: one image per cut-off piece.

Understands what slips are made of (reset, GS v 0 raster, feeds, cuts, status queries); other
bytes would be text in the printer's own font, which a slip never uses, and are passed over.
"""

from PIL import Image

ESC = 0x1B
GS = 0x1D
DLE = 0x10
LF = 0x0A
LINE_DOTS = 30


def printed_pieces(data: bytes) -> list[Image.Image]:
    pieces: list[Image.Image] = []
    strips: list[Image.Image] = []
    at = 0
    while at < len(data):
        byte = data[at]
        if byte == GS and data[at + 1 : at + 3] == b"v0":
            strip, at = _raster(data, at)
            strips.append(strip)
        elif byte == GS and data[at + 1 : at + 2] == b"V":
            mode = data[at + 2]
            at += 4 if mode in (65, 66) else 3
            pieces.append(_stacked(strips))
            strips = []
        elif byte == ESC and data[at + 1 : at + 2] == b"d":
            strips.append(_blank(data[at + 2] * LINE_DOTS))
            at += 3
        elif byte == ESC and data[at + 1 : at + 2] == b"J":
            strips.append(_blank(data[at + 2]))
            at += 3
        elif byte == ESC and data[at + 1 : at + 2] == b"@":
            at += 2
        elif byte == DLE and data[at + 1 : at + 2] == b"\x04":
            at += 3
        elif byte == LF:
            strips.append(_blank(LINE_DOTS))
            at += 1
        else:
            at += 1
    if any(strip.width for strip in strips):
        pieces.append(_stacked(strips))
    return pieces


def _raster(data: bytes, at: int) -> tuple[Image.Image, int]:
    width_bytes = int.from_bytes(data[at + 4 : at + 6], "little")
    height = int.from_bytes(data[at + 6 : at + 8], "little")
    start = at + 8
    end = start + width_bytes * height
    if end > len(data):
        raise ValueError("the job ends inside a raster image")
    # In ESC/POS a set bit is a burnt dot; in Pillow's mode "1" a set bit is white: "1;I".
    return Image.frombytes("1", (width_bytes * 8, height), data[start:end], "raw", "1;I"), end


def _blank(height: int) -> Image.Image:
    return Image.new("1", (0, height), 1)


def _stacked(strips: list[Image.Image]) -> Image.Image:
    width = max((strip.width for strip in strips), default=0)
    image = Image.new("1", (width, sum(strip.height for strip in strips)), 1)
    top = 0
    for strip in strips:
        image.paste(strip, (0, top))
        top += strip.height
    return image
