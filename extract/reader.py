"""Reading pages from disk: encodings, folders, archives, stdin, and bad files reported (not raised).

Pages come as UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM.  A file that is
binary or decodes as none of these is reported with its reason and skipped.  Text pages are
.txt and .md files (a Markdown page is a page: its markup is removed in normalisation); a tar
archive (.tar, .tar.gz, .tgz) is read member by member, in one pass, without unpacking it.
"""
from __future__ import annotations

import codecs
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

PAGE_SUFFIXES = (".txt", ".md")
FORMAT_SUFFIXES = (".html", ".htm", ".pdf")  # read by extract/html.py and extract/pdf.py (optional extras)
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")


class PageError(Exception):
    """A page that cannot be read; str() is one line naming the file and the reason."""


@dataclass
class Page:
    """A page as read: its text (offsets of records point into it) and what its file says of it.

    `title` and `date` come from a format's own metadata (an HTML <title>, a published-time
    meta tag), `page_starts` from a PDF: the text offset where each PDF page begins."""

    doc_id: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None
    page_starts: list[int] | None = None


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


def is_archive(path: Path | str) -> bool:
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def split_archive_ref(ref: str) -> tuple[str, str] | None:
    """'corpus.tar.gz/news/20240208.md' -> ('corpus.tar.gz', 'news/20240208.md'); None for a plain path."""
    for suffix in ARCHIVE_SUFFIXES:
        cut = ref.find(suffix + "/")
        if cut > 0:
            return ref[:cut + len(suffix)], ref[cut + len(suffix) + 1:]
    return None


def archive_pages(path: Path | str, wanted: Iterable[str] | None = None) -> Iterator[Page | PageError]:
    """The text pages inside a tar archive, in archive order (one sequential pass: a .tar.gz
    cannot be read at random without decompressing up to each member).  `wanted`: member
    names to keep (the rest are skipped unread)."""
    keep = set(wanted) if wanted is not None else None
    try:
        tar = tarfile.open(path)
    except (OSError, tarfile.TarError) as err:
        yield PageError(f"{path}: cannot read the archive ({err})")
        return
    with tar:
        try:
            for member in tar:
                if not member.isfile() or not member.name.lower().endswith(PAGE_SUFFIXES):
                    continue
                if keep is not None and member.name not in keep:
                    continue
                ref = f"{path}/{member.name}"
                try:
                    text, encoding = decode(tar.extractfile(member).read(), ref)
                except PageError as err:
                    yield err
                    continue
                yield Page(Path(member.name).stem, text, ref, encoding)
        except (OSError, tarfile.TarError, EOFError) as err:
            yield PageError(f"{path}: archive is damaged ({err})")


def read_page(path: Path | str) -> Page:
    """One page file, or one member of an archive named ARCHIVE/MEMBER."""
    inside = split_archive_ref(str(path))
    if inside is not None and not Path(path).exists():
        archive, member = inside
        for page in archive_pages(archive, [member]):
            if isinstance(page, PageError):
                raise page
            return page
        raise PageError(f"{path}: no page {member} in {archive}")
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise PageError(f"{path}: cannot read ({err.strerror or err})") from None
    return page_from_bytes(data, str(path), page_format(path))


def page_format(path: Path | str) -> str:
    """'html', 'pdf' or 'text', from the file's suffix."""
    suffix = Path(path).suffix.lower()
    return "html" if suffix in (".html", ".htm") else "pdf" if suffix == ".pdf" else "text"


def page_from_bytes(data: bytes, name: str, fmt: str = "text", doc_id: str | None = None) -> Page:
    """A page's bytes in a format (text, html, pdf) -> Page; html and pdf load their module only here."""
    doc_id = doc_id or Path(name).stem
    if fmt == "html":
        from .html import read_html

        return read_html(data, name, doc_id)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name, doc_id)
    text, encoding = decode(data, name)
    return Page(doc_id, text, name, encoding)


def discover(paths: list[str]) -> Iterator[Path | str | Page | PageError]:
    """Files named, the .txt/.md/.html/.pdf pages of folders named (sorted), the pages of an archive named,
    or '-' for stdin; errors in line."""
    for arg in paths:
        if arg == "-":
            yield "-"
            continue
        path = Path(arg)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES + FORMAT_SUFFIXES
                           and p.is_file())
            if not pages:
                yield PageError(f"{path}: folder holds no .txt, .md, .html or .pdf pages")
            yield from pages
        elif path.is_file() and is_archive(path):
            yield from archive_pages(path)
        elif path.is_file():
            yield path
        else:
            yield PageError(f"{path}: no such file or folder")
