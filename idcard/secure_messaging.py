"""Secure messaging after BAC (3DES, retail MAC) or PACE (AES, CMAC): each command encrypted and
MACed with the session keys and the send-sequence counter, each response's MAC checked before its
data is believed."""

from dataclasses import dataclass

from idcard.chip_crypto import (
    aes_decrypt,
    aes_encrypt,
    aes_mac,
    decrypt,
    encrypt,
    mac,
    pad,
    unpad,
)
from idcard.tlv import BadTlv, children, tlv


class BadMac(Exception):
    """A response whose MAC does not match: the data cannot be trusted."""


@dataclass
class SecureChannel:
    enc_key: bytes
    mac_key: bytes
    counter: int
    aes: bool = False

    @property
    def _block(self) -> int:
        return 16 if self.aes else 8

    def _next_counter(self) -> bytes:
        self.counter = (self.counter + 1) % (1 << (8 * self._block))
        return self.counter.to_bytes(self._block, "big")

    def _pad(self, data: bytes) -> bytes:
        return pad(data, self._block)

    def _mac(self, data: bytes) -> bytes:
        return aes_mac(self.mac_key, self._pad(data)) if self.aes else mac(self.mac_key, data)

    def _iv(self, counter: bytes) -> bytes:
        return aes_encrypt(self.enc_key, counter)

    def _encrypt(self, counter: bytes, data: bytes) -> bytes:
        if self.aes:
            return aes_encrypt(self.enc_key, self._pad(data), self._iv(counter))
        return encrypt(self.enc_key, pad(data))

    def _decrypt(self, counter: bytes, data: bytes) -> bytes:
        if self.aes:
            return unpad(aes_decrypt(self.enc_key, data, self._iv(counter)))
        return unpad(decrypt(self.enc_key, data))

    def protect(self, command: bytes) -> bytes:
        """A plain short APDU (CLA INS P1 P2 [Lc data] [Le]) as a protected one."""
        header = bytes([command[0] | 0x0C]) + command[1:4]
        body = command[4:]
        data, le = b"", None
        if len(body) == 1:
            le = body[0]
        elif body:
            data = body[1:1 + body[0]]
            if len(body) > 1 + body[0]:
                le = body[1 + body[0]]
        counter = self._next_counter()
        objects = b""
        if data:
            objects += tlv(0x87, b"\x01" + self._encrypt(counter, data))
        if le is not None:
            objects += tlv(0x97, bytes([le]))
        checksum = self._mac(counter + self._pad(header) + objects)
        objects += tlv(0x8E, checksum)
        return header + bytes([len(objects)]) + objects + b"\x00"

    def unprotect(self, response: bytes) -> tuple[bytes, int]:
        """The response's plain data and status word; BadMac when it was not the chip's."""
        body, status = response[:-2], int.from_bytes(response[-2:], "big")
        counter = self._next_counter()
        if not body:
            return b"", status
        try:
            objects = {item.tag: item for item in children(body)}
        except BadTlv:
            raise BadMac("malformed protected response") from None
        if 0x8E not in objects:
            raise BadMac("response without a MAC")
        checksum = objects[0x8E]
        covered = body[:checksum.end - len(checksum.value) - 2]
        if self._mac(counter + covered) != checksum.value:
            raise BadMac("the response's MAC does not match")
        if 0x99 in objects:
            status = int.from_bytes(objects[0x99].value, "big")
        data = b""
        if 0x87 in objects:
            cipher = objects[0x87].value
            if not cipher or cipher[0] != 0x01:
                raise BadMac("unknown padding indicator")
            try:
                data = self._decrypt(counter, cipher[1:])
            except ValueError:
                raise BadMac("the response's data do not decrypt") from None
        return data, status
