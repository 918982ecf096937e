"""Compiled rules kept on disk (extract/rulecache.py): the rules loaded from the cache are the
rules compiled, an edit of the folder compiles it afresh, and a broken or disabled cache only
costs the compile."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract import rulecache
from extract.rules import DEFAULT_RULES_DIR, _compile_folder, load_lexicon, load_rules


def _shape(rules) -> list[tuple]:
    return [(r.id, r.pattern, r.compiled.pattern, r.compiled.flags, r.source, r.reach, r.anchor) for r in rules]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A copy of the project's rules and an empty cache folder of its own."""
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, copy)
    return copy


def _build(folder: Path):
    return rulecache.cached(folder, "test", lambda: _compile_folder(folder, load_lexicon(folder), True))


def test_cached_rules_are_the_compiled_rules(folder) -> None:
    built, macros = _build(folder)
    assert len(list((folder.parent / "cache").glob("rules-*.pickle"))) == 1
    loaded, loaded_macros = _build(folder)
    assert loaded is not built and _shape(loaded) == _shape(built) and loaded_macros == macros
    text = "2024年，城阳区计划实施重点项目52个，总投资336亿元。"
    assert [m.span() for r in loaded for m in r.compiled.finditer(text)] == [m.span() for r in built for m in r.compiled.finditer(text)]


def test_an_edit_compiles_afresh(folder) -> None:
    _build(folder)
    macros = folder / "macros.yaml"
    macros.write_text(macros.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _build(folder)
    assert len(list((folder.parent / "cache").glob("rules-*.pickle"))) == 2


def test_a_broken_entry_is_compiled_over(folder) -> None:
    built, _ = _build(folder)
    for entry in (folder.parent / "cache").glob("rules-*.pickle"):
        entry.write_bytes(b"not a pickle")
    again, _ = _build(folder)
    assert _shape(again) == _shape(built)


def test_cache_off(folder, monkeypatch) -> None:
    monkeypatch.setenv("EXTRACT_CACHE_DIR", "")
    assert rulecache.cache_dir() is None
    _build(folder)
    assert not (folder.parent / "cache").exists()


def test_load_rules_through_the_cache(folder) -> None:
    first = load_rules(folder)
    assert list((folder.parent / "cache").glob("rules-*.pickle"))
    assert _shape(first.rules) == _shape(_compile_folder(folder, load_lexicon(folder), True)[0])
