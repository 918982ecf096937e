"""Reading pages from disk: encodings, folders, stdin, and bad files reported (not raised).

Pages come as UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM.  A file that is
binary or decodes as none of these is reported with its reason and skipped.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


class PageError(Exception):
    """A page that cannot be read; str() is one line naming the file and the reason."""


@dataclass
class Page:
    doc_id: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Bytes -> (text, encoding).  BOMs first, then UTF-8, then GB18030; binary is refused."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                     (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if data.startswith(bom) and not (bom == codecs.BOM_UTF16_LE and data.startswith(codecs.BOM_UTF32_LE)):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as err:
                raise PageError(f"{name}: starts with a {enc} byte-order mark but is not {enc} ({err.reason} at byte {err.start})") from None
    if not data:
        return "", "utf-8"
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 10:
        raise PageError(f"{name}: binary file (NUL bytes), not a text page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as err:
        raise PageError(f"{name}: not UTF-8, UTF-16 or GB18030 text (bad byte at {err.start})") from None
    cjk = sum(1 for ch in text[:5000] if "\u4e00" <= ch <= "\u9fff")
    controls = sum(1 for ch in text[:5000] if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > 50 or (cjk == 0 and len(text) > 200):
        raise PageError(f"{name}: binary file, not a text page")
    return text, "gb18030"


def read_page(path: Path | str) -> Page:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise PageError(f"{path}: cannot read ({err.strerror or err})") from None
    text, encoding = decode(data, str(path))
    return Page(path.stem, text, str(path), encoding)


def discover(paths: list[str]) -> Iterator[Path | str | PageError]:
    """Files named, the .txt pages of folders named (sorted), or '-' for stdin; errors in line."""
    for arg in paths:
        if arg == "-":
            yield "-"
            continue
        path = Path(arg)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not pages:
                yield PageError(f"{path}: folder holds no .txt pages")
            yield from pages
        elif path.is_file():
            yield path
        else:
            yield PageError(f"{path}: no such file or folder")
