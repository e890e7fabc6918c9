"""Each write tells, with its result, what it changed in the store; a read tells nothing."""

from datetime import datetime

from onestop import dossiers, print_jobs, queue
from onestop.changes import NOTHING, StoreChanges
from onestop.correction import Correction, correct_dossier
from onestop.dossiers import ApplicantInput, Intake
from onestop.print_jobs import SlipOrder
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office
from tests.integration.queue.front_of_house import open_front_of_house

MONDAY_9 = datetime(2026, 12, 7, 9, 0, tzinfo=LOCAL_ZONE)
PRINTER = "tcp://127.0.0.1:9100"  # never sent to: the jobs are only queued and settled here


def test_records_of_what_changed_join_and_are_empty_when_nothing_did() -> None:
    assert not NOTHING and not StoreChanges()
    joined = StoreChanges(dossiers=frozenset({"A"})) | StoreChanges(print_jobs=frozenset({7}),
                                                                    outbox=True)
    assert joined == StoreChanges(dossiers=frozenset({"A"}), print_jobs=frozenset({7}), outbox=True)
    assert joined and StoreChanges(settings=frozenset({"printer.uri"}))


def test_a_dossier_s_writes_tell_the_dossier_its_slip_and_the_outbox(office: Office) -> None:
    received = dossiers.receive(office.store, office.officer, Intake(
        "1.001193", ApplicantInput("Lê Văn Tám"), received_at=MONDAY_9),
        SlipOrder(PRINTER))
    assert received.slip_job is not None
    assert received.changes == StoreChanges(dossiers=frozenset({received.code}),
                                            print_jobs=frozenset({received.slip_job.id}), outbox=True)
    moved = dossiers.transition(office.store, office.officer, received.code, "in_process")
    assert moved.changes == StoreChanges(dossiers=frozenset({received.code}), outbox=True)
    corrected = correct_dossier(office.store, office.supervisor, received.code,
                                Correction(phone="0912345678"), "Ghi nhầm số điện thoại")
    assert corrected.changes.dossiers == {received.code} and corrected.changes.outbox


def test_a_print_job_tells_it_moved_and_a_listing_of_jobs_tells_nothing(office: Office) -> None:
    code = dossiers.receive(office.store, office.officer, Intake(
        "1.001193", ApplicantInput("Lê Văn Tám"), received_at=MONDAY_9)).code
    job = print_jobs.reprint(office.store, office.officer, code, PRINTER)
    assert job.changes == StoreChanges(print_jobs=frozenset({job.id}))
    claimed = print_jobs.claim(office.store, office.officer, job.id)
    failed = print_jobs.mark_failed(office.store, job.id, "Hết giấy")
    assert claimed.changes == failed.changes == job.changes
    [listed] = [row for row in print_jobs.waiting(office.store, office.officer) if row.id == job.id]
    assert listed.changes == NOTHING
    assert listed == failed  # a row is the same row whether a write or a read gave it


def test_queue_calls_tell_the_queue_and_an_ended_visit_the_outbox(office: Office) -> None:
    open_front_of_house(office.store)
    taken = queue.take(office.store, "HT", at=MONDAY_9)
    assert taken.changes == StoreChanges(queue=True)
    called = queue.call_next(office.store, office.officer, "Q1", at=MONDAY_9)
    assert called.changes.queue
    ended = queue.skip(office.store, office.officer, "Q1", at=MONDAY_9)
    assert ended.changes == StoreChanges(queue=True, outbox=True)
    assert queue.serving(office.store, "Q1") is None
