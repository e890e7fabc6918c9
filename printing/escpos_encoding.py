"""A drawn slip as ESC/POS bytes: reset, raster image (GS v 0), feed and cut."""

from escpos.capabilities import Profile, get_profile
from escpos.printer import Dummy
from PIL import Image


def encode_slip(image: Image.Image, *, copies: int = 1) -> bytes:
    """Bytes for `copies` slips, each cut off on its own."""
    if copies < 1:
        raise ValueError("at least one copy")
    printer = Dummy(profile=_profile(image.width))
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster")
    printer.cut(mode="PART")
    return bytes(printer.output) * copies


def _profile(width_dots: int) -> Profile:
    # The stock profile knows no paper width, and python-escpos checks images against it.
    stock = get_profile()
    profile = Profile(features=stock.features)
    profile.profile_data = {
        **stock.profile_data,
        "media": {"dpi": 203, "width": {"mm": "Unknown", "pixels": width_dots}},
    }
    return profile
