"""What one SANE device offers, kept with the backend's own option values."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from onestop.errors import DomainError
from onestop.i18n import _
from scanning import sane_names
from scanning.scanner import Capabilities, ColourMode, ScanSettings, Source

Constraint = Sequence[float] | tuple[float, float, float] | None


def _range_max(constraint: Constraint) -> float | None:
    if isinstance(constraint, tuple) and len(constraint) == 3:
        return float(constraint[1])
    return None


@dataclass(frozen=True)
class SaneChoices:
    sources: dict[Source, str]
    modes: dict[ColourMode, str]
    resolutions: tuple[int, ...]
    max_width_mm: float | None
    max_height_mm: float | None
    has_source_option: bool

    @classmethod
    def from_options(
        cls,
        source_values: Iterable[str] | None,
        mode_values: Iterable[str],
        resolution: Constraint,
        width_mm: Constraint,
        height_mm: Constraint,
    ) -> "SaneChoices":
        """`width_mm`/`height_mm` are the ranges of the bottom-right corner (br-x, br-y)."""
        return cls(
            sources=(
                {Source.FLATBED: ""} if source_values is None else sane_names.source_names(source_values)
            ),
            modes=sane_names.mode_names(mode_values),
            resolutions=sane_names.resolutions(resolution),
            max_width_mm=_range_max(width_mm),
            max_height_mm=_range_max(height_mm),
            has_source_option=source_values is not None,
        )

    def capabilities(self) -> Capabilities:
        return Capabilities(
            sources=frozenset(self.sources),
            resolutions=self.resolutions,
            colour_modes=frozenset(self.modes),
            max_width_mm=self.max_width_mm,
            max_height_mm=self.max_height_mm,
        )

    def source_name(self, settings: ScanSettings) -> str:
        """The backend's name for the wanted source; "" when the device has no source option."""
        if settings.source not in self.sources:
            raise DomainError(_("Máy quét này không có nguồn giấy đã chọn."))
        return self.sources[settings.source]

    def mode_name(self, settings: ScanSettings) -> str | None:
        """The backend's name for the wanted colour mode, else grey, else colour; None when the
        device has no mode option."""
        for mode in (settings.colour, ColourMode.GREY, ColourMode.COLOUR):
            if mode in self.modes:
                return self.modes[mode]
        return None

    def area_mm(self, settings: ScanSettings) -> tuple[float, float]:
        width, height = settings.width_mm, settings.height_mm
        if self.max_width_mm is not None:
            width = min(width, self.max_width_mm)
        if self.max_height_mm is not None:
            height = min(height, self.max_height_mm)
        return width, height

    def dpi(self, settings: ScanSettings) -> int:
        return self.capabilities().nearest_resolution(settings.dpi)
