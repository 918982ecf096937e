"""Regenerate rules/gazetteer/places.txt from the admin-division table shipped in the cpca wheel.

Why a script: the gazetteer is data the pipeline reads at run time, so it lives in rules/ and is
committed; this records where it came from.  Run once, offline, after `pip download cpca`:

    python scripts/build_gazetteer.py path/to/cpca-*.whl > rules/gazetteer/places.txt
"""
from __future__ import annotations

import csv
import io
import re
import sys
import zipfile

SUFFIXES = ("自治州", "自治县", "地区", "新区", "省", "市", "区", "县", "旗", "盟")


def short_form(name: str) -> str | None:
    """东城区 -> 东城: the short form newspapers use ("城阳", "平度"); None if too short.
    An autonomous region drops its people too: 广西壮族自治区 -> 广西, 西藏自治区 -> 西藏."""
    region = re.match(r"^(.{2,3}?)(?:[\u4e00-\u9fff]{1,4}?族|维吾尔)*自治区$", name)
    if region:
        return region.group(1)
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def everyday_form(name: str) -> str | None:
    """秀山土家族苗族自治县 -> 秀山县: the name newspapers use for an autonomous county or prefecture."""
    m = re.match(r"^(.{2,3}?)(?:[\u4e00-\u9fff]{1,4}?族)+自治(县|州|旗)$", name)
    return m.group(1) + m.group(2) if m else None


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        rows = csv.DictReader(io.TextIOWrapper(zf.open("cpca/resources/adcodes.csv"), "utf-8"))
        names = {row["name"] for row in rows}
    print("# name<TAB>kind  (full: official name; short: the name without its suffix)")
    everyday = {e for n in names if (e := everyday_form(n))} - names
    for name in sorted(names | everyday):
        print(f"{name}\tfull")
    for short in sorted({s for n in names | everyday if (s := short_form(n))} - names - everyday):
        print(f"{short}\tshort")


if __name__ == "__main__":
    main(sys.argv[1])
