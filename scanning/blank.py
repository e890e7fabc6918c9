"""Is a scanned page blank? One rule: the share of dark pixels inside the margins.

The margins are left out because feeders leave dark edges and shadows there. The rule only
suggests: the decision is kept with the page, with the figures it was made from, and the officer
can reverse it.
"""

from dataclasses import dataclass, replace

from PIL import Image


@dataclass(frozen=True)
class BlankRule:
    # a pixel darker than this (0 black .. 255 white) is ink
    ink_level: int = 128
    # a page with a smaller share of ink than this is blank; 0.0003 of an A4 page is about
    # 4 × 4 mm of solid ink, less than a signature or a line of text
    max_ink_share: float = 0.0003
    margin_share: float = 0.04


@dataclass(frozen=True)
class BlankDecision:
    ink_share: float
    rule: BlankRule
    looks_blank: bool
    reversed_by_officer: bool = False

    @property
    def dropped(self) -> bool:
        """Whether the page is left out of the dossier's PDF."""
        return self.looks_blank != self.reversed_by_officer

    def reversed(self) -> "BlankDecision":
        return replace(self, reversed_by_officer=not self.reversed_by_officer)


def judge(grey: Image.Image, rule: BlankRule) -> BlankDecision:
    """`grey` is an 8-bit greyscale page."""
    dx = int(grey.width * rule.margin_share)
    dy = int(grey.height * rule.margin_share)
    inner = grey.crop((dx, dy, grey.width - dx, grey.height - dy)) if dx and dy else grey
    histogram = inner.histogram()
    total = sum(histogram)
    ink = sum(histogram[: rule.ink_level])
    share = ink / total if total else 0.0
    return BlankDecision(ink_share=share, rule=rule, looks_blank=share < rule.max_ink_share)
