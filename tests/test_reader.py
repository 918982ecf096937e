"""Reading pages: .md pages in folders, tar archives read member by member without unpacking."""
from __future__ import annotations

import io
import tarfile

from extract.cli import main
from extract.reader import Page, PageError, archive_pages, discover, read_page, split_archive_ref
from extract.records import read_records

PAGE = "2024年，某县计划实施重点项目12个，总投资23.6亿元。\n"


def _tar(path, members: dict[str, bytes]):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_folders_give_md_and_txt_pages(tmp_path):
    (tmp_path / "a.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "c.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in discover([str(tmp_path)])] == ["a.md", "b.txt"]


def test_archive_members_are_pages(tmp_path):
    tar = tmp_path / "news.tar.gz"
    _tar(tar, {"news/20240208.md": PAGE.encode(), "news/catalogue.json": b"{}", "LICENSE": b"MIT",
               "news/bad.md": b"\x00\x01" * 200})
    found = list(archive_pages(tar))
    pages = [p for p in found if isinstance(p, Page)]
    assert [p.doc_id for p in pages] == ["20240208"] and pages[0].text == PAGE
    assert any(isinstance(p, PageError) and "bad.md" in str(p) for p in found)
    assert split_archive_ref(f"{tar}/news/20240208.md") == (str(tar), "news/20240208.md")
    assert read_page(f"{tar}/news/20240208.md").text == PAGE


def test_run_reads_an_archive(tmp_path):
    tar = tmp_path / "news.tgz"
    _tar(tar, {"news/20240208.md": PAGE.encode(), "news/20240209.md": PAGE.encode()})
    out = tmp_path / "r.jsonl"
    assert main(["run", str(tar), "-o", str(out)]) == 0
    records = read_records(out)
    assert sorted({r.doc_id for r in records}) == ["20240208", "20240209"]
    assert {r.project_count for r in records} == {12}


def test_a_damaged_archive_is_one_error(tmp_path, capsys):
    tar = tmp_path / "broken.tar.gz"
    tar.write_bytes(b"\x1f\x8b" + b"not really gzip" * 10)
    assert main(["run", str(tar), "-o", str(tmp_path / "r.jsonl")]) == 2
    assert "broken.tar.gz" in capsys.readouterr().err
