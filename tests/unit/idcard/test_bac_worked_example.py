"""BAC and secure messaging against the worked example of ICAO 9303 part 11, appendix D."""

from datetime import date

from idcard.access_key import AccessKey, key_from_mrz
from idcard.bac import authentication_command, bac_keys, session_channel
from idcard.chip_crypto import encrypt, mac

KEY = AccessKey("L898902C", date(1969, 8, 6), date(1994, 6, 23))
RND_IC = bytes.fromhex("4608F91988702212")
RND_IFD = bytes.fromhex("781723860C06C226")
K_IFD = bytes.fromhex("0B795240CB7049B01C19B33E32804F0B")
K_IC = bytes.fromhex("0B4F80323EB3191CB04970CB4052790B")


def test_the_printed_key_gives_the_examples_seed_and_keys() -> None:
    assert KEY.mrz_information() == "L898902C<369080619406236"
    assert KEY.seed().hex().upper() == "239AB9CB282DAF66231DC5A4DF6BFBAE"
    keys = bac_keys(KEY)
    assert keys.enc_key.hex().upper() == "AB94FDECF2674FDFB9B391F85D7F76F2"
    assert keys.mac_key.hex().upper() == "7962D9ECE03D1ACD4C76089DCE131543"


def test_the_mrz_of_the_example_document_gives_the_same_key() -> None:
    mrz = ("I<UTOL898902C<3<<<<<<<<<<<<<<<"
           "6908061F9406236UTO<<<<<<<<<<<2"
           "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
    assert key_from_mrz(mrz).mrz_information() == KEY.mrz_information()


def test_mutual_authentication_gives_the_examples_command_and_session_keys() -> None:
    keys = bac_keys(KEY)
    command = authentication_command(keys, RND_IC, RND_IFD, K_IFD)
    assert command[5:45].hex().upper() == (
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7")
    cryptogram = encrypt(keys.enc_key, RND_IC + RND_IFD + K_IC)
    answer = cryptogram + mac(keys.mac_key, cryptogram)
    assert answer.hex().upper() == (
        "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
    channel = session_channel(keys, answer, RND_IC, RND_IFD, K_IFD)
    assert channel.enc_key.hex().upper() == "979EC13B1CBFE9DCD01AB0FED307EAE5"
    assert channel.mac_key.hex().upper() == "F1CB1F1FB5ADF208806B89DC579DC1F8"
    assert channel.counter == 0x887022120C06C226


def test_a_protected_select_and_its_answer_match_the_example() -> None:
    channel = session_channel(*_example_session())
    protected = channel.protect(bytes.fromhex("00A4020C02011E"))
    assert protected.hex().upper() == "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"
    data, status = channel.unprotect(bytes.fromhex("990290008E08FA855A5D4C50A8ED9000"))
    assert (data, status) == (b"", 0x9000)


def _example_session() -> tuple[object, ...]:
    keys = bac_keys(KEY)
    cryptogram = encrypt(keys.enc_key, RND_IC + RND_IFD + K_IC)
    return keys, cryptogram + mac(keys.mac_key, cryptogram), RND_IC, RND_IFD, K_IFD
