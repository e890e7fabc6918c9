"""Reading the card's chip from start to end: select the application, open it with BAC, read the
files through secure messaging, and check them against the signed security object."""

from collections.abc import Callable
from dataclasses import dataclass

from idcard.access_key import AccessKey
from idcard.active_auth import challenge, chip_signed, internal_authenticate
from idcard.bac import WRONG_KEY, AccessRefused, ChipMisbehaved, authenticate
from idcard.citizen_data import BadCitizenData, CitizenData, parse_dg13
from idcard.face_image import BadFace, FacePhoto, parse_dg2
from idcard.pace import establish, pace_info
from idcard.passive_auth import Authenticity, check_authenticity
from idcard.reader_problem import ReaderProblem
from idcard.secure_messaging import BadMac, SecureChannel
from idcard.tlv import BadTlv, header_size
from onestop.errors import DomainError
from onestop.i18n import _

Transmit = Callable[[bytes], bytes]

EMRTD_APPLICATION = bytes.fromhex("A0000002471001")
CARD_ACCESS, DG1, DG2, DG13, DG15, SOD = 0x011C, 0x0101, 0x0102, 0x010D, 0x010F, 0x011D
_CHUNK = 0xDF
_LAST_SHORT_OFFSET = 0x7FFF  # READ BINARY with a plain offset reaches this far
_OK, _NOT_FOUND, _END_OF_FILE = 0x9000, 0x6A82, 0x6282
_FILE_NAMES = {DG1: "DG1", DG2: "DG2", DG13: "DG13", DG15: "DG15", SOD: "EF.SOD"}


@dataclass(frozen=True)
class ChipCard:
    citizen: CitizenData
    authenticity: Authenticity
    photo: FacePhoto | None


class _MissingFile(Exception):
    pass


def _status(response: bytes) -> int:
    return int.from_bytes(response[-2:], "big")


def _select_file(number: int) -> bytes:
    return bytes.fromhex("00A4020C02") + number.to_bytes(2, "big")


def _card_access(transmit: Transmit) -> bytes | None:
    """EF.CardAccess of the master file, read in the clear: the card offers PACE."""
    if _status(transmit(_select_file(CARD_ACCESS))) != _OK:
        return None
    response = transmit(bytes.fromhex("00B0000000"))
    return response[:-2] if _status(response) in (_OK, _END_OF_FILE) else b""


class _SecureFiles:
    def __init__(self, transmit: Transmit, channel: SecureChannel) -> None:
        self._transmit = transmit
        self._channel = channel

    def command(self, apdu: bytes) -> tuple[bytes, int]:
        return self._channel.unprotect(self._transmit(self._channel.protect(apdu)))

    def read(self, number: int) -> bytes:
        _data, status = self.command(_select_file(number))
        if status == _NOT_FOUND:
            raise _MissingFile(_FILE_NAMES.get(number, f"{number:04X}"))
        self._check(status)
        content = self._read_binary(0, 4)
        try:
            total = header_size(content)[1]
        except IndexError:
            raise _MissingFile(_FILE_NAMES.get(number, f"{number:04X}")) from None
        if total > _LAST_SHORT_OFFSET + 1:
            raise ReaderProblem(_("Tệp {0} trên chip quá lớn ({1} byte) để đọc.").format(
                _FILE_NAMES.get(number, f"{number:04X}"), total))
        while len(content) < total:
            chunk = self._read_binary(len(content), min(_CHUNK, total - len(content)))
            if not chunk:
                break
            content += chunk
        return content[:total]

    def _read_binary(self, offset: int, length: int) -> bytes:
        data, status = self.command(bytes([0x00, 0xB0, offset >> 8, offset & 0xFF, length]))
        if status != _END_OF_FILE:
            self._check(status)
        return data

    @staticmethod
    def _check(status: int) -> None:
        if status != _OK:
            raise ReaderProblem(_("Chip báo lỗi khi đọc (mã {0:04X}): đặt thẻ lại và đọc lại.").format(
                status))


def read_chip(transmit: Transmit, key: AccessKey, trusted: list[bytes],
              with_photo: bool = True) -> ChipCard:
    """Everything the chip holds about the citizen. DomainError when the key is wrong,
    ReaderProblem when the reader or the card fails."""
    files = _open_chip(transmit, key)
    try:
        groups = {1: files.read(DG1), 13: files.read(DG13)}
        photo = None
        if with_photo:
            try:
                groups[2] = files.read(DG2)
            except _MissingFile:
                pass
            else:
                photo = parse_dg2(groups[2])
        sod = files.read(SOD)
        citizen = parse_dg13(groups[13])
        original_chip = _proves_its_key(files, groups)
    except BadMac:
        raise _garbled() from None
    except _MissingFile as missing:
        raise ReaderProblem(_("Chip không có {0}: không đọc được thông tin từ thẻ này.").format(
            missing)) from None
    except (BadCitizenData, BadFace, BadTlv):
        raise ReaderProblem(_("Dữ liệu trên chip không đúng cấu trúc của thẻ căn cước.")) from None
    authenticity = check_authenticity(sod, groups, trusted)
    if authenticity.authentic and not original_chip:
        authenticity = Authenticity(False, _(
            "Chip không chứng minh được là chip gốc của thẻ: dữ liệu có thể đã bị chép sang chip "
            "khác."), authenticity.signer)
    return ChipCard(citizen, authenticity, photo)


def _garbled() -> ReaderProblem:
    return ReaderProblem(_("Dữ liệu từ chip sai lệch khi truyền (sai mã xác thực): đặt thẻ lại "
                           "ngay ngắn và đọc lại."))


def _open_chip(transmit: Transmit, key: AccessKey) -> _SecureFiles:
    """The application selected and opened with BAC, or with PACE when the card refuses BAC and
    offers it."""
    card_access = _card_access(transmit)
    if _status(transmit(bytes.fromhex("00A4040C07") + EMRTD_APPLICATION)) != _OK:
        raise ReaderProblem(_("Thẻ trên đầu đọc không có chip căn cước (ICAO 9303)."))
    try:
        try:
            return _SecureFiles(transmit, authenticate(transmit, key))
        except AccessRefused as refused:
            if refused.status == WRONG_KEY or card_access is None:
                raise
            return _after_pace(transmit, key, card_access)
    except AccessRefused as refused:
        if refused.status == WRONG_KEY:
            raise DomainError(_("Chip không mở được: số thẻ, ngày sinh hoặc ngày hết hạn chưa đúng. "
                                "Hãy kiểm tra lại (hoặc nhập dòng MRZ ở mặt sau thẻ)."),
                              field="mrz") from None
        raise ReaderProblem(_("Chip từ chối mở (mã {0:04X}).").format(refused.status)) from None
    except ChipMisbehaved:
        raise ReaderProblem(_("Chip trả lời sai khi xác thực: thẻ có thể không phải thẻ thật.")) from None
    except BadMac:
        raise _garbled() from None


def _after_pace(transmit: Transmit, key: AccessKey, card_access: bytes) -> _SecureFiles:
    """A card that refuses BAC but offers PACE: PACE in the master file, then the application
    selected through the new secure channel."""
    info = pace_info(card_access)
    if info is None:
        raise ReaderProblem(_("Thẻ này chỉ mở bằng một kiểu PACE chương trình chưa hỗ trợ: hãy dùng "
                              "mã QR trên thẻ."))
    transmit(bytes.fromhex("00A4000C023F00"))
    files = _SecureFiles(transmit, establish(transmit, key, info))
    _data, status = files.command(bytes.fromhex("00A4040C07") + EMRTD_APPLICATION)
    if status != _OK:
        raise ReaderProblem(_("Thẻ trên đầu đọc không có chip căn cước (ICAO 9303)."))
    return files


def _proves_its_key(files: _SecureFiles, groups: dict[int, bytes]) -> bool:
    """Active authentication when the chip has DG15 (added to the groups the SOD must cover);
    a chip without it proves nothing more and fails nothing."""
    try:
        groups[15] = files.read(DG15)
    except _MissingFile:
        return True
    nonce = challenge()
    signature, status = files.command(internal_authenticate(nonce))
    return status == _OK and chip_signed(groups[15], nonce, signature)
