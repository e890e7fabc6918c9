"""A private configuration for SANE's `test` backend, so a test sees only the devices it made."""

from pathlib import Path

TEST_CONF = {
    "number_of_devices": "2",
    "mode": "Gray",
    "depth": "8",
    "hand-scanner": "false",
    "three-pass": "false",
    "three-pass-order": "RGB",
    "resolution_min": "1.0",
    "resolution_max": "1200.0",
    "resolution_quant": "1.0",
    "resolution": "50.0",
    "test-picture": '"Solid black"',
    "invert-endianess": "false",
    "read-limit": "false",
    "read-limit-size": "1",
    "read-delay": "false",
    "read-delay-duration": "1000",
    "read-status-code": '"Default"',
    "fuzzy-parameters": "false",
    "ppl-loss": "0",
    "non-blocking": "false",
    "select-fd": "false",
    "enable-test-options": "false",
    "geometry_min": "0.0",
    "geometry_max": "300.0",
    "geometry_quant": "1.0",
    "tl_x": "0.0",
    "tl_y": "0.0",
    "br_x": "80.0",
    "br_y": "100.0",
}


def write_config(folder: Path, **options: str) -> Path:
    """dll.conf naming only `test`, and test.conf with `options` (underscores for dashes)
    over the backend's usual values."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n", encoding="ascii")
    values = dict(TEST_CONF)
    for name, value in options.items():
        key = name if name in values else name.replace("_", "-")
        assert key in values, f"the test backend has no option {name}"
        values[key] = value
    lines = [f"{key} {value}" for key, value in values.items()]
    (folder / "test.conf").write_text("\n".join(lines) + "\n", encoding="ascii")
    return folder
