"""A stored page: the file on disk, what it holds, and the officer's decisions about it."""

import io
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from scanning.blank import BlankDecision

_TURNS = {
    1: Image.Transpose.ROTATE_270,
    2: Image.Transpose.ROTATE_180,
    3: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class Page:
    path: Path
    media_type: str
    sha256: str
    size: int
    width: int
    height: int
    dpi: float
    blank: BlankDecision
    thumbnail: bytes
    # clockwise quarter turns, applied when the page is shown and in the dossier's PDF;
    # the stored file is never encoded again
    quarter_turns: int = 0

    @property
    def kept(self) -> bool:
        return not self.blank.dropped

    def with_blank_reversed(self) -> "Page":
        return replace(self, blank=self.blank.reversed())

    def turned(self, quarter_turns: int) -> "Page":
        """The page turned clockwise by `quarter_turns` more (negative turns back)."""
        step = quarter_turns % 4
        if step == 0:
            return self
        with Image.open(io.BytesIO(self.thumbnail)) as small:
            turned = small.transpose(_TURNS[step])
        out = io.BytesIO()
        turned.save(out, "JPEG", quality=80)
        return replace(self, quarter_turns=(self.quarter_turns + step) % 4, thumbnail=out.getvalue())
