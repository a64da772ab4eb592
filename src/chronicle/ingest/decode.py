"""Bytes to text: binary detection, encoding detection (charset-normalizer), mojibake repair (ftfy)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from chronicle.errors import RejectedInput

_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A well-formed UTF-8 multi-byte sequence (2 to 4 bytes).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class DecodedText:
    """Decoded text, the encoding used and whether mojibake was repaired."""

    text: str
    encoding: str
    repaired: bool


def decode_payload(payload: bytes, declared: str | None = None, *, repair: bool = True) -> DecodedText:
    """Decode an article's bytes into clean Unicode text.

    UTF-8 is tried first; a file that is mostly UTF-8 but damaged is refused rather than guessed;
    otherwise a declared charset (from HTML or HTTP headers) and then charset-normalizer decide.
    Mojibake (UTF-8 read as cp1252 and similar) is repaired with ftfy when ftfy's badness check
    finds any (``repair=False`` skips this); curly quotes are kept.

    Raises:
        RejectedInput: ``empty``, ``binary``, ``invalid-utf8`` or ``undecodable``.
    """
    if not payload.strip():
        raise RejectedInput("empty", "the input is empty (no text at all)")
    for magic, what in _BINARY_MAGIC:
        if payload.startswith(magic):
            raise RejectedInput("binary", f"the input is binary data ({what}), not text")
    text, encoding = _decode(payload, declared)
    controls = len(_CONTROL.findall(text[:20000]))
    if controls > max(8, len(text[:20000]) // 100):
        raise RejectedInput("binary", f"the input is binary data ({controls} control characters), not text")
    if not repair or not is_bad(text):
        return DecodedText(text, encoding, False)
    fixed = ftfy.fix_text(text, config=_FTFY_CONFIG)
    return DecodedText(fixed, encoding, fixed != text)


def _decode(payload: bytes, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if payload.startswith(bom):
            try:
                return payload.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise RejectedInput("undecodable", f"the input starts with a {encoding} mark but is not {encoding}") from exc
    if b"\x00" in payload[:4096]:
        raise RejectedInput("binary", "the input is binary data (it contains NUL bytes), not text")
    try:
        return payload.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(payload):
            raise RejectedInput(
                "invalid-utf8",
                f"the input is UTF-8 but damaged: invalid byte {payload[exc.start]:#04x} at offset {exc.start}",
            ) from exc
    if declared:
        try:
            return payload.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    matches = list(charset_normalizer.from_bytes(payload))
    if not matches or matches[0].chaos > 0.3:
        raise RejectedInput("undecodable", "the input is not UTF-8 and no other text encoding fits it")
    best = matches[0]
    # Single-byte encodings often tie; English news is far more often Western European (cp1252)
    # than Central European (cp1250), so a Western candidate that fits as well wins the tie.
    western = next((m for m in matches if m.encoding in _WESTERN), None)
    if western is not None and western.chaos <= best.chaos and western.coherence >= best.coherence:
        best = western
    return str(best), best.encoding
