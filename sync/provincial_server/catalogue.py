"""The procedure catalogue the simulated province publishes, from a file or from records."""

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from onestop.resources import resource_path
from sync.wire import nfc_tree

Catalogue = Path | str | Sequence[Mapping[str, Any]]

SAMPLE_CATALOGUE = "sample-catalogue.json"


def load_catalogue(source: Catalogue | None) -> list[dict[str, Any]]:
    """Procedures in the national field names. `source` is a JSON file (`{"procedures": [...]}`
    or a bare list) or the records themselves; None means the program's sample catalogue, or
    nothing when the program ships none."""
    if source is None:
        sample = resource_path(SAMPLE_CATALOGUE)
        return load_catalogue(sample) if sample.is_file() else []
    if isinstance(source, str | Path):
        with Path(source).open(encoding="utf-8") as file:
            document = json.load(file)
        records = document.get("procedures") if isinstance(document, dict) else document
    else:
        records = list(source)
    if not isinstance(records, list):
        raise ValueError("a catalogue holds a list of procedures")
    procedures = []
    for record in records:
        if not (isinstance(record, Mapping) and isinstance(record.get("MaTTHC"), str)
                and record["MaTTHC"] and isinstance(record.get("TenTTHC"), str)):
            raise ValueError(f"a procedure needs MaTTHC and TenTTHC: {record!r:.200}")
        procedures.append(nfc_tree(dict(record)))
    return procedures
