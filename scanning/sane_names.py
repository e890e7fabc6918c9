"""What SANE backends call their sources and colour modes, mapped to ours.

Each backend names the feeder in its own way ("ADF", "Automatic Document Feeder",
"ADF Front", "Automatic Document Feeder(left aligned,Duplex)", ...). The tables list known names in
the order we prefer them; names not listed are classified by the words they contain.
"""

from collections.abc import Iterable, Sequence

from scanning.scanner import ColourMode, Source

SOURCE_NAMES: dict[Source, tuple[str, ...]] = {
    Source.FLATBED: (
        "flatbed",
        "platen",
        "normal",
        "document table",
        "flatbed (ready)",
    ),
    Source.FEEDER: (
        "adf",
        "adf front",
        "automatic document feeder",
        "auto document feeder",
        "adf simplex",
        "simplex",
        "automatic document feeder(left aligned)",
        "automatic document feeder(centrally aligned)",
        "automatic document feeder (left aligned)",
        "automatic document feeder (centrally aligned)",
        "document feeder",
        "feeder",
        "adf back",
    ),
    Source.DUPLEX: (
        "adf duplex",
        "duplex",
        "automatic document feeder duplex",
        "automatic document feeder(left aligned,duplex)",
        "automatic document feeder(centrally aligned,duplex)",
        "automatic document feeder (left aligned, duplex)",
        "automatic document feeder (centrally aligned, duplex)",
        "adf duplex - long-edge binding",
        "adf duplex - short-edge binding",
    ),
}

MODE_NAMES: dict[ColourMode, tuple[str, ...]] = {
    ColourMode.GREY: ("gray", "grey", "grayscale", "greyscale", "true gray", "8bit gray"),
    ColourMode.COLOUR: ("color", "colour", "24bit color", "rgb", "true color"),
    ColourMode.BILEVEL: ("lineart", "binary", "black & white", "black and white", "bw"),
}

_NOT_PAPER = ("transparency", "film", "negative", "slide", "tpu", "positive")


def _classify_source(name: str) -> Source | None:
    folded = " ".join(name.casefold().split())
    for source, names in SOURCE_NAMES.items():
        if folded in names:
            return source
    if any(word in folded for word in _NOT_PAPER):
        return None
    if "duplex" in folded:
        return Source.DUPLEX
    if "adf" in folded or "feeder" in folded:
        return Source.FEEDER
    if "flatbed" in folded or "platen" in folded:
        return Source.FLATBED
    return None


def source_names(offered: Iterable[str]) -> dict[Source, str]:
    """The backend's name for each of our sources it offers, the preferred name when several."""
    chosen: dict[Source, tuple[int, str]] = {}
    for name in offered:
        source = _classify_source(name)
        if source is None:
            continue
        folded = " ".join(name.casefold().split())
        known = SOURCE_NAMES[source]
        rank = known.index(folded) if folded in known else len(known)
        if source not in chosen or rank < chosen[source][0]:
            chosen[source] = (rank, name)
    return {source: name for source, (_rank, name) in chosen.items()}


def mode_names(offered: Iterable[str]) -> dict[ColourMode, str]:
    chosen: dict[ColourMode, str] = {}
    for name in offered:
        folded = " ".join(name.casefold().split())
        for mode, names in MODE_NAMES.items():
            if folded in names and mode not in chosen:
                chosen[mode] = name
    return chosen


STANDARD_RESOLUTIONS = (75, 100, 150, 200, 240, 300, 400, 600)


def resolutions(constraint: Sequence[float] | tuple[float, float, float] | None) -> tuple[int, ...]:
    """Resolutions from a SANE constraint: a list of values, or a (min, max, step) range,
    of which the usual document resolutions inside it are offered."""
    if constraint is None:
        return ()
    if isinstance(constraint, tuple) and len(constraint) == 3:
        low, high, step = constraint
        return tuple(
            dpi
            for dpi in STANDARD_RESOLUTIONS
            if low <= dpi <= high and (not step or (dpi - low) % step == 0)
        )
    return tuple(sorted({int(value) for value in constraint}))
