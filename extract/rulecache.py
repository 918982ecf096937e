"""Compiled rules kept on disk between runs, so a run starts without compiling regular expressions.

Compiling the rules' patterns with `regex` is the largest part of a run's start-up (about 0.14 s
of 0.5 s, paid again by every run and every --jobs parent) and gives the same patterns every time
for the same folder.  A `regex` pattern pickles as its compiled code and unpickles without being
parsed again (under 0.01 s for all the rules), so the compiled rules are pickled under a key made
of everything they are built from: the folder's path and the contents of every file in it, the
source of rules.py and of this module, whether the rules' examples were checked, and the versions
of Python and regex.  Editing a rule, the lexicon, a macro or the code gives a new key, and the
folder is compiled afresh (and stored); the newest KEEP entries are kept.

The cache folder is $EXTRACT_CACHE_DIR, else $XDG_CACHE_HOME/extract, else ~/.cache/extract;
EXTRACT_CACHE_DIR set empty turns the cache off.  A cache that cannot be read or written is
ignored: the rules are then compiled as without it.  Only a successful compile is stored, so a
folder with an error reports it on every run.  Loading a pickle can run code, as importing a
module does, so the cache folder must be one only its user can write to (the default is).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
KEEP = 8  # cache entries kept (each rules folder and each edit of one makes an entry)


def cache_dir() -> Path | None:
    """Where compiled rules are kept, or None when the cache is turned off."""
    chosen = os.environ.get("EXTRACT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extract"


def folder_key(directory: Path, *parts: str) -> str:
    """A digest of the folder's place (rules name their file and line in messages), every file of
    it (names and contents), the code that compiles it, the interpreter and regex versions, and
    any further parts."""
    import regex

    digest = hashlib.sha256()
    for part in (str(directory.resolve()), sys.version, regex.__version__, *parts):
        digest.update(part.encode() + b"\0")
    for code in (Path(__file__), Path(__file__).with_name("rules.py")):
        digest.update(code.read_bytes())
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached(directory: Path, variant: str, build: Callable[[], T]) -> T:
    """build()'s result for a rules folder: from the cache when it holds one under this key, else
    built and stored.  `variant` tells apart builds of one folder that differ."""
    path = _entry(directory, variant)
    if path is None:
        return build()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, unreadable or not a pickle of ours: compile instead
        pass
    value = build()
    _store(path, value)
    return value


def _entry(directory: Path, variant: str) -> Path | None:
    """The cache file for a folder, or None (cache off, or a file of the folder unreadable: the
    build reports that)."""
    where = cache_dir()
    if where is None:
        return None
    try:
        return where / f"rules-{folder_key(directory, variant)}.pickle"
    except OSError:
        return None


def _store(path: Path, value) -> None:
    """Write the pickle beside its place and move it there (two processes may store one key at
    once, and a reader must never see half a file); a cache that cannot be written is skipped."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".rules-", suffix=".tmp", delete=False) as f:
            tmp = f.name
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)


def _prune(where: Path) -> None:
    """Drop all but the newest KEEP entries (old edits of the rules, test folders long gone)."""
    entries = sorted(where.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        with suppress(OSError):
            old.unlink()
