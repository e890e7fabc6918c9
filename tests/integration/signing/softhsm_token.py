"""A real PKCS#11 token for the tests: SoftHSM2 with a key and a certificate the tests make.

SoftHSM reads its configuration once per process, when the library is first loaded, so one token
folder serves the whole test run.
"""

import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pkcs11 import Attribute, CertificateType, ObjectClass

from tests.machine import need, need_program

TOKEN_LABEL = "UBND-xa-Thu-Nghiem"
KEY_LABEL = "ky-so-co-quan"
PIN = "246810"
SO_PIN = "13579135"
SIGNER_NAME = "Nguyễn Văn Ký"
AGENCY_NAME = "UBND xã Thử Nghiệm"
MODULE_PLACES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")


@dataclass(frozen=True)
class SoftToken:
    module: str
    token: str
    key: str
    pin: str
    serial: int


def _self_signed(key: rsa.RSAPrivateKey) -> x509.Certificate:
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, AGENCY_NAME),
        x509.NameAttribute(NameOID.COMMON_NAME, SIGNER_NAME),
    ])
    now = datetime.datetime.now(datetime.UTC)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                           critical=True)
            .sign(key, hashes.SHA256()))


def make_token(folder: Path) -> SoftToken:
    """A fresh token in `folder`: SOFTHSM2_CONF points this process (and its children) at it."""
    util = need_program("softhsm2-util")
    module = next((place for place in MODULE_PLACES if Path(place).is_file()), None)
    need(module is not None, "SoftHSM2's PKCS#11 library is not installed")
    assert module is not None
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run([util, "--init-token", "--free", "--label", TOKEN_LABEL, "--so-pin", SO_PIN,
                    "--pin", PIN], check=True, capture_output=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = _self_signed(key)
    pem = folder / "key.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    subprocess.run([util, "--import", str(pem), "--token", TOKEN_LABEL, "--label", KEY_LABEL,
                    "--id", "01", "--pin", PIN], check=True, capture_output=True)
    pem.unlink()
    token = pkcs11.lib(module).get_token(token_label=TOKEN_LABEL)
    with token.open(user_pin=PIN, rw=True) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True,
            Attribute.LABEL: KEY_LABEL,
            Attribute.ID: b"\x01",
            Attribute.SUBJECT: certificate.subject.public_bytes(),
            Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
        })
    return SoftToken(module, TOKEN_LABEL, KEY_LABEL, PIN, certificate.serial_number)


_THIS_RUN: list[SoftToken] = []


def token_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> SoftToken:
    """One token for every test of a run: SoftHSM2 reads SOFTHSM2_CONF once, when this process
    first loads its library, so a second token made later would not be seen."""
    if not _THIS_RUN:
        _THIS_RUN.append(make_token(tmp_path_factory.mktemp("softhsm")))
    return _THIS_RUN[0]
