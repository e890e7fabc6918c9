"""PACE's generic mapping against the ECDH worked example of ICAO 9303 part 11, appendix G
(brainpoolP256r1, AES-128), and the curve arithmetic against the cryptography library."""

from datetime import date

from cryptography.hazmat.primitives.asymmetric import ec

from idcard.access_key import AccessKey
from idcard.chip_crypto import aes_decrypt, derive_aes_key
from idcard.elliptic_curve import BRAINPOOL_P256, NIST_P256
from idcard.pace import mapped_generator, pace_info, password_key, session_secret, token

PROTOCOL = "0.4.0.127.0.7.2.2.4.2.2"
CURVE = BRAINPOOL_P256


def point(text: str) -> tuple[int, int]:
    return CURVE.decode(bytes.fromhex(text.replace(" ", "")))


def test_the_curves_multiply_as_the_library_does() -> None:
    secret = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
    for curve, named in ((NIST_P256, ec.SECP256R1()), (BRAINPOOL_P256, ec.BrainpoolP256R1())):
        public = ec.derive_private_key(secret, named).public_key().public_numbers()
        assert curve.multiply(secret, curve.generator) == (public.x, public.y)


def test_ef_card_access_names_the_protocol_and_curve() -> None:
    info = pace_info(bytes.fromhex("3114301206" "0A04007F0007020204020202010202010D"))
    assert info is not None
    assert (info.protocol, info.parameter_id, info.key_length) == (PROTOCOL, 13, 16)
    assert pace_info(bytes.fromhex("3114301206" "0A04007F0007020204010202010202010D")) is None


def test_the_password_and_nonce_of_the_example() -> None:
    key = AccessKey("T22000129", date(1964, 8, 12), date(2010, 10, 31))
    assert key.mrz_information() == "T22000129364081251010318"
    k_pi = password_key(key, 16)
    assert k_pi.hex().upper() == "89DED1B26624EC1E634C1989302849DD"
    nonce = aes_decrypt(k_pi, bytes.fromhex("95A3A016522EE98D01E76CB6B98B42C3"))
    assert nonce.hex().upper() == "3F00C4D39D153F2B2A214A078D899B22"


def test_the_mapping_key_agreement_and_tokens_of_the_example() -> None:
    terminal = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
    assert CURVE.encode(CURVE.multiply(terminal, CURVE.generator)).hex().upper() == (
        "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
        "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D")
    chip_mapping = point("04 824FBA91 C9CBE26B EF53A0EB E7342A3B F178CEA9 F45DE0B7 0AA60165 1FBA3F57"
                         " 30D8C879 AAA9C9F7 3991E61B 58F4D52E B87A0A0C 709A49DC 63719363 CCD13C54")
    generator = mapped_generator(CURVE, 0x3F00C4D39D153F2B2A214A078D899B22, terminal, chip_mapping)
    assert CURVE.encode(generator).hex().upper() == (
        "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
        "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522")

    ephemeral = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
    own_public = CURVE.encode(CURVE.multiply(ephemeral, generator))
    assert own_public.hex().upper() == (
        "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
        "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462")
    chip_public = bytes.fromhex(
        "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
        "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094")
    secret = session_secret(CURVE, ephemeral, CURVE.decode(chip_public))
    assert secret.hex().upper() == "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"
    mac_key = derive_aes_key(secret, 2, 16)
    assert derive_aes_key(secret, 1, 16).hex().upper() == "F5F0E35C0D7161EE6724EE513A0D9A7F"
    assert mac_key.hex().upper() == "FE251C7858B356B24514B3BD5F4297D1"
    assert token(mac_key, PROTOCOL, chip_public).hex().upper() == "C2B0BD78D94BA866"
    assert token(mac_key, PROTOCOL, own_public).hex().upper() == "3ABB9674BCE93C08"
