"""The stages in order: normalise -> stories and units -> rules -> records -> attribution.

`extract_text` is the whole pipeline for one page.  Only units that can hold a figure are
matched and segmented; headings and speaker lines are tagged only when an actor look-up needs
them, so most of a page is scanned, not parsed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable

from .assemble import attach_enumeration
from .attribute import PageView, build_records, page_view
from .candidate import Candidate
from .entities import make_tagger
from .lexicon_tables import compiled
from .matching import choose, find_candidates
from .normalize import normalize
from .pagedate import page_date_of
from .reader import Page, PageError, read_page
from .records import Record
from .rulehints import anchor_probe, rule_words
from .scan import make_scan, regions
from .rules import DEFAULT_RULES_DIR, load_rules, refresh_signatures, resolved, signature
from .segment import set_segmenter
from .senses import investment_only, load_senses, without_listed_programmes
from .sentences import Unit, may_hold_figure, stories_of, units_of

log = logging.getLogger("extract")


@dataclass
class Options:
    """How to run: rules folder, entity backend, fallback year."""

    rules_dir: str = str(DEFAULT_RULES_DIR)
    ner: str = "jieba"
    hanlp_model: str | None = None
    year: int | None = None
    segmenter: str | None = None  # rjieba | jieba; None keeps the process default
    date: str | None = None  # the caller's page date (CLI --date): used when a page gives none
    full_pass: bool = False  # read every line of every page (scan.py keeps only stories that may hold a figure)


def _tagger(ner: str, rules_dir: str, hanlp_model: str | None):
    """One entity tagger per process and rules folder (rebuilt when the folder is edited)."""
    return _tagger_cached(ner, rules_dir, hanlp_model, signature(rules_dir))


@lru_cache(maxsize=4)
def _tagger_cached(ner: str, rules_dir: str, hanlp_model: str | None, _signature: tuple):
    return make_tagger(ner, rules_dir, hanlp_model)


def extract_text(text: str, doc_id: str = "page", year: int | None = None, rules_dir: str | Path | None = None,
                 ner: str = "jieba", hanlp_model: str | None = None, warnings: list[str] | None = None,
                 trace: list | None = None, reload_rules: bool = True, date: str | int | None = None,
                 path: str | None = None, title: str | None = None, full_pass: bool = False) -> list[Record]:
    """All target records of one page's text.  `year` is used when the page states none.

    `date` (2024-02-08, 2024-02 or a bare year) is the page's date when neither its text nor its
    file name (`path`) gives one; `title` (an HTML page's <title>) heads a page whose text has
    no headline of its own.

    `trace`, if given, receives each sentence's candidates before selection (for the scorer's
    rule-overlap table).  `reload_rules`: look for edits of the rules folder first (a notebook
    user edits and re-runs); a batch run reads its rules once and keeps them for every page.
    `full_pass`: normalise the whole page instead of only the stories the scan keeps (scan.py);
    the records are the same (tests/test_scan.py), it is there to prove it.
    """
    if reload_rules:
        refresh_signatures()
    rules_dir = resolved(rules_dir or DEFAULT_RULES_DIR)
    ruleset = load_rules(rules_dir)
    lex = ruleset.lexicon
    lx = compiled(lex)
    page_date = page_date_of(text, path, date)
    gate = rule_words(ruleset)  # a unit without one starts no rule (None: every rule may match anywhere)
    select = None if full_pass else partial(regions, scan=make_scan(lex, lx["figure_words"], page_date is not None, gate,
                                                                     anchor_probe(ruleset)))
    units = units_of(normalize(text, select), lx["news_opener"])
    page = page_view(doc_id, units, stories_of(units), lex, _tagger(ner, rules_dir, hanlp_model), page_date, year)
    heads, named_heads = lx["heads"], lx["named_heads"]
    figure_words = lx["figure_words"]  # only asked whether a unit holds one (wordsearch.py)
    senses = load_senses(rules_dir)
    records: list[Record] = []
    group: tuple[int, Candidate] | None = None  # the last counted group, by unit, for the sentence after it
    for i, unit in enumerate(units):
        sentence = unit.text.text
        if not unit.may_state_figures or not may_hold_figure(sentence) or not figure_words.search(sentence) \
                or (gate is not None and not gate.search(sentence)):
            continue
        cands = find_candidates(sentence, ruleset, page.warnings, f"{doc_id}: unit {i}", page.actors.is_place)
        if not cands:
            continue
        if trace is not None:
            trace.append(list(cands))
        carried = group[1] if group and group[0] == i - 1 and units[i - 1].block == unit.block else None
        chosen = investment_only(choose(cands, sentence, ruleset, heads, named_heads, carried), sentence, senses,
                                 _story_context(page, units, i))
        for cand in chosen:
            attach_enumeration(cand, sentence, ruleset.macro("ENUM_BEFORE"), lex, str(ruleset.directory))
        chosen = without_listed_programmes(chosen, sentence, senses)
        counted = [c for c in chosen if c.count is not None and c.rule.context is None]
        group = (i, counted[-1]) if counted else None
        records.extend(build_records(page, i, chosen, text))
    if title and records:
        records = [r if r.headline else _with_headline(r, title) for r in records]
    if warnings is not None:
        warnings.extend(page.warnings)
    for message in page.warnings:
        log.warning(message)
    return records


def _story_context(page: PageView, units: list[Unit], i: int) -> str:
    """The story's headline and the sentence before (same story): where an event is named."""
    before = units[i - 1].text.text if i and units[i - 1].story == units[i].story else ""
    return f"{page.headline(i) or ''}\n{before}"


def _with_headline(record: Record, title: str) -> Record:
    """A page whose text has no headline of its own takes its format's title (an HTML <title>)."""
    from dataclasses import replace

    return replace(record, headline=" ".join(title.split()))


def extract_page(page: Page, options: Options | None = None, warnings: list[str] | None = None) -> list[Record]:
    options = options or Options()
    set_segmenter(options.segmenter)
    return extract_text(page.text, page.doc_id, options.year, options.rules_dir, options.ner, options.hanlp_model, warnings,
                        reload_rules=False, date=page.date or options.date, path=page.path, title=page.title,
                        full_pass=options.full_pass)


def extract_file(path: str | Path, year: int | None = None, rules_dir: str | Path | None = None,
                 ner: str = "jieba", hanlp_model: str | None = None) -> list[Record]:
    """Records of one page file (any supported encoding); raises PageError if it cannot be read."""
    from .pdf import source_pages

    page = read_page(path)
    records = extract_text(page.text, page.doc_id, year, rules_dir, ner, hanlp_model, date=page.date, path=page.path,
                           title=page.title)
    source_pages(records, page)
    return records


def extract_pages(paths: Iterable[str | Path], year: int | None = None, rules_dir: str | Path | None = None,
                  ner: str = "jieba", hanlp_model: str | None = None) -> list[Record]:
    """Records of many page files, in order.  Unreadable pages are logged and skipped."""
    out: list[Record] = []
    for path in paths:
        try:
            out.extend(extract_file(path, year, rules_dir, ner, hanlp_model))
        except PageError as err:
            log.error(str(err))
    return out
