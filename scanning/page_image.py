"""Pixel work on one page: greyscale, the stored resolution, black and white."""

import numbers

from PIL import Image

# Long side of A4 in inches: a page of unknown resolution is taken to be at most A4.
_A4_LONG_INCHES = 297 / 25.4
# A stated resolution that makes the page larger than A3 is not believed (cameras write 72 dpi).
_A3_LONG_INCHES = 420 / 25.4
# Paper is the brightest common tone; pixels within this of it become white.
_PAPER_MARGIN = 12
_PAPER_AT_LEAST = (150, 0.05)  # tone, share of the page
# Otsu's threshold is kept in this band so a blank or nearly blank page stays white.
_THRESHOLD_BAND = (96, 200)


def stated_dpi(image: Image.Image) -> float | None:
    """The resolution the file states; None when it states none (or 1, a bare aspect ratio)."""
    found = image.info.get("dpi")
    if isinstance(found, tuple) and found and isinstance(found[0], numbers.Real):
        dpi = float(round(found[0]))
        return dpi if dpi > 1 else None
    return None


def to_grey(image: Image.Image) -> Image.Image:
    """8-bit greyscale; transparency is laid on white paper, 16-bit samples are scaled down."""
    if image.mode == "L":
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, "white")
        return Image.alpha_composite(paper, rgba).convert("L")
    return image.convert("L")


def at_dpi(grey: Image.Image, dpi: float | None, wanted: int) -> tuple[Image.Image, float]:
    """The page at the wanted resolution when it came finer; a coarser page is kept as it is."""
    longest = max(grey.size)
    if dpi is None or longest / dpi > _A3_LONG_INCHES:
        dpi = max(longest / _A4_LONG_INCHES, float(wanted))
    if dpi <= wanted * 1.02:
        return grey, dpi
    scale = wanted / dpi
    size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
    return grey.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0), float(wanted)


def whiten_paper(grey: Image.Image) -> Image.Image:
    """Paper tone and its speckle become white, the rest is stretched to match: cleaner to read
    and about a sixth smaller as JPEG. A page with no clear paper tone is left as it is."""
    histogram = grey.histogram()
    paper = max(range(128, 256), key=lambda level: histogram[level])
    lowest_tone, least_share = _PAPER_AT_LEAST
    if paper < lowest_tone or histogram[paper] < least_share * sum(histogram):
        return grey
    white_point = paper - _PAPER_MARGIN
    return grey.point([min(255, round(level * 255 / white_point)) for level in range(256)])


def otsu_threshold(grey: Image.Image) -> int:
    histogram = grey.histogram()
    total = sum(histogram)
    sum_all = sum(level * count for level, count in enumerate(histogram))
    below = 0
    sum_below = 0.0
    best_level, best_spread = 0, -1.0
    for level, count in enumerate(histogram):
        below += count
        if below == 0:
            continue
        above = total - below
        if above == 0:
            break
        sum_below += level * count
        mean_below = sum_below / below
        mean_above = (sum_all - sum_below) / above
        spread = below * above * (mean_below - mean_above) ** 2
        if spread > best_spread:
            best_level, best_spread = level, spread
    low, high = _THRESHOLD_BAND
    return min(max(best_level, low), high)


def to_bilevel(grey: Image.Image) -> Image.Image:
    """1-bit black and white at Otsu's threshold: text stays, paper tone goes."""
    threshold = otsu_threshold(grey)
    table = [0 if level <= threshold else 255 for level in range(256)]
    return grey.point(table, "1")
