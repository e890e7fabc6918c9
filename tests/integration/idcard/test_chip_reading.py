"""Reading an emulated citizen ID card on a virtual PC/SC reader: BAC, secure messaging, passive
authentication, and the cards that must not read as genuine."""

from collections.abc import Iterator

import pytest

from idcard.access_key import AccessKey
from idcard.chip_reading import ChipCard, read_chip
from idcard.pcsc_link import connect, list_readers
from tests.integration.idcard.chip_emulator import (
    Authority,
    CardFiles,
    Chip,
    genuine_card,
    make_csca,
    make_signer,
)
from tests.integration.idcard.conftest import VirtualReader


@pytest.fixture(scope="module")
def csca() -> Authority:
    return make_csca()


@pytest.fixture(scope="module")
def signer(csca: Authority) -> Authority:
    return make_signer(csca)


@pytest.fixture
def lay(virtual_reader: VirtualReader) -> Iterator[object]:
    cards = []

    def put(card: CardFiles) -> Chip:
        chip = Chip(card)
        cards.append(virtual_reader.lay(chip))
        return chip

    yield put
    for card in cards:
        card.remove()


def read(reader: VirtualReader, key: AccessKey, trusted: list[bytes],
         with_photo: bool = True) -> ChipCard:
    with connect(reader.name, wait_seconds=5) as link:
        return read_chip(link.transmit, key, trusted, with_photo)


def test_a_genuine_card_reads_in_exact_vietnamese_and_shows_authentic(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer)
    lay(card)
    result = read(virtual_reader, card.key, [csca.pem])
    citizen = result.citizen
    assert citizen.full_name == "Nguyễn Thị Hoà"
    assert citizen.residence == "Số 5 ngõ 12, phường Láng, Hà Nội"
    assert (citizen.id_number, citizen.old_id_number) == ("001185012345", "123456789")
    assert (citizen.father_name, citizen.mother_name) == ("Nguyễn Văn Thành", "Trần Thị Lựu")
    assert str(citizen.birth_date) == "1985-03-15" and citizen.sex == "Nữ"
    assert result.authenticity.authentic, result.authenticity.message
    assert result.authenticity.message == "Thẻ thật — dữ liệu do Bộ Công an ký"
    assert result.photo is not None and result.photo.image.startswith(b"\xff\xd8")
    assert [(r.name, r.has_card) for r in list_readers()][0] == (virtual_reader.name, True)
