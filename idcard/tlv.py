"""BER-TLV as the chip's files and secure-messaging objects use it."""

from collections.abc import Iterator
from dataclasses import dataclass


class BadTlv(ValueError):
    """The bytes are not well-formed BER-TLV."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    end: int

    @property
    def constructed(self) -> bool:
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)


def read_tlv(data: bytes, offset: int = 0) -> Tlv:
    """The TLV at offset; `end` is the offset just after it."""
    try:
        tag = data[offset]
        offset += 1
        if tag & 0x1F == 0x1F:
            while True:
                tag = tag << 8 | data[offset]
                offset += 1
                if not data[offset - 1] & 0x80:
                    break
        length = data[offset]
        offset += 1
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 3:
                raise BadTlv(f"length of {count} bytes")
            length = int.from_bytes(data[offset:offset + count], "big")
            offset += count
    except IndexError:
        raise BadTlv("cut short") from None
    if offset + length > len(data):
        raise BadTlv("value cut short")
    return Tlv(tag, data[offset:offset + length], offset + length)


def header_size(data: bytes) -> tuple[int, int]:
    """From a file's first bytes: the size of its header and of its whole outer TLV."""
    tag_end = 1
    if data[0] & 0x1F == 0x1F:
        while data[tag_end] & 0x80:
            tag_end += 1
        tag_end += 1
    length = data[tag_end]
    if not length & 0x80:
        return tag_end + 1, tag_end + 1 + length
    count = length & 0x7F
    head = tag_end + 1 + count
    return head, head + int.from_bytes(data[tag_end + 1:head], "big")


def children(data: bytes) -> Iterator[Tlv]:
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):  # padding between objects
            offset += 1
            continue
        item = read_tlv(data, offset)
        yield item
        offset = item.end


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    size = (length.bit_length() + 7) // 8
    return bytes([0x80 | size]) + length.to_bytes(size, "big")


def tlv(tag: int, value: bytes) -> bytes:
    return tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big") + encode_length(len(value)) + value
