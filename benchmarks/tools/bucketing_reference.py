#!/usr/bin/env python3
"""Independent reference implementation of ProgressiveDelivery's bucketing algorithms.

Pure Python 3 (standard library only). It shares no code with the C# implementation and is written from
the specification in docs/bucketing.md, so that the published test vectors can be regenerated (and the
algorithm re-implemented) in any language:

    python3 benchmarks/tools/bucketing_reference.py

prints, as markdown tables:
  1. MurmurHash3 x86_32 against well-known published vectors (and SMHasher's verification value),
     so this implementation is itself checked before it is trusted;
  2. the native bucketing vectors (salt, unit id) -> hash, bucket;
  3. the Microsoft.FeatureManagement-compatible vectors (context id) -> first 4 bytes of SHA-256, percentage.

Inputs are written as UTF-16 code units, exactly like C# string literals: "\\ud83d\\ude00" is one surrogate
pair (one emoji), a lone "\\ud800" is an unpaired surrogate, which encodes as U+FFFD.
"""

import hashlib
import struct
import sys

MASK32 = 0xFFFFFFFF
BUCKET_COUNT = 10_000
SEPARATOR = b"\xff"


def rotl32(value, count):
    return ((value << count) | (value >> (32 - count))) & MASK32


def murmur3_x86_32(data, seed=0):
    """MurmurHash3_x86_32 (Austin Appleby), over bytes, returning an unsigned 32-bit integer."""
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed & MASK32
    block_end = len(data) - (len(data) % 4)
    for offset in range(0, block_end, 4):
        k = struct.unpack_from("<I", data, offset)[0]
        k = (k * c1) & MASK32
        k = rotl32(k, 15)
        k = (k * c2) & MASK32
        h ^= k
        h = rotl32(h, 13)
        h = (h * 5 + 0xE6546B64) & MASK32
    tail = data[block_end:]
    if tail:
        k = 0
        for index, byte in enumerate(tail):
            k |= byte << (8 * index)
        k = (k * c1) & MASK32
        k = rotl32(k, 15)
        k = (k * c2) & MASK32
        h ^= k
    h ^= len(data) & MASK32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK32
    h ^= h >> 16
    return h


def utf8_from_utf16_units(units):
    """UTF-8 of a sequence of UTF-16 code units (a str whose characters are code units).

    A high surrogate followed by a low surrogate is one supplementary code point; any other surrogate is
    unpaired and becomes U+FFFD (EF BF BD), as .NET's Encoding.UTF8 and Utf8.FromUtf16 do.
    """
    out = bytearray()
    index = 0
    while index < len(units):
        unit = ord(units[index])
        if 0xD800 <= unit <= 0xDBFF and index + 1 < len(units) and 0xDC00 <= ord(units[index + 1]) <= 0xDFFF:
            code_point = 0x10000 + ((unit - 0xD800) << 10) + (ord(units[index + 1]) - 0xDC00)
            index += 2
        elif 0xD800 <= unit <= 0xDFFF:
            code_point = 0xFFFD
            index += 1
        else:
            code_point = unit
            index += 1
        out += chr(code_point).encode("utf-8")
    return bytes(out)


def native_input(salt, unit_id):
    return utf8_from_utf16_units(salt) + SEPARATOR + utf8_from_utf16_units(unit_id)


def native_hash(salt, unit_id):
    return murmur3_x86_32(native_input(salt, unit_id), 0)


def native_bucket(hash_value):
    return (hash_value * BUCKET_COUNT) >> 32


def fm_marker(context_id):
    """First 4 bytes of SHA-256 over UTF-8(context id), read little-endian."""
    digest = hashlib.sha256(utf8_from_utf16_units(context_id)).digest()
    return struct.unpack_from("<I", digest, 0)[0]


def fm_percentage(marker):
    # IEEE-754 double arithmetic, in the same order as Microsoft.FeatureManagement: (marker / uint.MaxValue) * 100.
    return (marker / float(MASK32)) * 100.0


def smhasher_verification():
    """SMHasher's VerificationTest for a 32-bit hash: published value 0xB0F57EE3 for MurmurHash3_x86_32."""
    collected = bytearray()
    for length in range(256):
        collected += struct.pack("<I", murmur3_x86_32(bytes(range(length)), 256 - length))
    return murmur3_x86_32(bytes(collected), 0)


# Published MurmurHash3_x86_32 vectors (input bytes, seed, expected), as found in many independent test suites.
PUBLISHED_MURMUR3 = [
    (b"", 0, 0x00000000),
    (b"", 1, 0x514E28B7),
    (b"", 0xFFFFFFFF, 0x81F16F39),
    (b"\xff\xff\xff\xff", 0, 0x76293B50),
    (b"\x21\x43\x65\x87", 0, 0xF55B516B),
    (b"\x21\x43\x65\x87", 0x5082EDEE, 0x2362F9DE),
    (b"\x21\x43\x65", 0, 0x7E4A8634),
    (b"\x21\x43", 0, 0xA0F7B07A),
    (b"\x21", 0, 0x72661CF4),
    (b"\x00\x00\x00\x00", 0, 0x2362F9DE),
    (b"\x00\x00\x00", 0, 0x85F0B427),
    (b"\x00\x00", 0, 0x30F4C306),
    (b"\x00", 0, 0x514E28B7),
    (b"a", 0, 0x3C2569B2),
    (b"abc", 0, 0xB3DD93FA),
    (b"abcd", 0, 0x43ED676A),
    (b"hello", 0, 0x248BFA47),
    (b"test", 0, 0xBA6BD213),
    (b"Hello, world!", 0, 0xC0363E43),
    (b"The quick brown fox jumps over the lazy dog", 0, 0x2E4FF723),
    (b"a", 0x9747B28C, 0x7FA09EA6),
    (b"aa", 0x9747B28C, 0x5D211726),
    (b"aaa", 0x9747B28C, 0x283E0130),
    (b"aaaa", 0x9747B28C, 0x5A97808A),
    (b"abc", 0x9747B28C, 0xC84A62DD),
    (b"abcd", 0x9747B28C, 0xF0478627),
    (b"Hello, world!", 0x9747B28C, 0x24884CBA),
    (b"The quick brown fox jumps over the lazy dog", 0x9747B28C, 0x2FA826CD),
]
SMHASHER_VERIFICATION = 0xB0F57EE3

EMOJI = "\ud83d\ude00"  # U+1F600, one surrogate pair
EURO = "\u20ac"  # 3 UTF-8 bytes

# Native bucketing vectors: (description, salt, unit id). Descriptions use C# expressions.
NATIVE_VECTORS = [
    ('empty salt, empty id', "", ""),
    ('empty id', "checkout", ""),
    ('ASCII', "checkout", "user-42"),
    ('ASCII, other salt', "new-search", "user-42"),
    ('separator: "a:b" + "c"', "a:b", "c"),
    ('separator: "a" + "b:c"', "a", "b:c"),
    ('Latin-1 "\\u00fc" (2 bytes)', "checkout", "\u00fc"),
    ('CJK "\\u7528\\u6237" (3 bytes each)', "checkout", "\u7528\u6237"),
    ('emoji "\\ud83d\\ude00" (4 bytes)', "checkout", EMOJI),
    ('unpaired high surrogate "a\\ud800b"', "checkout", "a\ud800b"),
    ('unpaired low surrogate "\\udc00"', "checkout", "\udc00"),
    ('salt ends "\\ud83d", id starts "\\ude00x" (two U+FFFD)', "checkout\ud83d", "\ude00x"),
    ('85 chars total (fast path, all ASCII)', "s" * 40, "u" * 45),
    ('id: new string(\'a\', 84) + emoji + new string(\'z\', 16): pair straddles the 85-char chunk',
     "checkout", "a" * 84 + EMOJI + "z" * 16),
    ('id: new string(\'a\', 84) + "\\ud800" + "b": unpaired high at a chunk end',
     "checkout", "a" * 84 + "\ud800" + "b"),
    ('id: 100 emoji (every chunk boundary inside a pair)', "checkout", EMOJI * 100),
    ('id: 84 euro + "\\u00e9" + emoji + "z": pair on UTF-8 bytes 254..257 of the id',
     "checkout", EURO * 84 + "\u00e9" + EMOJI + "z"),
    ('id: 170 euro signs (510 bytes)', "checkout", EURO * 170),
    ('ASCII, 512 input bytes in all', "checkout", "x" * 503),
    ('ASCII, 513 input bytes in all', "checkout", "x" * 504),
    ('id: new string(\'x\', 100_000)', "checkout", "x" * 100_000),
]

# Microsoft.FeatureManagement-compatible vectors: (description, context id).
FM_VECTORS = [
    ('IsInPercentage("user-42", "checkout")', "user-42\ncheckout"),
    ('IsInPercentage("", "checkout") (null user id)', "\ncheckout"),
    ('IsInPercentage("J\\u00fcrgen", "checkout")', "J\u00fcrgen\ncheckout"),
    ('IsInPercentage(emoji, "checkout")', EMOJI + "\ncheckout"),
    ('IsInPercentage("a\\ud800", "checkout") (U+FFFD)', "a\ud800\ncheckout"),
    ('IsInGroupPercentage("user-42", "checkout", "beta")', "user-42\ncheckout\nbeta"),
    ('GetAllocationPercentage("user-42", "checkout")', "user-42\nallocation\ncheckout"),
    ('GetPercentage("user-42", "my-seed") (allocation seed)', "user-42\nmy-seed"),
    ('IsInPercentage(new string(\'x\', 300), "checkout")', "x" * 300 + "\ncheckout"),
    ('IsInPercentage(new string(\'x\', 100_000), "checkout")', "x" * 100_000 + "\ncheckout"),
]


def show(units, limit=60):
    text = "".join(ch if 0x20 <= ord(ch) < 0x7F else "\\u%04x" % ord(ch) for ch in units)
    return text if len(text) <= limit else text[:limit] + "... (%d chars)" % len(units)


def main():
    failures = 0
    print("## MurmurHash3 x86_32 published vectors\n")
    print("| input (hex) | seed | expected | computed |")
    print("|---|---|---|---|")
    for data, seed, expected in PUBLISHED_MURMUR3:
        actual = murmur3_x86_32(data, seed)
        failures += actual != expected
        print("| `%s` | 0x%08X | 0x%08X | 0x%08X%s |" % (data.hex() or "(empty)", seed, expected, actual,
                                                      "" if actual == expected else " MISMATCH"))
    verification = smhasher_verification()
    failures += verification != SMHASHER_VERIFICATION
    print("\nSMHasher verification value: 0x%08X (published 0x%08X)\n" % (verification, SMHASHER_VERIFICATION))

    print("## Native bucketing vectors\n")
    print("| case | salt | unit id | UTF-8 input bytes | hash | bucket |")
    print("|---|---|---|---|---|---|")
    for description, salt, unit_id in NATIVE_VECTORS:
        data = native_input(salt, unit_id)
        hash_value = murmur3_x86_32(data, 0)
        print("| %s | `%s` | `%s` | %d | 0x%08X | %d |" % (description, show(salt), show(unit_id), len(data),
                                                        hash_value, native_bucket(hash_value)))

    print("\n## Microsoft.FeatureManagement-compatible vectors\n")
    print("| call | context id | marker (uint32) | percentage |")
    print("|---|---|---|---|")
    for description, context_id in FM_VECTORS:
        marker = fm_marker(context_id)
        print("| %s | `%s` | %d | %r |" % (description, show(context_id), marker,
                                          fm_percentage(marker)))

    if failures:
        print("\n%d published MurmurHash3 vector(s) do not match" % failures, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
