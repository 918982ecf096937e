"""Regenerate rules/gazetteer/places.txt from the admin-division table shipped in the cpca wheel.

Why a script: the gazetteer is data the pipeline reads at run time, so it lives in rules/ and is
committed; this records where it came from.  Run once, offline, after `pip download cpca`:

    python scripts/build_gazetteer.py path/to/cpca-*.whl > rules/gazetteer/places.txt
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile

SUFFIXES = ("自治州", "自治县", "地区", "新区", "省", "市", "区", "县", "旗", "盟")


def short_form(name: str) -> str | None:
    """东城区 -> 东城: the short form newspapers use ("城阳", "平度"); None if too short."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        rows = csv.DictReader(io.TextIOWrapper(zf.open("cpca/resources/adcodes.csv"), "utf-8"))
        names = {row["name"] for row in rows}
    print("# name<TAB>kind  (full: official name; short: the name without its suffix)")
    for name in sorted(names):
        print(f"{name}\tfull")
    for short in sorted({s for n in names if (s := short_form(n))} - names):
        print(f"{short}\tshort")


if __name__ == "__main__":
    main(sys.argv[1])
