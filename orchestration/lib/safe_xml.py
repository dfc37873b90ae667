"""Reading publishers' XML safely, with errors an analyst can act on.

Every XML source (UN, OFAC SDN.XML / CONSOLIDATED.XML, EU FSF, UK FCDO) goes through defusedxml
with DTDs forbidden: none of these publishers ships one, so a file that declares a DOCTYPE or
entities is refused instead of expanded (billion laughs) or followed (external entities).
A damaged file is named with the line, the column and, where the bytes are at fault, the first
bad byte, so "re-download it" and "the publisher changed encoding" can be told apart.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString, errors as expat_errors

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml import ElementTree as SafeET

from orchestration.lib.errors import SourceFormatError

_ENCODING_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
# XML 1.0 allows only tab, LF and CR below U+0020; these bytes mean the same in any
# ASCII-compatible encoding, so they can be found before decoding.
_FORBIDDEN_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRUNCATION_HINT = "the file is empty or cut short (an interrupted download?)"
_EXPAT_HINTS = {
    expat_errors.codes[expat_errors.XML_ERROR_NO_ELEMENTS]: _TRUNCATION_HINT,
    expat_errors.codes[expat_errors.XML_ERROR_UNCLOSED_TOKEN]: _TRUNCATION_HINT,
    expat_errors.codes[expat_errors.XML_ERROR_PARTIAL_CHAR]: _TRUNCATION_HINT,
}


def peek_root(path: Path) -> Element | None:
    """The root element with its attributes, read from the first chunk only; None if not XML.

    A DOCTYPE stops the peek before any declaration in it is processed; its declared root name
    still tells what the file claims to be, and the full read then refuses it by name.
    """
    try:
        with open(path, "rb") as handle:
            for _event, element in SafeET.iterparse(handle, events=("start",), forbid_dtd=True):
                return element
    except DTDForbidden as declared:
        return Element(declared.name)
    except (ParseError, DefusedXmlException, OSError):
        return None
    return None


def read_root(path: Path, publisher: str) -> Element:
    """The whole document. ``publisher`` names whose file it is in a refusal ("the UN list")."""
    with _refusing(path, publisher), open(path, "rb") as handle:
        return SafeET.parse(handle, forbid_dtd=True).getroot()


def iter_events(path: Path, publisher: str, events: tuple[str, ...] = ("start", "end")) -> Iterator[tuple[str, Element]]:
    """(event, element) pairs streamed through the file, every failure an error naming it."""
    with _refusing(path, publisher), open(path, "rb") as handle:
        yield from SafeET.iterparse(handle, events=events, forbid_dtd=True)


@contextmanager
def _refusing(path: Path, publisher: str) -> Iterator[None]:
    try:
        yield
    except DTDForbidden as declared:
        raise SourceFormatError(
            path,
            f"the file declares a DTD (<!DOCTYPE {declared.name} ...>); {publisher} never has one, and "
            "DTDs are refused because their entities can expand to gigabytes or read other files",
        ) from None
    except DefusedXmlException as unsafe:
        raise SourceFormatError(
            path, f"the file uses entities or external references, refused for safety: {unsafe}"
        ) from None
    except ParseError as error:
        raise SourceFormatError(path, describe_parse_error(path, error)) from None
    except OSError as error:
        raise SourceFormatError(path, f"cannot read the file: {error.strerror or error}") from None


def describe_parse_error(path: Path, error: ParseError) -> str:
    """A plain-English reason for an expat error, naming the first bad byte when there is one."""
    line, column = error.position  # expat: 1-based line, 0-based column
    reason = f"not well-formed XML at line {line}, column {column + 1}: {ErrorString(error.code)}"
    hint = _EXPAT_HINTS.get(error.code)
    plain = reason + (f" — {hint}" if hint else "")
    try:
        data = path.read_bytes()
    except OSError:
        return plain
    if not _declares_utf8(data):
        return plain

    problems: list[tuple[int, str]] = []
    control = _FORBIDDEN_CONTROL.search(data)
    if control:
        byte = control.group()[0]
        problems.append((control.start(), f"control character 0x{byte:02X}, which XML does not allow,"))
    try:
        data.decode("utf-8")
        invalid_count = 0
    except UnicodeDecodeError as bad:
        problems.append((bad.start, f"invalid UTF-8 byte 0x{data[bad.start]:02X}"))
        replaced = data.decode("utf-8", errors="replace").count("\ufffd")
        invalid_count = replaced - data.count("\ufffd".encode())
    if not problems:
        return plain
    offset, what = min(problems)
    bad_line, bad_column = _position(data, offset)
    if bad_line > line:
        # The parser stopped earlier for another reason; the bytes are a second problem.
        return reason + f" (the file also has {what} at line {bad_line})"
    control_count = len(_FORBIDDEN_CONTROL.findall(data))
    tally = ", ".join(
        part
        for part in (
            _count(invalid_count, "invalid UTF-8 sequence"),
            _count(control_count, "forbidden control character"),
        )
        if part
    )
    return (
        f"not well-formed XML: {what} at line {bad_line}, column {bad_column} (byte offset {offset}) "
        f"— the file is damaged or in another encoding than the UTF-8 it declares ({tally} in all); "
        "it cannot be read without guessing, so nothing from it is loaded"
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as an editor shows them) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _declares_utf8(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    declared = _ENCODING_DECL.match(data.removeprefix(b"\xef\xbb\xbf")[:512])
    return declared is None or declared[1].lower().replace(b"_", b"-") in (b"utf-8", b"utf8")


def _count(number: int, noun: str) -> str:
    return "" if not number else f"{number:,} {noun}" + ("" if number == 1 else "s")
