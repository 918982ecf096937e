#!/usr/bin/env python3
"""The seeded random draw of real pages for the real gold set (tests/pages/real/gold/).

Draws 12 of the 31 provincial government work reports and 200 of the 1,423 days of 新闻联播
transcripts in ../shared/corpora, with one seed, and writes the manifest
tests/pages/real/gold/pages.json: doc_id -> the corpus file it refers to, relative to the
corpora folder (a member of the news tarball is written TARBALL/MEMBER).  The texts stay in
../shared; only this list and the annotations are committed.

usage: scripts/draw_real_gold.py [--corpora ../shared/corpora] [--write]
"""
import argparse, json, pathlib, random, tarfile

SEED = 20261201
N_REPORTS, N_DAYS = 12, 200
REPORTS = "gov-reports-2026"
NEWS = "xinwenlianbo-2022-2026.tar.gz"
HERE = pathlib.Path(__file__).resolve().parent.parent
MANIFEST = HERE / "tests" / "pages" / "real" / "gold" / "pages.json"


def draw(corpora: pathlib.Path) -> dict:
    reports = sorted(p.name for p in (corpora / REPORTS).glob("*.txt"))
    with tarfile.open(corpora / NEWS) as tar:
        days = sorted(m.name for m in tar.getmembers() if m.isfile() and m.name.endswith(".md"))
    # one generator per corpus, so adding pages to one draw never changes the other
    picked_reports = sorted(random.Random(SEED).sample(reports, N_REPORTS))
    picked_days = sorted(random.Random(SEED + 1).sample(days, N_DAYS))
    pages = {pathlib.Path(r).stem: f"{REPORTS}/{r}" for r in picked_reports}
    pages.update({pathlib.Path(d).stem: f"{NEWS}/{d}" for d in picked_days})
    return {"seed": SEED, "draw": f"random.Random({SEED}).sample(sorted {REPORTS}/*.txt, {N_REPORTS}); "
                                  f"random.Random({SEED + 1}).sample(sorted *.md members of {NEWS}, {N_DAYS})",
            "corpora": "../shared/corpora", "pages": pages}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=pathlib.Path, default=HERE.parent / "shared" / "corpora")
    ap.add_argument("--write", action="store_true", help=f"write {MANIFEST.relative_to(HERE)}")
    args = ap.parse_args()
    manifest = draw(args.corpora)
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    if args.write:
        MANIFEST.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
