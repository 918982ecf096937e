"""Benchmark: throughput and memory of `extract run`, against plain jieba.lcut, in one run.

    python bench/bench.py            # builds bench/corpus/ (~20 MB from data/raw), prints the table

Prints MB/s of `extract run` with 1 and 2 jobs, MB/s of jieba.lcut over every line of the same
corpus, their ratios, peak RSS at 5 MB and 20 MB, the wall time of one page, and the segmenter
comparison (rjieba vs jieba) on the 5 MB corpus, and where the time goes stage by stage.  Ratios
are measured in this run, on this machine; nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
EXTRACT = [sys.executable, "-m", "extract"]


def build_corpus(target_mb: float, folder: Path) -> tuple[list[Path], int]:
    """Copies of the seed pages under new names until the folder holds target_mb megabytes."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    pages = sorted(RAW.glob("*.txt"))
    size, k, files = 0, 0, []
    while size < target_mb * 1e6:
        page = pages[k % len(pages)]
        path = folder / f"{k:06d}_{page.name}"
        data = page.read_bytes()
        path.write_bytes(data)
        files.append(path)
        size += len(data)
        k += 1
    return files, size


def run_extract(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one `extract run` child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(EXTRACT + ["run", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0, 2):
        raise SystemExit(f"extract run failed: {err[-500:]}")
    return elapsed, usage.ru_maxrss


def jieba_lcut_rate(files: list[Path], size: int) -> float:
    """MB/s of jieba.lcut over every line of the corpus (dictionary loaded before timing)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    start = time.perf_counter()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            jieba.lcut(line)
    return size / 1e6 / (time.perf_counter() - start)


STAGES = {  # label -> the pipeline function that does the stage (all called from extract_text)
    "normalise lines": "normalize",
    "split sentences": "units_of",
    "rules (regex at anchors)": "find_candidates",
    "selection": "choose",
    "records (actor, year, modality, period)": "build_records",
}


def stage_split(files: list[Path]) -> tuple[float, list[tuple[str, float]]]:
    """(total s/MB, [(stage, s/MB)]) of extract_text in this process over the given pages: where
    the time goes, so a change can be aimed at the stage that costs most."""
    from extract import pipeline
    from extract.reader import read_page

    spent = dict.fromkeys(STAGES, 0.0)

    def timed(label: str, fn):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start
        return run

    originals = {name: getattr(pipeline, name) for name in STAGES.values()}
    pages = [read_page(f) for f in files]
    pipeline.extract_text(pages[0].text, reload_rules=False)  # load rules, dictionaries and cn2an first
    try:
        for label, name in STAGES.items():
            setattr(pipeline, name, timed(label, originals[name]))
        start = time.perf_counter()
        for page in pages:
            pipeline.extract_text(page.text, page.doc_id, reload_rules=False)
        total = time.perf_counter() - start
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)
    mb = sum(len(p.text.encode("utf-8")) for p in pages) / 1e6
    rows = [(label, spent[label] / mb) for label in STAGES]
    rows.append(("other (page scans, enumerations, loop)", (total - sum(spent.values())) / mb))
    return total / mb, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the large corpus (default 20)")
    ap.add_argument("--small-mb", type=float, default=5.0, help="size of the small corpus (default 5)")
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    a = ap.parse_args()

    big_files, big = build_corpus(a.mb, a.corpus / "large")
    small_files, small = build_corpus(a.small_mb, a.corpus / "small")
    out = Path(tempfile.mkdtemp()) / "records.jsonl"
    print(f"corpus: {big / 1e6:.1f} MB in {len(big_files)} pages; {small / 1e6:.1f} MB in {len(small_files)} pages")

    one_page, _ = run_extract([str(RAW / "000_91750d39516a2c33.txt"), "-o", str(out)])
    # jieba.lcut is timed before and after the runs and averaged: a virtual machine's speed drifts
    # over minutes, and a ratio of two numbers taken at different moments drifts with it.
    jieba_before = jieba_lcut_rate(big_files, big)
    t1, _ = run_extract([str(a.corpus / "large"), "--jobs", "1", "-o", str(out)])
    t2, _ = run_extract([str(a.corpus / "large"), "--jobs", "2", "-o", str(out)])
    jieba_after = jieba_lcut_rate(big_files, big)
    rate_jieba = (jieba_before + jieba_after) / 2
    _, rss_small = run_extract([str(a.corpus / "small"), "--jobs", "1", "-o", str(out)])
    _, rss_big = run_extract([str(a.corpus / "large"), "--jobs", "1", "-o", str(out)])
    seg = {}
    for name in ("rjieba", "jieba"):
        t, _ = run_extract([str(a.corpus / "small"), "--segmenter", name, "-o", str(out)])
        seg[name] = small / 1e6 / t

    r1, r2 = big / 1e6 / t1, big / 1e6 / t2
    growth = (rss_big - rss_small) / rss_small
    rows = [
        ("extract run --jobs 1", f"{r1:.2f} MB/s", f"{r1 / rate_jieba:.2f}x jieba.lcut", "goal >= 3x"),
        ("extract run --jobs 2", f"{r2:.2f} MB/s", f"{r2 / rate_jieba:.2f}x jieba.lcut", f"{t1 / t2:.2f}x jobs 1"),
        ("jieba.lcut, every line", f"{rate_jieba:.2f} MB/s", "1.00x", f"before {jieba_before:.2f}, after {jieba_after:.2f}"),
        ("segmenter rjieba (5 MB)", f"{seg['rjieba']:.2f} MB/s", f"{seg['rjieba'] / seg['jieba']:.2f}x jieba segmenter", ""),
        ("segmenter jieba (5 MB)", f"{seg['jieba']:.2f} MB/s", "1.00x", ""),
        ("peak RSS, 5 MB corpus", f"{rss_small / 1024:.0f} MiB", "", ""),
        ("peak RSS, 20 MB corpus", f"{rss_big / 1024:.0f} MiB", f"{growth:+.1%} vs 5 MB", "goal within 10%"),
        ("one page (000), wall", f"{one_page:.2f} s", "", "goal < 1.5 s"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, *cols in rows:
        print(f"{name:<{width}}  {cols[0]:>12}  {cols[1]:<28} {cols[2]}")
    total, split = stage_split(small_files)
    print(f"where the time goes (extract_text in this process, {small / 1e6:.1f} MB, {1 / total:.2f} MB/s without start-up):")
    label_width = max(len(label) for label, _ in split)
    for label, per_mb in split:
        print(f"  {label:<{label_width}}  {per_mb:.3f} s/MB  {per_mb / total:4.0%}")
    print(f"goals: 3x jieba.lcut on one process: {'met' if r1 >= 3 * rate_jieba else 'NOT met'}; "
          f"with 2 jobs: {'met' if r2 >= 3 * rate_jieba else 'NOT met'}; "
          f"flat memory: {'met' if abs(growth) <= 0.10 else 'NOT met'}; one page < 1.5 s: {'met' if one_page < 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
