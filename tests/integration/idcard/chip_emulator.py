"""An emulated citizen ID card for a virtual PC/SC reader (vsmartcard's vpcd): its files, BAC,
secure messaging, and an SOD signed by a document signer under a test CSCA.

vpcd waits for the card on a TCP port; frames are a 2-byte big-endian length and a payload; a
1-byte payload is a control (0 power off, 1 power on, 2 reset, 4 send the ATR), anything else a
command APDU answered by its response APDU."""

import contextlib
import hashlib
import io
import os
import secrets
import socket
import threading
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from asn1crypto import algos, cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID
from PIL import Image

from idcard.access_key import AccessKey
from idcard.bac import bac_keys
from idcard.chip_crypto import (
    AUTHENTICATION,
    ENCRYPTION,
    aes_decrypt,
    aes_encrypt,
    aes_mac,
    decrypt,
    derive_aes_key,
    derive_key,
    encrypt,
    mac,
    pad,
    unpad,
)
from idcard.elliptic_curve import Point
from idcard.pace import PaceInfo, mapped_generator, pace_info, password_key, session_secret, token
from idcard.tlv import Tlv, children, read_tlv

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
AID = bytes.fromhex("A0000002471001")
CARD_ACCESS, COM, DG1, DG2, DG13, DG15, SOD = (0x011C, 0x011E, 0x0101, 0x0102, 0x010D, 0x010F,
                                                0x011D)


def _with_tck(atr: bytes) -> bytes:
    check = 0
    for byte in atr[1:]:
        check ^= byte
    return atr + bytes([check])


ATR = _with_tck(bytes.fromhex("3B888001") + b"ONESTOP!")


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    size = (n.bit_length() + 7) // 8
    return bytes([0x80 | size]) + n.to_bytes(size, "big")


def tlv(tag: int, value: bytes) -> bytes:
    return tag.to_bytes((tag.bit_length() + 7) // 8, "big") + _length(len(value)) + value


@dataclass(frozen=True)
class Citizen:
    id_number: str = "001185012345"
    full_name: str = "Nguyễn Thị Hoà"
    birth_date: str = "15/03/1985"
    sex: str = "Nữ"
    nationality: str = "Việt Nam"
    ethnicity: str = "Kinh"
    religion: str = "Không"
    home_town: str = "Xã Yên Thường, huyện Gia Lâm, Hà Nội"
    residence: str = "Số 5 ngõ 12, phường Láng, Hà Nội"
    identifying_marks: str = "Nốt ruồi C:1cm trên trước mép trái"
    issue_date: str = "20/04/2021"
    expiry_date: str = "15/03/2025"
    father_name: str = "Nguyễn Văn Thành"
    mother_name: str = "Trần Thị Lựu"
    old_id_number: str = "123456789"

    def key(self) -> AccessKey:
        def day(text: str) -> date:
            d, m, y = text.split("/")
            return date(int(y), int(m), int(d))
        return AccessKey(self.id_number[-9:], day(self.birth_date), day(self.expiry_date))


def dg13(citizen: Citizen) -> bytes:
    def item(number: int, value: bytes) -> bytes:
        return tlv(0x30, tlv(0x02, bytes([number])) + value)

    def text(value: str) -> bytes:
        return tlv(0x0C, value.encode("utf-8"))

    fields = [citizen.id_number, citizen.full_name, citizen.birth_date, citizen.sex,
              citizen.nationality, citizen.ethnicity, citizen.religion, citizen.home_town,
              citizen.residence, citizen.identifying_marks, citizen.issue_date,
              citizen.expiry_date]
    body = b"".join(item(n, text(value)) for n, value in enumerate(fields, start=1))
    body += item(13, tlv(0x30, text(citizen.father_name) + text(citizen.mother_name)))
    body += item(16, text(citizen.old_id_number))
    return tlv(0x6D, body)


def dg1(citizen: Citizen) -> bytes:
    key = citizen.key()
    info = key.mrz_information()
    mrz = ("IDVNM" + info[:10] + citizen.id_number + "<<<"
           + info[10:17] + "F" + info[17:24] + "VNM" + "<" * 11 + "0"
           + "NGUYEN<<THI<HOA".ljust(30, "<"))
    return tlv(0x61, tlv(0x5F1F, mrz.encode("ascii")))


def face_jpeg(size_hint: int) -> bytes:
    """A JPEG of roughly size_hint bytes (noise compresses badly, so the size follows the side)."""
    side = 60
    while True:
        image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=90)
        if out.tell() >= size_hint or side > 400:
            return out.getvalue()
        side += 10


def dg2(jpeg: bytes) -> bytes:
    # block length, no feature points, then gender, eyes, hair, features, expression, pose
    face_info = (len(jpeg) + 32).to_bytes(4, "big") + (0).to_bytes(2, "big") + bytes(14)
    image_info = bytes([1, 0]) + (240).to_bytes(2, "big") + (320).to_bytes(2, "big") + bytes(6)
    record = (b"FAC\x00" + b"010\x00" + (14 + len(face_info) + 12 + len(jpeg)).to_bytes(4, "big")
              + (1).to_bytes(2, "big") + face_info + image_info + jpeg)
    header = tlv(0xA1, tlv(0x80, b"\x01\x01") + tlv(0x87, b"\x01\x01"))
    template = tlv(0x7F60, header + tlv(0x5F2E, record))
    return tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + template))


def ef_com(groups: list[int]) -> bytes:
    tags = {1: 0x61, 2: 0x75, 13: 0x6D, 15: 0x6F}
    return tlv(0x60, tlv(0x5F01, b"0107") + tlv(0x5F36, b"040000")
               + tlv(0x5C, bytes(tags[n] for n in groups)))


# --- the issuer's certificates ---------------------------------------------------------------

def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bộ Công an"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


@dataclass
class Authority:
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    certificate: x509.Certificate
    scheme: str = "ecdsa"  # how it signs an SOD: ecdsa, rsa (PKCS #1 v1.5) or rsa-pss

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _new_key(scheme: str) -> ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey:
    if scheme == "ecdsa":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_csca(common_name: str = "CSCA Viet Nam (test)", scheme: str = "ecdsa") -> Authority:
    key = _new_key(scheme)
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=3650)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256()))
    return Authority(key, certificate, scheme)


def make_signer(csca: Authority, expired: bool = False, scheme: str = "ecdsa") -> Authority:
    key = _new_key(scheme)
    now = datetime.now(UTC)
    end = now - timedelta(days=30) if expired else now + timedelta(days=3650)
    certificate = (
        x509.CertificateBuilder().subject_name(_name("Document Signer 01 (test)"))
        .issuer_name(csca.certificate.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=365)).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(csca.key, hashes.SHA256()))
    return Authority(key, certificate, scheme)


class _DataGroupHash(core.Sequence):
    _fields = [("number", core.Integer), ("hash", core.OctetString)]


class _DataGroupHashes(core.SequenceOf):
    _child_spec = _DataGroupHash


class _SecurityObject(core.Sequence):
    _fields = [("version", core.Integer), ("hash_algorithm", algos.DigestAlgorithm),
               ("hashes", _DataGroupHashes)]


def sod(groups: dict[int, bytes], signer: Authority) -> bytes:
    security_object = _SecurityObject({
        "version": 0, "hash_algorithm": {"algorithm": "sha256"},
        "hashes": [{"number": n, "hash": hashlib.sha256(content).digest()}
                   for n, content in sorted(groups.items())]}).dump()
    attributes = cms.CMSAttributes([
        {"type": "content_type", "values": [LDS_SECURITY_OBJECT]},
        {"type": "message_digest", "values": [hashlib.sha256(security_object).digest()]}])
    signature, algorithm = _signed(signer, attributes.dump())
    certificate = asn1_x509.Certificate.load(
        signer.certificate.public_bytes(serialization.Encoding.DER))
    signed_data = cms.SignedData({
        "version": "v3", "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": LDS_SECURITY_OBJECT, "content": security_object},
        "certificates": [certificate],
        "signer_infos": [{
            "version": "v1",
            "sid": {"issuer_and_serial_number": {"issuer": certificate.issuer,
                                                 "serial_number": certificate.serial_number}},
            "digest_algorithm": {"algorithm": "sha256"}, "signed_attrs": attributes,
            "signature_algorithm": algorithm, "signature": signature}]})
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return tlv(0x77, info.dump())


def _signed(signer: Authority, data: bytes) -> tuple[bytes, dict[str, object]]:
    key = signer.key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256())), {"algorithm": "sha256_ecdsa"}
    if signer.scheme == "rsa-pss":
        pss = padding.PSS(padding.MGF1(hashes.SHA256()), 32)
        return key.sign(data, pss, hashes.SHA256()), {
            "algorithm": "rsassa_pss",
            "parameters": {"hash_algorithm": {"algorithm": "sha256"},
                           "mask_gen_algorithm": {"algorithm": "mgf1",
                                                  "parameters": {"algorithm": "sha256"}},
                           "salt_length": 32}}
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256()), {"algorithm": "sha256_rsa"}


@dataclass
class CardFiles:
    """What a card holds; build with `genuine_card` and change it to make the negative cards."""

    key: AccessKey
    files: dict[int, bytes]
    chip_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | None = None  # for DG15's challenge
    pace_protocol: str | None = None  # a card that refuses BAC and offers this PACE protocol
    pace_parameter: int = 12
    bad_mac_after: int | None = None  # corrupt the MAC of every protected answer after this many

    def without(self, file_id: int) -> "CardFiles":
        return replace(self, files={k: v for k, v in self.files.items() if k != file_id})

    def with_file(self, file_id: int, content: bytes) -> "CardFiles":
        return replace(self, files={**self.files, file_id: content})


def dg15(chip_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> bytes:
    return tlv(0x6F, chip_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))


def genuine_card(signer: Authority, citizen: Citizen | None = None, photo_bytes: int = 12_000,
                 chip_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | None = None
                 ) -> CardFiles:
    """A card as issued; with `chip_key`, it has DG15 and answers active authentication."""
    citizen = citizen or Citizen()
    groups = {1: dg1(citizen), 2: dg2(face_jpeg(photo_bytes)), 13: dg13(citizen)}
    if chip_key is not None:
        groups[15] = dg15(chip_key)
    files = {COM: ef_com(sorted(groups)), DG1: groups[1], DG2: groups[2], DG13: groups[13],
             SOD: sod(groups, signer)}
    if chip_key is not None:
        files[DG15] = groups[15]
    return CardFiles(citizen.key(), files, chip_key)


def active_signature(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey, nonce: bytes) -> bytes:
    """ECDSA as plain r||s; RSA as ISO 9796-2 scheme 1 with SHA-1 and partial recovery."""
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(nonce, ec.ECDSA(hashes.SHA256())))
        size = (key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    numbers = key.private_numbers()
    size = (key.key_size + 7) // 8
    recovered = os.urandom(size - 20 - 2)
    opened = b"\x6A" + recovered + hashlib.sha1(recovered + nonce).digest() + b"\xBC"
    return pow(int.from_bytes(opened, "big"), numbers.d, numbers.public_numbers.n).to_bytes(
        size, "big")


# --- the chip's behaviour --------------------------------------------------------------------

def card_access(protocol: str, parameter_id: int) -> bytes:
    info = tlv(0x30, core.ObjectIdentifier(protocol).dump() + tlv(0x02, b"\x02")
               + tlv(0x02, bytes([parameter_id])))
    return tlv(0x31, info)


@dataclass
class _Pace:
    """The chip's side of one PACE run, step by step."""

    info: PaceInfo
    password: bytes
    step: int = 0
    nonce: int = 0
    generator: Point = None
    own_secret: int = 0
    own_public: bytes = b""
    reader_public: bytes = b""
    mac_key: bytes = b""
    enc_key: bytes = b""

    def answer(self, data_object: Tlv) -> bytes | None:
        curve = self.info.curve
        self.step += 1
        if self.step == 1:
            nonce = os.urandom(16)
            self.nonce = int.from_bytes(nonce, "big")
            return tlv(0x80, aes_encrypt(self.password, nonce))
        if self.step == 2:
            secret = secrets.randbelow(curve.order - 1) + 1
            self.generator = mapped_generator(curve, self.nonce, secret,
                                              curve.decode(data_object.value))
            return tlv(0x82, curve.encode(curve.multiply(secret, curve.generator)))
        if self.step == 3:
            self.own_secret = secrets.randbelow(curve.order - 1) + 1
            self.own_public = curve.encode(curve.multiply(self.own_secret, self.generator))
            self.reader_public = data_object.value
            shared = session_secret(curve, self.own_secret, curve.decode(self.reader_public))
            self.enc_key = derive_aes_key(shared, 1, self.info.key_length)
            self.mac_key = derive_aes_key(shared, 2, self.info.key_length)
            return tlv(0x84, self.own_public)
        if data_object.value != token(self.mac_key, self.info.protocol, self.own_public):
            return None
        return tlv(0x86, token(self.mac_key, self.info.protocol, self.reader_public))


@dataclass
class Chip:
    card: CardFiles
    read_commands: int = 0
    commands: int = 0
    _application: bool = False
    _challenge: bytes | None = None
    _session: tuple[bytes, bytes] | None = None
    _aes: bool = False
    _counter: int = 0
    _file: bytes | None = None
    _answers: int = 0
    _pace: _Pace | None = None

    def reset(self) -> None:
        self._application, self._challenge, self._session, self._file = False, None, None, None
        self._pace = None

    def answer(self, apdu: bytes) -> bytes:
        self.commands += 1
        if apdu[0] & 0x0C == 0x0C:
            return self._protected(apdu)
        self._session = None
        ins, p1 = apdu[1], apdu[2]
        data = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
        if ins == 0xA4 and p1 == 0x04:
            self._application = data == AID
            return b"\x90\x00" if self._application else b"\x6A\x82"
        if ins == 0xA4 and p1 == 0x00:
            self._application, self._file = False, None
            return b"\x90\x00"
        if ins == 0xA4 and p1 == 0x02:
            file_id = int.from_bytes(data[:2], "big")
            if file_id == CARD_ACCESS and self.card.pace_protocol and not self._application:
                self._file = card_access(self.card.pace_protocol, self.card.pace_parameter)
                return b"\x90\x00"
            return b"\x6A\x82"
        if ins == 0xB0 and self._file is not None and not self._application:
            return self._file[:apdu[4] or 256] + b"\x90\x00"
        if ins == 0x22 and self.card.pace_protocol:
            return self._set_pace(data)
        if ins == 0x86 and self._pace is not None:
            return self._general_authenticate(apdu[0], data)
        if not self._application:
            return b"\x69\x85"
        if ins == 0x84:
            if self.card.pace_protocol:
                return b"\x6D\x00"
            self._challenge = os.urandom(8)
            return self._challenge + b"\x90\x00"
        if ins == 0x82:
            return self._external_authenticate(data)
        return b"\x69\x82"

    def _set_pace(self, data: bytes) -> bytes:
        fields = {item.tag: item.value for item in children(data)}
        info = pace_info(card_access(self.card.pace_protocol or "", self.card.pace_parameter))
        if info is None or core.ObjectIdentifier(info.protocol).dump()[2:] != fields.get(0x80):
            return b"\x6A\x80"
        self._pace = _Pace(info, password_key(self.card.key, info.key_length))
        return b"\x90\x00"

    def _general_authenticate(self, cla: int, data: bytes) -> bytes:
        assert self._pace is not None
        template = read_tlv(data)
        inner = list(children(template.value))
        answer = self._pace.answer(inner[0] if inner else Tlv(0, b"", 0))
        if answer is None:
            self._pace = None
            return b"\x63\x00"
        if not cla & 0x10:
            self._session = (self._pace.enc_key, self._pace.mac_key)
            self._aes, self._counter, self._answers, self._pace = True, 0, 0, None
        return tlv(0x7C, answer) + b"\x90\x00"

    def _external_authenticate(self, data: bytes) -> bytes:
        keys = bac_keys(self.card.key)
        challenge, self._challenge = self._challenge, None
        if challenge is None or len(data) != 40 or mac(keys.mac_key, data[:32]) != data[32:]:
            return b"\x63\x00"
        plain = decrypt(keys.enc_key, data[:32])
        if plain[8:16] != challenge:
            return b"\x63\x00"
        card_key = os.urandom(16)
        answer = encrypt(keys.enc_key, challenge + plain[:8] + card_key)
        seed = bytes(a ^ b for a, b in zip(plain[16:32], card_key, strict=True))
        self._session = (derive_key(seed, ENCRYPTION), derive_key(seed, AUTHENTICATION))
        self._aes = False
        self._counter = int.from_bytes(challenge[4:] + plain[4:8], "big")
        self._answers = 0
        return answer + mac(keys.mac_key, answer) + b"\x90\x00"

    @property
    def _block(self) -> int:
        return 16 if self._aes else 8

    def _next(self) -> bytes:
        self._counter += 1
        return self._counter.to_bytes(self._block, "big")

    def _mac(self, mac_key: bytes, data: bytes) -> bytes:
        return aes_mac(mac_key, pad(data, 16)) if self._aes else mac(mac_key, data)

    def _encrypt(self, enc_key: bytes, counter: bytes, data: bytes) -> bytes:
        if self._aes:
            return aes_encrypt(enc_key, pad(data, 16), aes_encrypt(enc_key, counter))
        return encrypt(enc_key, pad(data))

    def _decrypt(self, enc_key: bytes, counter: bytes, data: bytes) -> bytes:
        if self._aes:
            return unpad(aes_decrypt(enc_key, data, aes_encrypt(enc_key, counter)))
        return unpad(decrypt(enc_key, data))

    def _protected(self, apdu: bytes) -> bytes:
        if self._session is None:
            return b"\x69\x82"
        enc_key, mac_key = self._session
        header, body = apdu[:4], apdu[5:5 + apdu[4]]
        objects, offset, checksum, covered_end = {}, 0, b"", 0
        while offset < len(body):
            tag, length = body[offset], body[offset + 1]
            value = body[offset + 2:offset + 2 + length]
            if tag == 0x8E:
                checksum, covered_end = value, offset
            objects[tag] = value
            offset += 2 + length
        counter = self._next()
        if self._mac(mac_key, counter + pad(header, self._block) + body[:covered_end]) != checksum:
            self._session = None
            return b"\x69\x88"
        data = self._decrypt(enc_key, counter, objects[0x87][1:]) if 0x87 in objects else b""
        le = objects[0x97][0] if 0x97 in objects else None
        plain, status = self._command(header, data, le)
        counter = self._next()
        answer = b""
        if plain:
            answer += tlv(0x87, b"\x01" + self._encrypt(enc_key, counter, plain))
        answer += tlv(0x99, status)
        checksum = self._mac(mac_key, counter + answer)
        self._answers += 1
        if self.card.bad_mac_after is not None and self._answers > self.card.bad_mac_after:
            checksum = bytes([checksum[0] ^ 0x01]) + checksum[1:]
        return answer + tlv(0x8E, checksum) + status

    def _command(self, header: bytes, data: bytes, le: int | None) -> tuple[bytes, bytes]:
        ins, p1, p2 = header[1], header[2], header[3]
        if ins == 0xA4 and p1 == 0x04:
            self._application = data == AID
            return b"", b"\x90\x00" if self._application else b"\x6A\x82"
        if ins == 0xA4 and p1 == 0x02:
            self._file = self.card.files.get(int.from_bytes(data[:2], "big"))
            return b"", b"\x90\x00" if self._file is not None else b"\x6A\x82"
        if ins == 0x88:
            if self.card.chip_key is None:
                return b"", b"\x6D\x00"
            return active_signature(self.card.chip_key, data[:8]), b"\x90\x00"
        if ins == 0xB0:
            self.read_commands += 1
            if self._file is None:
                return b"", b"\x69\x86"
            offset = p1 << 8 | p2
            if offset >= len(self._file):
                return b"", b"\x6B\x00"
            length = le or 256
            return self._file[offset:offset + length], b"\x90\x00"
        return b"", b"\x6D\x00"


class VirtualCard:
    """The chip laid on the virtual reader: a thread speaking vpcd's protocol until removed."""

    def __init__(self, chip: Chip, port: int) -> None:
        self.chip = chip
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=10)
        self._socket.settimeout(None)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _receive(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            # vpcd writes a frame's length and its payload apart: acknowledge at once, or the
            # payload waits for the delayed acknowledgement of the length (40 ms a command)
            if hasattr(socket, "TCP_QUICKACK"):
                self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = self._socket.recv(size - len(data))
            if not chunk:
                raise ConnectionError("reader gone")
            data += chunk
        return data

    def _serve(self) -> None:
        try:
            while True:
                payload = self._receive(int.from_bytes(self._receive(2), "big"))
                if len(payload) == 1:
                    if payload[0] == 4:
                        self._send(ATR)
                    else:
                        self.chip.reset()
                    continue
                self._send(self.chip.answer(payload))
        except (ConnectionError, OSError):
            return

    def _send(self, payload: bytes) -> None:
        self._socket.sendall(len(payload).to_bytes(2, "big") + payload)

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)
        self._socket.close()
        self._thread.join(10)
