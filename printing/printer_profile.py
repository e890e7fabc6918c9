"""What the printer model picked at set-up can do for a slip: how wide it prints and how the slip
comes off the roll, from the capability data python-escpos ships.

The data is read from python-escpos's JSON file itself: importing escpos.capabilities parses the
same file as YAML into a new temporary folder in every process, which takes half a second.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from printing.escpos_encoding import Cut
from printing.slip_layout import PaperWidth

DEFAULT_PROFILE = "default"


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    cut: Cut
    printable_dots: int | None = None  # None: the model's data does not say

    def slip_width(self, paper: int) -> int:
        """Dots across a slip on `paper` dots of roll: no wider than the printer prints."""
        if self.printable_dots is None:
            return paper
        # Only customer displays state fewer dots than a 58 mm roll; they get the narrowest slip.
        return max(min(paper, self.printable_dots), PaperWidth.MM58)


STOCK_PROFILE = PrinterProfile(DEFAULT_PROFILE, Cut.PARTIAL)


def profile_names() -> list[str]:
    return list(_profiles())


def printer_profile(name: str) -> PrinterProfile:
    """The named model's profile; the stock one for "default" and for a name the data lacks."""
    data = _profiles().get(name)
    if name == DEFAULT_PROFILE or data is None:
        return STOCK_PROFILE
    features = data.get("features", {})
    pixels = data.get("media", {}).get("width", {}).get("pixels")
    # Where the data does not know, it says "Unknown" or leaves the width out.
    printable = pixels if isinstance(pixels, int) else None
    return PrinterProfile(name, _cut(features), printable)


def _cut(features: dict[str, Any]) -> Cut:
    if features.get("paperPartCut") is True:
        return Cut.PARTIAL
    if features.get("paperFullCut") is True:
        return Cut.FULL
    return Cut.TEAR_OFF


@cache
def _profiles() -> dict[str, Any]:
    text = files("escpos").joinpath("capabilities.json").read_text(encoding="utf-8")
    profiles: dict[str, Any] = json.loads(text)["profiles"]
    return profiles
