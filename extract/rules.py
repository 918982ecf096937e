"""Stage 6 (data side): load, validate and compile rules/ — lexicon, macros, patterns, gazetteer.

Rules are data a user edits.  Every error names the file, the rule id and the line; every
pattern is compiled with the `regex` module and run under a timeout, so one bad pattern cannot
hang a run (Recognizers-Text once looped forever on 8亿元人民币).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from .rulecache import cached
from .wordsearch import plain_words, presence

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
if not DEFAULT_RULES_DIR.is_dir():  # installed as a wheel: rules/ ships inside the package
    DEFAULT_RULES_DIR = Path(__file__).resolve().parent / "rules"

RULE_KEYS = {"id", "description", "priority", "pattern", "context", "examples", "reach", "anchor", "at_anchor", "reverse",
             "distribute", "needs"}
# How far (characters) a match may start before and end after its anchor — the amount keyword
# if the rule has one, else the count.  A rule may say its own `reach: [left, right]`.
DEFAULT_REACH = {"kw": (90, 130), "count": (45, 100)}
REQUIRED_KEYS = {"id", "description", "pattern"}
CONTEXTS = {None, "record", "project_noun"}
MATCH_TIMEOUT = 2.0  # seconds per rule per sentence (wall clock: generous for a loaded machine)
_MACRO_REF = re.compile(r"\{([A-Z][A-Z0-9_]*|@[a-z_][a-z0-9_.]*)\}")


class RuleError(ValueError):
    """A rules file that cannot be used; the message says file, line and rule id."""


@dataclass
class Rule:
    id: str
    description: str
    pattern: str
    compiled: regex.Pattern
    priority: int = 50
    context: str | None = None
    examples: dict = field(default_factory=dict)
    source: str = ""  # file:line, for messages
    reach: tuple[int, int] | None = None
    anchor: str | None = None  # kw | count: where the rule is looked for
    at_anchor: bool = False  # the match begins at its anchor: tried there only, not scanned for
    reverse: bool = False  # the match ends where its anchor ends: matched backwards from there
    distribute: bool = False  # a list of groups and a list of counts, paired in order (分别为…)
    # tried only in windows (the anchor's, for at_anchor and reverse rules) where this is found:
    # re's pattern when re reads it (a plain search, three times as fast), else regex's
    needs: "re.Pattern | regex.Pattern | None" = None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float = MATCH_TIMEOUT):
        return self.compiled.finditer(text, pos, len(text) if endpos is None else endpos,
                                      timeout=timeout, overlapped=False)

    def match_at(self, text: str, pos: int, endpos: int, timeout: float = MATCH_TIMEOUT):
        """Forward rules: a match beginning at pos; reverse rules: a match ending at endpos."""
        return self.compiled.match(text, pos, endpos, timeout=timeout)


@dataclass
class RuleSet:
    rules: list[Rule]
    lexicon: dict
    directory: Path
    macros: dict[str, str] = field(default_factory=dict)
    _compiled_macros: dict[str, regex.Pattern] = field(default_factory=dict, repr=False)

    def macro(self, name: str) -> regex.Pattern | None:
        """A macro of rules/macros.yaml compiled on its own (anchors, enumerations); None if absent."""
        if name not in self.macros:
            return None
        if name not in self._compiled_macros:
            self._compiled_macros[name] = regex.compile(self.macros[name])
        return self._compiled_macros[name]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: rules load faster


def parse_yaml(text: str):
    """A rules file's YAML, read by libyaml when it is installed (safe loading either way)."""
    return yaml.load(text, Loader=_LOADER)


def _load_yaml(path: Path):
    """(data, line of each top-level list item): items are the lines that open with "- "."""
    text = path.read_text(encoding="utf-8")
    try:
        data = parse_yaml(text)
        return data, [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("- ")]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise RuleError(f"{path}{line}: not valid YAML: {getattr(err, 'problem', err)}") from None


@lru_cache(maxsize=8)
def _lexicon_cached(rules_dir: str, _signature: tuple = ()) -> dict:
    path = Path(rules_dir) / "lexicon.yaml"
    if not path.is_file():
        raise RuleError(f"{path}: missing (every rules folder needs a lexicon.yaml)")
    data, _ = _load_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}:1: the lexicon must be a mapping of lists")
    data["__dir__"] = rules_dir  # lets derived tables find the gazetteer beside the lexicon
    return data


_SIGNATURES: dict[str, tuple] = {}


def refresh_signatures() -> None:
    """Forget remembered folder signatures (and resolved paths): the next look re-reads the disk
    (extract_text does this before each page unless told the rules stay as they are, as in a
    batch run)."""
    _SIGNATURES.clear()
    _RESOLVED.clear()


_RESOLVED: dict[tuple[str, str], str] = {}


def resolved(rules_dir: Path | str) -> str:
    """str(Path(rules_dir).resolve()), remembered until refresh_signatures(): a batch run asks
    for it on every page, and resolving reads the file system each time (a relative folder is
    remembered with the working directory it was resolved in)."""
    key = (str(rules_dir), "" if Path(rules_dir).is_absolute() else os.getcwd())
    if key not in _RESOLVED:
        _RESOLVED[key] = str(Path(rules_dir).resolve())
    return _RESOLVED[key]


def signature(rules_dir: Path | str) -> tuple:
    """(name, mtime, size) of every file of a rules folder: caches renew when a user edits one.

    Asked for on every sentence, so it is remembered until refresh_signatures()."""
    key = str(rules_dir)
    if key not in _SIGNATURES:
        root = Path(rules_dir)
        _SIGNATURES[key] = () if not root.is_dir() else tuple(
            (str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(root.rglob("*")) if p.is_file())
    return _SIGNATURES[key]


def load_lexicon(rules_dir: Path | str = DEFAULT_RULES_DIR) -> dict:
    return _lexicon_cached(resolved(rules_dir), signature(rules_dir))


@lru_cache(maxsize=8)
def _places_cached(rules_dir: str, _signature: tuple = ()) -> dict[str, str]:
    places: dict[str, str] = {}
    for path in sorted((Path(rules_dir) / "gazetteer").glob("*.txt")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            name, _, kind = line.partition("\t")
            kind = kind.strip() or "full"
            if kind not in ("full", "short"):
                raise RuleError(f"{path}:{lineno}: kind must be full or short, not {kind!r}")
            if places.get(name.strip()) != "full":
                places[name.strip()] = kind
    return places


def load_places(rules_dir: Path | str = DEFAULT_RULES_DIR) -> dict[str, str]:
    """Gazetteer: name -> 'full' (official name) or 'short' (name without suffix)."""
    return _places_cached(resolved(rules_dir), signature(Path(rules_dir) / "gazetteer"))


def words_of(lexicon: dict, ref: str) -> list[str]:
    """The words of a lexicon entry (a list, or all lists of a mapping), dotted refs allowed."""
    node = lexicon
    for part in ref.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(ref)
        node = node[part]
    if isinstance(node, dict):
        out = []
        for value in node.values():
            out.extend(value if isinstance(value, list) else words_of({"x": value}, "x"))
        return out
    return [str(w) for w in node]


def alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def expand(pattern: str, macros: dict[str, str], lexicon: dict, where: str) -> str:
    """Replace {MACRO} and {@lexicon.list} references, recursively."""

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("@"):
            try:
                return "(?:" + alternation(words_of(lexicon, name[1:])) + ")"
            except KeyError:
                raise RuleError(f"{where}: unknown lexicon list {name[1:]!r}") from None
        if name not in macros:
            raise RuleError(f"{where}: unknown macro {{{name}}}")
        return macros[name]

    for _ in range(20):
        new = _MACRO_REF.sub(sub, pattern)
        if new == pattern:
            return new
        pattern = new
    raise RuleError(f"{where}: macros nest too deep (a macro refers to itself?)")


def load_macros(rules_dir: Path, lexicon: dict) -> dict[str, str]:
    path = rules_dir / "macros.yaml"
    data, _ = _load_yaml(path)
    macros: dict[str, str] = {}
    for name, value in (data or {}).items():
        macros[name] = expand(str(value), macros, lexicon, f"{path}: macro {name}")
    return macros


def _line_of(item_lines: list[int], index: int) -> int:
    return item_lines[index] if index < len(item_lines) else 1


def _compile_rule(item: dict, where: str, macros: dict, lexicon: dict) -> Rule:
    if not isinstance(item, dict):
        raise RuleError(f"{where}: a rule must be a mapping with id, description, pattern")
    rid = item.get("id", "?")
    unknown = set(item) - RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: rule {rid!r}: unknown field(s) {', '.join(sorted(unknown))}")
    missing = REQUIRED_KEYS - set(item)
    if missing:
        raise RuleError(f"{where}: rule {rid!r}: missing field(s) {', '.join(sorted(missing))}")
    if item.get("context") not in CONTEXTS:
        raise RuleError(f"{where}: rule {rid!r}: context must be one of record, project_noun")
    expanded = expand(str(item["pattern"]), macros, lexicon, f"{where}: rule {rid!r}")
    try:
        compiled = regex.compile(expanded, regex.REVERSE if item.get("reverse") else 0)
    except regex.error as err:
        raise RuleError(f"{where}: rule {rid!r}: invalid regex: {err}") from None
    examples = item.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
        raise RuleError(f"{where}: rule {rid!r}: examples must have only match and no_match lists")
    reach = item.get("reach")
    if reach is not None and not (isinstance(reach, list) and len(reach) == 2 and all(isinstance(x, int) and x >= 0 for x in reach)):
        raise RuleError(f"{where}: rule {rid!r}: reach must be [left, right], two whole numbers of characters")
    rule = Rule(str(rid), str(item["description"]), str(item["pattern"]), compiled,
                int(item.get("priority", 50)), item.get("context"), examples, where)
    groups = compiled.groupindex
    rule.anchor = item.get("anchor") or ("kw" if "kw" in groups else "count" if "count" in groups else None)
    if rule.anchor == "sentence":  # looked for over the whole sentence (a figure with no ordinary anchor)
        rule.anchor = None
    elif rule.anchor not in (None, "kw", "count") or (rule.anchor and rule.anchor not in groups and not item.get("distribute")):
        raise RuleError(f"{where}: rule {rid!r}: anchor must be kw, count (a group of the pattern) or sentence")
    rule.at_anchor = bool(item.get("at_anchor", False))
    if rule.at_anchor and not str(item["pattern"]).startswith(f"(?P<{rule.anchor}>"):
        raise RuleError(f"{where}: rule {rid!r}: at_anchor needs the pattern to begin with its (?P<{rule.anchor}>…) group")
    rule.reverse = bool(item.get("reverse", False))
    rule.distribute = bool(item.get("distribute", False))
    if rule.distribute and not {"cat", "counts"} <= set(compiled.groupindex):
        raise RuleError(f"{where}: rule {rid!r}: distribute needs the groups cat and counts")
    if rule.reverse and (rule.at_anchor or not rule.anchor):
        raise RuleError(f"{where}: rule {rid!r}: reverse needs an anchor and excludes at_anchor")
    rule.reach = tuple(reach) if reach else DEFAULT_REACH.get(rule.anchor)
    if item.get("needs") is not None:
        rule.needs = _compile_needs(expand(str(item["needs"]), macros, lexicon, f"{where}: rule {rid!r}"),
                                    f"{where}: rule {rid!r}")
    return rule


def _compile_needs(pattern: str, where: str) -> "re.Pattern | regex.Pattern":
    """A rule's `needs`, only ever asked whether a window holds it: plain words as a presence
    pattern (wordsearch.py), else compiled by re where re reads it (a character class), else by
    regex (checked by regex first, as every pattern of the rules is)."""
    try:
        checked = regex.compile(pattern)
    except regex.error as err:
        raise RuleError(f"{where}: invalid needs regex: {err}") from None
    words = plain_words(pattern)
    if words is not None:
        return presence(words)
    try:
        return re.compile(pattern)
    except re.error:
        return checked


def check_examples(rule: Rule) -> list[str]:
    """Problems with a rule's own examples: a match example that does not match, or the reverse."""
    problems = []
    for text in rule.examples.get("match") or []:
        m = rule.compiled.search(text, timeout=MATCH_TIMEOUT)
        if not m:
            problems.append(f"{rule.source}: rule {rule.id!r}: example does not match: {text}")
        elif rule.needs is not None and not rule.needs.search(text, m.start(), m.end()):
            problems.append(f"{rule.source}: rule {rule.id!r}: example lacks what `needs` asks for: {text}")
    for text in rule.examples.get("no_match") or []:
        if rule.compiled.search(text, timeout=MATCH_TIMEOUT):
            problems.append(f"{rule.source}: rule {rule.id!r}: no_match example matches: {text}")
    return problems


@lru_cache(maxsize=8)
def _ruleset_cached(rules_dir: str, verify_examples: bool, _signature: tuple = ()) -> RuleSet:
    directory = Path(rules_dir)
    if not directory.is_dir():
        raise RuleError(f"{directory}: no such rules folder")
    lexicon = load_lexicon(directory)
    rules, macros, standalone = cached(directory, f"verify={verify_examples}",
                                       lambda: _compile_with_macros(directory, lexicon, verify_examples))
    return RuleSet(rules, lexicon, directory, macros, standalone)


def _compile_with_macros(directory: Path, lexicon: dict, verify_examples: bool):
    """The folder compiled, and each macro that compiles on its own compiled too (RuleSet.macro
    would compile the ones the pipeline asks for, on every run's first page; the rest, fragments
    of patterns, are left to fail there as before)."""
    rules, macros = _compile_folder(directory, lexicon, verify_examples)
    standalone = {}
    for name, pattern in macros.items():
        try:
            standalone[name] = regex.compile(pattern)
        except regex.error:
            pass
    return rules, macros, standalone


def _compile_folder(directory: Path, lexicon: dict, verify_examples: bool) -> tuple[list[Rule], dict[str, str]]:
    """The folder's rules compiled (in priority order) and its macros: what rulecache keeps."""
    macros = load_macros(directory, lexicon)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted((directory / "patterns").glob("*.yaml")) + sorted((directory / "patterns").glob("*.yml"))
    if not files:
        raise RuleError(f"{directory / 'patterns'}: no rule files (*.yaml)")
    for path in files:
        data, node = _load_yaml(path)
        if data is None:
            continue
        if not isinstance(data, list):
            raise RuleError(f"{path}:1: a rules file must be a list of rules")
        for index, item in enumerate(data):
            where = f"{path}:{_line_of(node, index)}"
            rule = _compile_rule(item, where, macros, lexicon)
            if rule.id in seen:
                raise RuleError(f"{where}: rule {rule.id!r}: id already used at {seen[rule.id]}")
            seen[rule.id] = where
            if verify_examples:
                problems = check_examples(rule)
                if problems:
                    raise RuleError(problems[0])
            rules.append(rule)
    rules.sort(key=lambda r: -r.priority)
    for required in ("AMOUNT_KW", "COUNT"):
        if required not in macros:
            raise RuleError(f"{directory / 'macros.yaml'}: macro {required} is required (rules are anchored on it)")
    return rules, macros


def load_rules(rules_dir: Path | str = DEFAULT_RULES_DIR, verify_examples: bool = True) -> RuleSet:
    """Load and compile a rules folder (cached per process); raises RuleError with file:line."""
    return _ruleset_cached(resolved(rules_dir), verify_examples, signature(rules_dir))
