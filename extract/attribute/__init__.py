"""Attribution: a page of stories and units, and the fields a figure takes from its story.

In the shape of spaCy's Doc and Span: `PageView` owns the page's units, stories and date; the
attribution modules (actor.py, time.py, modality.py) each read a unit and its story and set
their fields, and `build_records` puts a figure's candidate and those fields into a Record.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..candidate import Candidate
from ..lexicon_tables import compiled
from ..pagedate import PageDate
from ..records import Record
from ..sentences import Story, Unit, previous_headings
from .actor import ActorFinder
from .modality import ModalityFinder
from .time import TimeFinder, is_new_year_page, page_year_of


@dataclass
class PageView:
    """One page as attribution sees it: units in stories, the page's date, and the finders."""

    doc_id: str
    units: list[Unit]
    stories: list[Story]
    page_date: PageDate | None
    actors: ActorFinder
    times: TimeFinder
    modalities: ModalityFinder
    currencies: dict[str, str] = field(default_factory=dict)  # currency word -> ISO code
    warnings: list[str] = field(default_factory=list)

    def headline(self, i: int) -> str | None:
        k = self.stories[self.units[i].story].headline
        return self.units[k].text.text if k is not None else None


def page_view(doc_id: str, units: list[Unit], stories: list[Story], lex: dict, tagger,
              page_date: PageDate | None, fallback_year: int | None) -> PageView:
    """The page's year is its date's; a page without a date falls back to the year it names most
    often, then the caller's year."""
    all_text = "\n".join(u.text.text for u in units)
    page_year = page_date.year if page_date else (page_year_of(all_text) or fallback_year)
    lx = compiled(lex)
    headings = previous_headings(units)
    return PageView(doc_id, units, stories, page_date,
                    ActorFinder(units, stories, tagger, lex, lx),
                    TimeFinder(units, stories, lex, page_date, page_year, is_new_year_page(all_text, lex), headings),
                    ModalityFinder(units, stories, lex, headings),
                    {w: code for code, words in lex.get("foreign_currencies", {}).items() for w in words})


def currency_of(amount_text: str, currencies: dict[str, str]) -> str:
    """ISO code of an amount as written: the currency word it ends in, else yuan (CNY)."""
    bare = amount_text.rstrip("以上左右余多 ")
    word = max((w for w in currencies if bare.endswith(w)), key=len, default=None)
    return currencies[word] if word else "CNY"


def evidence_span(unit: Unit, cand: Candidate, raw: str) -> tuple[int, int]:
    """The figure's span in the unit, cut to the contiguous raw piece holding its numbers.

    Joined line wraps and masked markup skip only white space and filler in the raw page; a
    caption moved out of the sentence, or a tag inside the phrase, skips text, and the evidence
    must not cover it.
    """
    start, end = cand.start, cand.end
    anchor = (cand.count_span or cand.amount_span)[0]
    for cut in unit.text.breaks(start, end):
        gap = raw[unit.text.raw_index(cut - 1) + 1:unit.text.raw_index(cut)]
        if not gap.strip():
            continue
        if cut <= anchor:
            start = cut
        else:
            end = cut
            break
    return start, end


def build_records(page: PageView, i: int, chosen: list[Candidate], raw: str) -> list[Record]:
    """Records of the chosen candidates of unit i; a second amount of a group (its parent)
    shares the group's actor and year."""
    unit = page.units[i]
    sentence = unit.text.text
    records: list[Record] = []
    made: dict[int, Record] = {}
    page_date = page.page_date.iso() if page.page_date else None
    headline = page.headline(i)
    for cand in chosen:
        start, end = evidence_span(unit, cand, raw)
        raw_start, raw_end = unit.text.raw_span(start, end)
        parent = made.get(id(cand.parent)) if cand.parent else None
        amount = cand.amount.value if cand.amount else None
        currency = currency_of(cand.amount.text, page.currencies) if cand.amount else None
        modality = page.modalities.modality(i, cand, parent)
        record = Record(
            doc_id=page.doc_id, start=raw_start, end=raw_end, evidence=sentence[start:end], sentence=sentence,
            actor=parent.actor if parent else cand.actor or page.actors.actor(i, cand.start),
            year=parent.year if parent else page.times.year(i, cand.start, modality == "actual"),
            period=page.times.period(i, cand) or (parent.period if parent else None),
            project_count=int(cand.count.value) if cand.count else None,
            count_unit=cand.count_unit, count_qualifier=cand.count.qualifier if cand.count else None,
            category=cand.category,
            amount_yuan=amount if currency == "CNY" else None, amount_value=amount, currency=currency,
            amount_text=cand.amount.text if cand.amount else None,
            amount_kind=cand.amount_kind if cand.amount else None,
            amount_qualifier=cand.amount.qualifier if cand.amount else None,
            modality=modality,
            projects=list(cand.projects), rule=cand.rule.id, page_date=page_date, headline=headline,
        )
        made[id(cand)] = record
        records.append(record)
    return records
