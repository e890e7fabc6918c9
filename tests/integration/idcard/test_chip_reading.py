"""Reading an emulated citizen ID card on a virtual PC/SC reader: BAC, secure messaging, passive
authentication, and the cards that must not read as genuine."""

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from idcard.access_key import AccessKey
from idcard.chip_reading import ChipCard, read_chip
from idcard.pcsc_link import connect, list_readers
from idcard.reader_problem import ReaderProblem
from onestop.errors import DomainError
from tests.integration.idcard.chip_emulator import (
    DG1,
    DG2,
    DG13,
    SOD,
    Authority,
    CardFiles,
    Chip,
    Citizen,
    VirtualCard,
    dg13,
    genuine_card,
    make_csca,
    make_signer,
    sod,
)
from tests.integration.idcard.virtual_reader import VirtualReader

PACE_GM_AES_128 = "0.4.0.127.0.7.2.2.4.2.2"


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


def test_wrong_keys_give_a_clear_message_and_nothing_else(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer)
    lay(card)
    wrong = AccessKey(card.key.document_number, card.key.birth_date,
                      card.key.expiry_date.replace(year=card.key.expiry_date.year + 1))
    with pytest.raises(DomainError, match="số thẻ, ngày sinh hoặc ngày hết hạn chưa đúng"):
        read(virtual_reader, wrong, [csca.pem])


def test_a_card_whose_dg13_changed_after_signing_is_never_shown_genuine(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer)
    forged = card.with_file(DG13, dg13(Citizen(full_name="Nguyễn Thị Hòa Bình")))
    lay(forged)
    result = read(virtual_reader, card.key, [csca.pem])
    assert result.citizen.full_name == "Nguyễn Thị Hòa Bình"
    assert not result.authenticity.authentic
    assert "DG13 đã bị thay đổi sau khi ký" in result.authenticity.message


def test_a_signer_under_an_unknown_csca_is_not_genuine(
        virtual_reader: VirtualReader, lay, csca: Authority) -> None:
    impostor = make_csca()  # the same name as the real CSCA, another key
    card = genuine_card(make_signer(impostor))
    lay(card)
    result = read(virtual_reader, card.key, [csca.pem])
    assert not result.authenticity.authentic
    assert "không do chứng thư gốc nào trong danh sách tin cậy" in result.authenticity.message


def test_an_expired_document_signer_is_not_genuine(
        virtual_reader: VirtualReader, lay, csca: Authority) -> None:
    card = genuine_card(make_signer(csca, expired=True))
    lay(card)
    result = read(virtual_reader, card.key, [csca.pem])
    assert not result.authenticity.authentic
    assert "Chứng thư của đơn vị ký thẻ đã hết hạn" in result.authenticity.message


def test_without_a_trust_list_the_card_is_not_called_genuine(
        virtual_reader: VirtualReader, lay, signer: Authority) -> None:
    card = genuine_card(signer)
    lay(card)
    result = read(virtual_reader, card.key, [])
    assert not result.authenticity.authentic
    assert "onestop idcard trust add" in result.authenticity.message


def test_an_answer_with_a_bad_mac_is_refused(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer)
    card.bad_mac_after = 3
    lay(card)
    with pytest.raises(ReaderProblem, match="sai mã xác thực"):
        read(virtual_reader, card.key, [csca.pem])


def test_a_card_without_dg13_says_what_is_missing(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer).without(DG13)
    lay(card)
    with pytest.raises(ReaderProblem, match="Chip không có DG13"):
        read(virtual_reader, card.key, [csca.pem])


def test_a_large_photo_is_read_in_many_chunks_unchanged(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer, photo_bytes=28_000)
    chip = lay(card)
    result = read(virtual_reader, card.key, [csca.pem])
    assert result.authenticity.authentic, result.authenticity.message
    assert result.photo is not None
    assert result.photo.image in card.files[DG2]
    assert len(result.photo.image) >= 28_000
    assert chip.read_commands > 28_000 // 256


def test_without_the_photo_the_face_is_not_read(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer, photo_bytes=20_000)
    chip = lay(card)
    result = read(virtual_reader, card.key, [csca.pem], with_photo=False)
    assert result.photo is None and result.authenticity.authentic
    assert chip.read_commands < 20


@pytest.mark.parametrize("parameter_id", [12, 13], ids=["nist-p256", "brainpool-p256"])
def test_a_card_that_refuses_bac_is_opened_with_pace(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority,
        parameter_id: int) -> None:
    card = genuine_card(signer, chip_key=ec.generate_private_key(ec.SECP256R1()))
    card.pace_protocol, card.pace_parameter = PACE_GM_AES_128, parameter_id
    chip = lay(card)
    result = read(virtual_reader, card.key, [csca.pem])
    assert result.authenticity.authentic, result.authenticity.message
    assert result.citizen.full_name == "Nguyễn Thị Hoà" and result.photo is not None
    assert chip.read_commands > 10


def test_wrong_keys_on_a_pace_card_give_the_same_clear_message(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer)
    card.pace_protocol = PACE_GM_AES_128
    lay(card)
    wrong = replace(card.key, birth_date=card.key.birth_date.replace(day=16))
    with pytest.raises(DomainError, match="ngày hết hạn chưa đúng"):
        read(virtual_reader, wrong, [csca.pem])


def test_a_card_that_offers_only_an_unknown_kind_of_pace_says_so(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer)
    card.pace_protocol = "0.4.0.127.0.7.2.2.4.4.2"  # the integrated mapping
    lay(card)
    with pytest.raises(ReaderProblem, match="kiểu PACE chương trình chưa hỗ trợ"):
        read(virtual_reader, card.key, [csca.pem])


def test_with_no_card_on_the_reader_it_says_so(virtual_reader: VirtualReader) -> None:
    with pytest.raises(ReaderProblem, match="Chưa có thẻ trên đầu đọc"):
        connect(virtual_reader.name, wait_seconds=0.3)


def test_a_card_laid_while_waiting_is_read(
        virtual_reader: VirtualReader, csca: Authority, signer: Authority) -> None:
    card = genuine_card(signer)
    laid: list[VirtualCard] = []
    virtual_reader.wait_empty()
    timer = threading.Timer(0.5, lambda: laid.append(VirtualCard(Chip(card), virtual_reader.port)))
    timer.start()
    try:
        result = read(virtual_reader, card.key, [csca.pem])
    finally:
        timer.join()
        for placed in laid:
            placed.remove()
    assert result.authenticity.authentic


@pytest.mark.parametrize("scheme", ["rsa", "rsa-pss"])
def test_an_sod_signed_with_rsa_under_an_rsa_csca_reads_genuine(
        virtual_reader: VirtualReader, lay, scheme: str) -> None:
    csca = make_csca(scheme="rsa")
    card = genuine_card(make_signer(csca, scheme=scheme))
    lay(card)
    result = read(virtual_reader, card.key, [csca.pem], with_photo=False)
    assert result.authenticity.authentic, result.authenticity.message


def test_a_dg13_changed_with_its_hash_rewritten_fails_on_the_signature(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    genuine = genuine_card(signer)
    forged_dg13 = dg13(Citizen(full_name="Nguyễn Thị Hòa Bình"))
    groups = {1: genuine.files[DG1], 2: genuine.files[DG2], 13: forged_dg13}
    # the forger signs with a key of his own under the genuine signer's certificate
    forger = Authority(make_signer(csca).key, signer.certificate)
    lay(genuine.with_file(DG13, forged_dg13).with_file(SOD, sod(groups, forger)))
    result = read(virtual_reader, genuine.key, [csca.pem])
    assert not result.authenticity.authentic
    assert "Chữ ký trên dữ liệu của chip không đúng" in result.authenticity.message


@pytest.mark.parametrize("chip_key", [ec.generate_private_key(ec.SECP256R1()),
                                      rsa.generate_private_key(public_exponent=65537, key_size=1024)],
                         ids=["ecdsa", "rsa-iso9796"])
def test_a_chip_that_signs_the_challenge_with_its_dg15_key_reads_genuine(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority,
        chip_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> None:
    card = genuine_card(signer, chip_key=chip_key)
    lay(card)
    result = read(virtual_reader, card.key, [csca.pem], with_photo=False)
    assert result.authenticity.authentic, result.authenticity.message


def test_a_copy_of_a_genuine_chips_files_on_another_chip_is_not_genuine(
        virtual_reader: VirtualReader, lay, csca: Authority, signer: Authority) -> None:
    genuine = genuine_card(signer, chip_key=ec.generate_private_key(ec.SECP256R1()))
    # the copier has every file, signed data and all, but not the chip's private key
    lay(replace(genuine, chip_key=ec.generate_private_key(ec.SECP256R1())))
    result = read(virtual_reader, genuine.key, [csca.pem], with_photo=False)
    assert not result.authenticity.authentic
    assert "không chứng minh được là chip gốc" in result.authenticity.message
