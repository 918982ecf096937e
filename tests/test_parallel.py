"""Many pages: --jobs N and the Dask engine give exactly the records of a single process."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.cli import main

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory) -> Path:
    """Twelve pages (the seeds, copied under new names) and one unreadable file."""
    folder = tmp_path_factory.mktemp("pages")
    for k in range(2):
        for page in sorted(RAW.glob("*.txt"))[: 6]:
            (folder / f"{k}_{page.name}").write_bytes(page.read_bytes())
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01" * 4000)
    return folder


@pytest.fixture(scope="module")
def single(many_pages, tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("o1") / "one.jsonl"
    assert main(["run", str(many_pages), "-o", str(out)]) == 2  # the binary file is reported
    return _lines(out)


def test_jobs_2_equals_jobs_1(many_pages, single, tmp_path):
    out = tmp_path / "two.jsonl"
    assert main(["run", str(many_pages), "--jobs", "2", "-o", str(out)]) == 2
    assert _lines(out) == single and len(single) > 100


@pytest.mark.slow
def test_dask_local_cluster_equals_local_run(many_pages, single, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask.jsonl"
    assert main(["run", str(many_pages), "--engine", "dask", "--jobs", "2", "-o", str(out)]) == 2
    assert _lines(out) == single
