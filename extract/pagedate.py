"""The page's date: from its own dateline or masthead, else its file name or path, else the caller.

今年/去年/明年 resolve against it, so it must be the date the page was written, not a year the
page happens to name most often (a January page reviewing last year names last year most).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_HEAD = 1500  # a page's own date stands in its opening lines (masthead, title, dateline)
# In the text: （《新闻联播》 20240208 19:00） / # 《新闻联播》 (20240208); 2024年2月8日 星期四;
# ——2026年1月27日在…会议上; 时间：2026-02-01; 发布时间：2024-02-03 10:00.
_TEXT_DATES = [
    re.compile(r"《新闻联播》\s*[（(]?\s*((?:19|20)\d{2})(\d{2})(\d{2})"),
    re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日\s*(?:星期|周)[一二三四五六日天]"),
    re.compile(r"^\s*[—―－（(-]{0,2}\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日(?:在|，在)", re.M),  # a speech's date line
    re.compile(r"(?:发布)?(?:时间|日期)[：:]\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})"),
    re.compile(r"^\s*((?:19|20)\d{2})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?\s+\d{1,2}(?::|时)\d{2}", re.M),  # a portal's timestamp
]
# In a path: 2020-05-11_p18.txt, 20240208.md, 20240203_03.html, 2024/02/03/page.txt, 2026_山东省.txt
_PATH_DATES = [
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-_/.](\d{1,2})[-_/.](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
]
_PATH_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CALLER = re.compile(r"((?:19|20)\d{2})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class PageDate:
    """A page date as precise as it is known: year, maybe month, maybe day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(y: str, m: str | None, d: str | None) -> PageDate | None:
    try:
        if m and d:
            dt.date(int(y), int(m), int(d))
        elif m and not 1 <= int(m) <= 12:
            return None
    except ValueError:
        return None
    return PageDate(int(y), int(m) if m else None, int(d) if d else None)


def date_in_text(text: str) -> PageDate | None:
    head = text[:_HEAD]
    for pattern in _TEXT_DATES:
        for m in pattern.finditer(head):
            found = _valid(*m.groups())
            if found:
                return found
    return None


def date_in_path(path: str | None) -> PageDate | None:
    """A date in the file name, else in the folders above it (news/2024/02/03/page.txt)."""
    if not path:
        return None
    name = re.split(r"[\\/]", path)[-1]
    for where in (name, path):
        for pattern in _PATH_DATES:
            for m in pattern.finditer(where):
                found = _valid(*m.groups())
                if found:
                    return found
    m = _PATH_YEAR.search(name)
    return PageDate(int(m.group(1))) if m else None


def date_from_caller(value: str | int | None) -> PageDate | None:
    """--date / date=: 2024-02-08, 2024-02 or a bare year."""
    if value is None:
        return None
    m = _CALLER.fullmatch(str(value).strip())
    if not m:
        raise ValueError(f"date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    found = _valid(*m.groups())
    if found is None:
        raise ValueError(f"date {value!r}: not a calendar date")
    return found


def page_date_of(text: str, path: str | None = None, caller: str | int | None = None) -> PageDate | None:
    """The page's own dateline or masthead, else its path, else the caller's date."""
    return date_in_text(text) or date_in_path(path) or date_from_caller(caller)
