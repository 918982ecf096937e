"""Benchmark: throughput and memory of `extract run`, against plain jieba.lcut, in one run.

    python bench/bench.py            # the 新闻联播 corpus (../shared) and a dense corpus (~16 MB from data/raw)

For each corpus: MB/s of `extract run` with 1 and 2 jobs (start-up included), of jieba.lcut over
every line and of the raw scan (scan.py's figure hint) over the same text, and their ratios; then
4,000 figures on one line against the same figures one a line (same records?), peak RSS at 5 MB
and 40 MB, and where the time goes stage by stage.  Ratios are measured in this run, on this
machine; nothing here is a test.
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
NEWS = ROOT.parent / "shared" / "corpora" / "xinwenlianbo-2022-2026.tar.gz"


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


def jieba_lcut_rate(texts: list[str], size: int) -> float:
    """MB/s of jieba.lcut over every line of the corpus (dictionary loaded before timing)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    start = time.perf_counter()
    for text in texts:
        for line in text.splitlines():
            jieba.lcut(line)
    return size / 1e6 / (time.perf_counter() - start)


def scan_rate(texts: list[str], size: int) -> float:
    """MB/s of the raw scan: the figure hint of scan.py over every page's text."""
    from extract.scan import _HINT

    start = time.perf_counter()
    for text in texts:
        _HINT.findall(text)
    return size / 1e6 / (time.perf_counter() - start)


def news_texts() -> list[str]:
    """The pages of the 新闻联播 tarball, decoded (empty without ../shared)."""
    import tarfile

    if not NEWS.is_file():
        return []
    with tarfile.open(NEWS) as tar:
        return [tar.extractfile(m).read().decode("utf-8") for m in tar.getmembers() if m.isfile()]


def long_line(n: int = 4000) -> tuple[float, float, bool]:
    """Seconds of extract_text for n figures on one line and one a line, and whether the records
    (count, amount, actor, year) are the same."""
    from extract import extract_text

    sentences = [f"2024年，城阳区计划实施重点项目{10 + k % 90}个，总投资{5 + k % 50}亿元。" for k in range(n)]
    extract_text("热身。", reload_rules=False)
    out = []
    for text in ("".join(sentences), "\n".join(sentences)):
        start = time.perf_counter()
        records = extract_text(text, "long", reload_rules=False)
        out.append((time.perf_counter() - start, [(r.project_count, r.amount_yuan, r.actor, r.year) for r in records]))
    return out[0][0], out[1][0], out[0][1] == out[1][1]


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


def texts_of(source: str) -> list[str]:
    return news_texts() if source.endswith(".tar.gz") else [f.read_text(encoding="utf-8") for f in sorted(Path(source).iterdir())]


def rates(source: str) -> tuple[float, float]:
    """(jieba.lcut MB/s, raw scan MB/s) on a corpus, measured in a child process: the texts held
    in memory would otherwise count in the peak RSS of every `extract run` the bench starts."""
    code = ("import sys; sys.path.insert(0, %r); import bench; t = bench.texts_of(%r); n = sum(len(x.encode()) for x in t); "
            "print(bench.jieba_lcut_rate(t, n), bench.scan_rate(t, n))") % (str(ROOT / "bench"), source)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    jieba_rate, scan = map(float, done.stdout.split())
    return jieba_rate, scan


def corpus_rows(name: str, source: str, size: int, out: Path) -> list[tuple]:
    """extract run with 1 and 2 jobs, jieba.lcut and the raw scan on one corpus, as table rows."""
    t1, _ = run_extract([source, "--jobs", "1", "-o", str(out)])
    rate_jieba, rate_scan = rates(source)  # between the two runs: this machine's speed drifts
    t2, _ = run_extract([source, "--jobs", "2", "-o", str(out)])
    r1, r2, mb = size / 1e6 / t1, size / 1e6 / t2, size / 1e6
    return [
        (f"{name}: extract run --jobs 1 ({mb:.0f} MB)", f"{r1:.2f} MB/s", f"{r1 / rate_jieba:.2f}x jieba.lcut", ""),
        (f"{name}: extract run --jobs 2", f"{r2:.2f} MB/s", f"{r2 / rate_jieba:.2f}x jieba.lcut", f"{t1 / t2:.2f}x jobs 1"),
        (f"{name}: jieba.lcut, every line", f"{rate_jieba:.2f} MB/s", "1.00x", ""),
        (f"{name}: raw scan", f"{rate_scan:.1f} MB/s", f"{rate_scan / rate_jieba:.0f}x jieba.lcut", f"run jobs 1 at {r1 / rate_scan:.1%} of it"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=16.0, help="size of the dense corpus (default 16)")
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    a = ap.parse_args()
    out = Path(tempfile.mkdtemp()) / "records.jsonl"
    rows: list[tuple] = []
    if NEWS.is_file():
        rows += corpus_rows("news", str(NEWS), sum(len(t.encode("utf-8")) for t in news_texts()), out)
    dense_files, dense = build_corpus(a.mb, a.corpus / "dense")
    rows += corpus_rows("dense", str(a.corpus / "dense"), dense, out)
    build_corpus(5, a.corpus / "small")
    build_corpus(40, a.corpus / "large")
    _, rss_small = run_extract([str(a.corpus / "small"), "-o", str(out)])
    _, rss_big = run_extract([str(a.corpus / "large"), "-o", str(out)])
    one, lines, same = long_line()
    rows.append(("4,000 figures on one line", f"{one:.2f} s", f"{one / lines:.2f}x one a line ({lines:.2f} s)",
                 "same records" if same else "records DIFFER"))
    growth = (rss_big - rss_small) / rss_small
    rows.append(("peak RSS 5 MB / 40 MB", f"{rss_small / 1024:.0f} / {rss_big / 1024:.0f} MiB", f"{growth:+.1%}", ""))
    width = max(len(r[0]) for r in rows)
    for name, *cols in rows:
        print(f"{name:<{width}}  {cols[0]:>16}  {cols[1]:<32} {cols[2]}")
    total, split = stage_split(dense_files[:40])
    print(f"where the time goes (extract_text in this process, dense pages, {1 / total:.2f} MB/s without start-up):")
    label_width = max(len(label) for label, _ in split)
    for label, per_mb in split:
        print(f"  {label:<{label_width}}  {per_mb:.3f} s/MB  {per_mb / total:4.0%}")


if __name__ == "__main__":
    main()
