"""A supervisor sets up the kiosk's fields and the calling counters from the command line."""

import json
import shutil
from pathlib import Path

from onestop.store.engine import DATABASE_FILE
from tests.conftest import copy_audit_keys
from tests.integration.queue.test_queue_command_line import onestop


def test_fields_and_counters_are_set_up_by_a_supervisor_only(office_template: Path,
                                                             tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(office_template, data / DATABASE_FILE)
    copy_audit_keys(office_template.parent, data)
    d = ("--data-dir", str(data))
    assert onestop("queue", "field", "dd", "Đất đai", "--prefix", "e", "--position", "2",
                   "--user", "lanhdao", *d).returncode == 0
    assert onestop("queue", "field", "HT", "Hộ tịch", "--prefix", "A", "--user", "quantri",
                   *d).returncode == 0
    refused = onestop("queue", "field", "CT", "Chứng thực", "--user", "canbo", *d)
    assert refused.returncode == 2 and "canbo" in refused.stderr
    unknown = onestop("queue", "counter", "Q1", "--number", "1", "--fields", "HT,XX", "--user",
                      "lanhdao", *d)
    assert unknown.returncode == 2 and "XX" in unknown.stderr
    assert onestop("queue", "counter", "q1", "--number", "1", "--fields", "HT, dd", "--user",
                   "lanhdao", *d).returncode == 0
    setup = json.loads(onestop("queue", "setup", "--json", *d).stdout)
    assert [(f["code"], f["prefix"]) for f in setup["fields"]] == [("HT", "A"), ("DD", "E")]
    assert setup["counters"] == [{"code": "Q1", "name": "Q1", "number": 1, "field_codes": ["HT", "DD"]}]
    assert json.loads(onestop("queue", "take", "DD", "--json", *d).stdout)["label"] == "E001"
