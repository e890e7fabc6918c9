"""The chip trust list: the technician's, kept beside the store, each addition in the audit trail."""

import pytest
from cryptography.hazmat.primitives import serialization

from onestop import audit, chip_reads, chip_trust
from onestop.errors import DomainError, NotAllowed
from tests.conftest import Office
from tests.integration.idcard.chip_emulator import make_csca, make_signer


def test_the_technician_installs_a_csca_once_and_every_read_finds_it(office: Office) -> None:
    csca = make_csca()
    der = csca.certificate.public_bytes(serialization.Encoding.DER)
    added = chip_trust.add_csca(office.store, office.technician, csca.pem)
    again = chip_trust.add_csca(office.store, office.technician, der)
    assert added == again
    assert chip_trust.trusted_cscas(office.store) == [der]
    assert [c.subject for c in chip_trust.list_cscas(office.store)] == [added.subject]
    rows = audit.entries(office.store, office.supervisor, None, 50)
    assert [r.subject for r in rows if r.action == "idcard.trust_add"] == [added.subject] * 2


def test_an_officer_may_not_change_the_trust_list(office: Office) -> None:
    with pytest.raises(NotAllowed):
        chip_trust.add_csca(office.store, office.officer, make_csca().pem)
    assert chip_trust.trusted_cscas(office.store) == []


def test_a_document_signer_or_a_stray_file_is_not_taken_as_a_csca(office: Office) -> None:
    with pytest.raises(DomainError, match="không phải chứng thư gốc"):
        chip_trust.add_csca(office.store, office.technician, make_signer(make_csca()).pem)
    with pytest.raises(DomainError, match="X.509"):
        chip_trust.add_csca(office.store, office.technician, b"not a certificate")
    assert chip_trust.trusted_cscas(office.store) == []


def test_a_technician_may_not_read_citizens_chips(office: Office) -> None:
    with pytest.raises(NotAllowed):
        chip_reads.note_chip_read(office.store, office.technician, "001185012345", True)
    chip_reads.note_chip_read(office.store, office.officer, "001185012345", True)
