"""The command line as a user meets it: outputs, stdin, help, bad input, exit status, atomic writes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.records import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "data" / "raw" / "003_f8888489269c41ac.txt"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_run_writes_all_three_formats(tmp_path):
    for suffix in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"r.{suffix}"
        assert main(["run", str(ROOT / "data" / "raw"), "-o", str(out)]) == 0
        frame = pd.read_parquet(out) if suffix == "parquet" else (
            pd.read_csv(out) if suffix == "csv" else pd.DataFrame(_jsonl(out)))
        assert list(frame.columns) == COLUMNS and len(frame) >= 50
    text = (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert "292900000000.0" in text and "e+" not in text  # amounts in full for spreadsheets


def test_stdin_and_console_script(tmp_path):
    exe = Path(sys.executable).with_name("extract")
    out = tmp_path / "s.jsonl"
    proc = subprocess.run([str(exe), "run", "-", "-o", str(out)], input=PAGE.read_bytes(), capture_output=True)
    assert proc.returncode == 0, proc.stderr
    records = _jsonl(out)
    assert records and all(r["doc_id"] == "stdin" for r in records)
    assert not proc.stderr.count(b"\r")  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("command", ["run", "score", "report", "gold", "rules"])
def test_each_subcommand_help_shows_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "example" in capsys.readouterr().out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_give_the_same_records(tmp_path, encoding):
    text = PAGE.read_text(encoding="utf-8")
    page = tmp_path / PAGE.name
    page.write_bytes(text.encode(encoding))
    base, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["run", str(PAGE), "-o", str(base)]) == 0
    assert main(["run", str(page), "-o", str(other)]) == 0
    assert _jsonl(base) == _jsonl(other)


def test_bad_files_are_reported_and_skipped(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.txt").write_bytes(PAGE.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 50)
    (folder / "nul.txt").write_bytes("总投资5亿元的3个项目。".encode() + b"\x00" * 5000)
    (folder / "latin.txt").write_bytes(b"\xff\xfe\xfd" + b"\x81\x30" * 10)
    out = tmp_path / "out.jsonl"
    code = main(["run", str(folder), str(tmp_path / "missing.txt"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "binary.txt" in err and "missing.txt: no such file" in err
    assert {r["doc_id"] for r in _jsonl(out)} == {"good"}  # good pages written either way
    bad_lines = [line for line in err.splitlines() if line.startswith("extract: ") and ".txt:" in line]
    assert len(bad_lines) == len(set(bad_lines))  # one line per bad file


def test_empty_file_is_read_not_failed(tmp_path):
    page = tmp_path / "empty.txt"
    page.write_bytes(b"")
    assert main(["run", str(page), "-o", str(tmp_path / "o.jsonl")]) == 0


def test_folder_without_pages_exits_2(tmp_path, capsys):
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no .txt, .md, .html or .pdf pages" in capsys.readouterr().err


def test_very_long_single_line_page(tmp_path):
    line = ("今年全市计划实施总投资1200亿元的320个重点项目" + "无标点的长文本" * 30) * 1500  # ~400k chars, one line
    page = tmp_path / "long.txt"
    page.write_text(line, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["run", str(page), "-o", str(out)]) == 0
    records = _jsonl(out)
    assert len(records) == 1500 and all(r["project_count"] == 320 for r in records)


def test_a_crash_leaves_no_truncated_output(tmp_path, monkeypatch):
    out = tmp_path / "o.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    import extract.records as records

    calls = {"n": 0}
    real = records.RecordWriter.write

    def failing_write(self, recs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        real(self, recs)

    monkeypatch.setattr(records.RecordWriter, "write", failing_write)
    with pytest.raises(RuntimeError):
        main(["run", str(ROOT / "data" / "raw"), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_ctrl_c_stops_with_a_message_and_writes_nothing(tmp_path, monkeypatch, capsys):
    import extract.parallel as parallel

    def interrupted(items, options, jobs=1):
        yield parallel.process(next(iter(items)), options)
        raise KeyboardInterrupt

    monkeypatch.setattr(parallel, "run_local", interrupted)
    out = tmp_path / "o.jsonl"
    assert main(["run", str(ROOT / "data" / "raw"), "-o", str(out)]) == 130
    assert "interrupted" in capsys.readouterr().err and not out.exists()
    assert not list(tmp_path.iterdir())


def test_bad_rules_folder_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "lexicon.yaml").write_text("category_heads: [项目\n", encoding="utf-8")
    assert main(["run", str(PAGE), "--rules", str(tmp_path), "-o", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "lexicon.yaml:" in err and "Traceback" not in err


def test_output_is_readable_like_any_file(tmp_path):
    out = tmp_path / "o.jsonl"
    assert main(["run", str(PAGE), "-o", str(out)]) == 0
    assert os.stat(out).st_mode & 0o044  # not the 0600 of a temp file


@pytest.mark.parametrize("args, message", [
    (["-o", "out.txt"], "output format comes from the suffix"),
    (["--jobs", "0", "-o", "o.jsonl"], "--jobs must be 1 or more"),
])
def test_bad_options_are_one_line(args, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(PAGE), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unwritable_output_is_one_line(tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert main(["run", str(PAGE), "-o", str(blocked / "o.jsonl")]) == 1
    assert "cannot write" in capsys.readouterr().err
