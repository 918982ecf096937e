"""Running the per-page function over many pages: in-process, a process pool, or Dask.

Pages stream through: paths are read lazily, results come back in input order, and records
are written as they arrive, so memory stays flat however many pages there are.  Each worker
process loads the rules and dictionaries once (the caches in rules.py and segment.py).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .pdf import source_pages
from .pipeline import Options, extract_page
from .reader import Page, PageError, page_format, read_page
from .records import Record


@dataclass
class PageResult:
    """What one page gave: its records, or the one-line reason it could not be read."""

    source: str
    doc_id: str | None
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    size: int = 0
    format: str = "text"  # text, html or pdf: the reader that read the page


def process(item: str | Page, options: Options) -> PageResult:
    """The per-page function every engine runs: read, extract, never raise for a bad page."""
    source = item.path or item.doc_id if isinstance(item, Page) else str(item)
    fmt = page_format(source)
    try:
        page = item if isinstance(item, Page) else read_page(item)
        warnings: list[str] = []
        records = extract_page(page, options, warnings)
        source_pages(records, page)
        return PageResult(source, page.doc_id, records, None, warnings, len(page.text), fmt)
    except PageError as err:
        return PageResult(source, None, error=str(err), format=fmt)
    except RecursionError:
        return PageResult(source, None, error=f"{source}: page too deeply nested to parse")
    except MemoryError:
        return PageResult(source, None, error=f"{source}: page too large for memory")


_WORKER_OPTIONS: Options | None = None
CHUNK = 32  # pages handed to a worker at once: fewer round trips for the reading process


def _init_worker(options: Options) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    from .rules import load_rules  # warm the per-process caches once

    load_rules(options.rules_dir)


WARM_PAGE = "### 城阳区\n\n2024年，城阳区计划实施重点项目12个，总投资5亿元，开工建设中心学校。"


def _warm(options: Options) -> None:
    """Read a small page with a figure: the segmenter, the entity tagger's dictionaries, the
    lexicon's tables and the senses are loaded as a first page loads them."""
    process(Page("warm-up", WARM_PAGE, None), options)


def _work(item: str | Page) -> PageResult:
    return process(item, _WORKER_OPTIONS)


def run_local(items: Iterable[str | Page], options: Options, jobs: int = 1) -> Iterator[PageResult]:
    """Results in input order; with jobs > 1 a process pool works ahead by a bounded amount."""
    if jobs <= 1:
        for item in items:
            yield process(item, options)
        return
    import multiprocessing as mp  # here, not at import: a one-process run never needs it

    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")
    if ctx.get_start_method() == "fork":
        _warm(options)  # once here: the forked workers inherit what the first page would load in each
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.imap(_work, items, chunksize=CHUNK)


def run_dask(items: Iterable[str | Page], options: Options, jobs: int = 2, scheduler: str | None = None,
             batch: int = 256) -> Iterator[PageResult]:
    """The same per-page function on Dask: a LocalCluster by default, or the scheduler named."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise SystemExit("--engine dask needs the optional extra: pip install '.[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        iterator = iter(items)
        while True:
            chunk = list(itertools.islice(iterator, batch))
            if not chunk:
                break
            futures = client.map(process, chunk, options=options, pure=False)
            yield from client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def stdin_page(text: str, name: str = "stdin") -> Page:
    return Page(name, text, None)

