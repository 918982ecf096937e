"""Facts -> each actor's targets and results by year: one self-contained HTML page, or a workbook.

Per actor, a table: one row per measure (projects planned, total investment planned, investment
completed …), one column per year, each cell the facts of that measure and year, each number a
link to its fact's mentions (page, date, sentence with the figure marked) further down the same
page; and a chart, plan vs result (charts.py).  The page holds everything (CSS, SVG charts as
data URIs, no script): it opens with no network and can be mailed.
"""
from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .records import atomic_path

UNNAMED = "(actor not named)"
# (modality, kind) -> row label, in row order; kind "projects" is the count of a fact
MEASURES: dict[tuple[str, str], str] = {
    ("target", "projects"): "projects planned",
    ("target", "total_investment"): "total investment planned",
    ("target", "annual_investment"): "annual investment planned",
    ("target", "completed_investment"): "investment to complete",
    ("target", "statistics"): "statistics planned",
    ("target", "output_value"): "output value planned",
    ("target", "amount"): "amount planned",
    ("actual", "projects"): "projects reported",
    ("actual", "total_investment"): "total investment of projects reported",
    ("actual", "annual_investment"): "annual investment reported",
    ("actual", "completed_investment"): "investment completed",
    ("actual", "statistics"): "statistics reported",
    ("actual", "output_value"): "output value reported",
    ("actual", "amount"): "amount reported",
}
QUALIFIER_SIGNS = {"approx": "约", "nearly": "近", "over": "超", "at_least": "≥"}


@dataclass(frozen=True)
class Actor:
    """One actor's part of the page: its facts and their table cells."""

    key: str
    name: str
    facts: pd.DataFrame
    cells: pd.DataFrame


def cells(facts: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per (fact, measure): a fact with a count and an amount fills two rows."""
    rows = []
    for fact in facts.to_dict("records"):
        key = fact["actor_key"] if isinstance(fact["actor_key"], str) else UNNAMED
        year = None if pd.isna(fact["year"]) else int(fact["year"])
        base = {"actor_key": key, "year": year, "fact_id": fact["fact_id"], "modality": fact["modality"]}
        if not pd.isna(fact["project_count"]):
            rows.append({**base, "kind": "projects", "value": float(fact["project_count"]),
                         "text": _qualified(f"{int(fact['project_count'])}个", fact["count_qualifier"])})
        amount = fact["amount_yuan"] if not pd.isna(fact["amount_yuan"]) else None
        if amount is not None or isinstance(fact["amount_text"], str):
            kind = fact["amount_kind"] if isinstance(fact["amount_kind"], str) else "amount"
            text = yuan_text(amount) if amount is not None else fact["amount_text"]
            rows.append({**base, "kind": kind, "value": amount if amount is not None else float("nan"),
                         "text": _qualified(text, fact["amount_qualifier"])})
    out = pd.DataFrame(rows, columns=["actor_key", "year", "fact_id", "modality", "kind", "value", "text"])
    order = {k: i for i, k in enumerate(MEASURES)}
    out["order"] = [order.get((m, k), len(order)) for m, k in zip(out["modality"], out["kind"])]
    out["measure"] = [MEASURES.get((m, k), f"{k} ({m})") for m, k in zip(out["modality"], out["kind"])]
    out["year"] = out["year"].astype("Int64")
    return out


def yuan_text(amount: float) -> str:
    """292900000000 -> 2929亿元, 35000000 -> 3500万元: the units the pages use."""
    if abs(amount) >= 1e8:
        return f"{amount / 1e8:,.6g}亿元".replace(",", "")
    if abs(amount) >= 1e4:
        return f"{amount / 1e4:.6g}万元"
    return f"{amount:.6g}元"


def _qualified(text: str, qualifier) -> str:
    return QUALIFIER_SIGNS.get(qualifier, "") + text if isinstance(qualifier, str) else text


def actors(facts: pd.DataFrame, min_facts: int = 1) -> list[Actor]:
    """Actors with at least min_facts facts, most facts first; facts without an actor last, together."""
    table = cells(facts)
    keys = facts["actor_key"].where(facts["actor_key"].notna(), UNNAMED)
    out = []
    for key, part in facts.groupby(keys, sort=False):
        if len(part) < min_facts:
            continue
        names = part["actor"].dropna()
        name = names.value_counts().index[0] if not names.empty else UNNAMED
        out.append(Actor(key, name, part, table[table["actor_key"] == key]))
    return sorted(out, key=lambda a: (a.key == UNNAMED, -len(a.facts), a.key))


def top_actors(facts: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n named actors with most facts, with their counts of mentions, targets and results."""
    named = facts[facts["actor_key"].notna()]
    table = named.groupby("actor_key").agg(
        actor=("actor", lambda s: s.value_counts().index[0]), facts=("fact_id", "size"),
        mentions=("mention_count", "sum"), targets=("modality", lambda s: int((s == "target").sum())),
        results=("modality", lambda s: int((s == "actual").sum())),
        years=("year", lambda s: ", ".join(str(int(y)) for y in sorted(s.dropna().unique()))))
    return table.sort_values(["facts", "mentions"], ascending=False).head(n).reset_index()


# ----------------------------------------------------------------------------------------------
# HTML

CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:0 2em 4em;color:#222;max-width:1100px}
h1{font-size:1.5em} h2{margin-top:2.5em;border-bottom:2px solid #ddd} h2 small{color:#777;font-weight:normal}
nav a{margin-right:.8em;white-space:nowrap} img.chart{display:block;max-width:640px;margin:.5em 0}
table.trend{border-collapse:collapse;margin:.5em 0 1em} table.trend th,table.trend td{border:1px solid #ccc;
padding:.25em .6em;vertical-align:top} table.trend thead th{background:#f3f3f3} tr.target th{color:#1565c0}
tr.actual th{color:#2e7d32} a.num{display:block;text-decoration:none;color:#0d47a1} a.num:hover{text-decoration:underline}
a.num small{color:#888} .fact{border-left:4px solid #ccc;padding:.2em .8em;margin:.6em 0}
.fact:target{border-color:#f9a825;background:#fff8e1} .fact h4{margin:.2em 0;font-size:1em}
.fact li{margin:.2em 0} .doc{font-family:monospace;color:#555} mark{background:#ffe082}
"""


def render_html(facts: pd.DataFrame, min_facts: int = 1, title: str = "Targets and results by actor") -> str:
    """The whole page: header, an index of actors, then one section per actor."""
    from .charts import data_uri, draw, series_of

    groups = actors(facts, min_facts)
    sections = []
    for n, actor in enumerate(groups, 1):
        lines = series_of(actor.cells)
        chart = (f'<img class="chart" alt="{_e(actor.name)}: plan vs result" src="{data_uri(draw(lines))}">'
                 if lines else '<p class="nochart">no year is known for these facts: no chart</p>')
        sections.append(f'<section class="actor" id="a{n}"><h2>{_e(actor.name)} <small>{len(actor.facts)} facts, '
                        f'{int(actor.facts["mention_count"].sum())} mentions</small></h2>{chart}'
                        f'{_table(actor)}{_mentions(actor)}</section>')
    index = " ".join(f'<a href="#a{n}">{_e(a.name)}</a>' for n, a in enumerate(groups, 1))
    mentions = int(facts["mention_count"].sum()) if len(facts) else 0
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f'<style>{CSS}</style></head><body><h1>{_e(title)}</h1>'
            f'<p class="summary">{len(facts)} facts from {mentions} mentions; {len(groups)} actors. '
            'Each number links to the sentences it came from. Charts: a year\'s largest figure of each kind; '
            f'targets dashed, results solid.</p><nav>{index}</nav>{"".join(sections)}</body></html>')


def _table(actor: Actor) -> str:
    """Measures by year; '?' holds the facts whose year is not known."""
    years = sorted(int(y) for y in actor.cells["year"].dropna().unique())
    columns = years + ([None] if actor.cells["year"].isna().any() else [])
    head = "".join(f"<th>{y if y is not None else 'year ?'}</th>" for y in columns)
    body = []
    for (order, measure, modality), part in actor.cells.groupby(["order", "measure", "modality"], sort=True):
        tds = []
        for year in columns:
            here = part[part["year"].isna()] if year is None else part[part["year"] == year]
            tds.append("<td>" + "".join(_link(c) for c in here.to_dict("records")) + "</td>")
        body.append(f'<tr class="{modality}"><th>{_e(measure)}</th>{"".join(tds)}</tr>')
    return (f'<table class="trend"><thead><tr><th>measure</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _link(cell: dict) -> str:
    return f'<a class="num" href="#{cell["fact_id"]}" title="its mentions">{_e(cell["text"])}</a>'


def _mentions(actor: Actor) -> str:
    """Each fact with the sentences that state it: the targets of the table's links."""
    blocks = []
    for fact in actor.facts.sort_values(["year", "modality"], na_position="last").to_dict("records"):
        year = "year ?" if pd.isna(fact["year"]) else int(fact["year"])
        period = f" {fact['period']}" if isinstance(fact["period"], str) else ""
        items = "".join(_mention(m) for m in fact["mentions"])
        blocks.append(f'<div class="fact" id="{fact["fact_id"]}"><h4>{_e(str(year))}{_e(period)} · {fact["modality"]} · '
                      f'{_e(fact["evidence"])} <small>({fact["mention_count"]} mentions)</small></h4><ol>{items}</ol></div>')
    return f'<div class="mentions"><h3>mentions</h3>{"".join(blocks)}</div>'


def _mention(m: dict) -> str:
    sentence, evidence = m.get("sentence") or "", m.get("evidence") or ""
    at = sentence.find(evidence) if evidence else -1
    text = (_e(sentence[:at]) + f"<mark>{_e(evidence)}</mark>" + _e(sentence[at + len(evidence):]) if at >= 0
            else f"{_e(sentence)} <mark>{_e(evidence)}</mark>")
    date = f' {_e(m["page_date"])}' if m.get("page_date") else ""
    headline = f' 《{_e(m["headline"])}》' if m.get("headline") else ""
    return f'<li><span class="doc">{_e(m["doc_id"])}</span>{date}{headline} @{m["start"]}: <q>{text}</q></li>'


def _e(text) -> str:
    return html.escape(str(text), quote=True)


# ----------------------------------------------------------------------------------------------
# Workbook and command


def write_xlsx(facts: pd.DataFrame, target: Path, min_facts: int = 1) -> None:
    """Sheets trends (actor x measure x year, each cell linked to its first mention), facts, mentions."""
    from .tables import _flat, excel_engine

    excel_engine()
    mentions = pd.DataFrame([{"fact_id": f["fact_id"], "actor": f["actor"], **m} for f in facts.to_dict("records")
                             for m in f["mentions"]])
    first_row = {fid: i + 2 for i, fid in reversed(list(enumerate(mentions.get("fact_id", []))))}
    wide, links = _wide(actors(facts, min_facts), first_row)
    with atomic_path(target, mode=None) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            wide.to_excel(writer, sheet_name="trends", index=False)
            _flat(facts).to_excel(writer, sheet_name="facts", index=False)
            mentions.to_excel(writer, sheet_name="mentions", index=False)
            sheet = writer.sheets["trends"]
            for (row, col), mention_row in links.items():
                sheet.cell(row=row, column=col).hyperlink = f"#mentions!A{mention_row}"


def _wide(groups: list[Actor], first_row: dict[str, int]) -> tuple[pd.DataFrame, dict]:
    """One row per actor and measure, one column per year; links[(row, column)] -> mentions row."""
    years = sorted({int(y) for a in groups for y in a.cells["year"].dropna()})
    column = {year: n for n, year in enumerate(years + [None], 3)}
    rows, links = [], {}
    for actor in groups:
        for (order, measure, modality), part in actor.cells.groupby(["order", "measure", "modality"], sort=True):
            row: dict = {"actor": actor.name, "measure": measure}
            by_year: dict = {}
            for cell in part.to_dict("records"):
                by_year.setdefault(None if pd.isna(cell["year"]) else int(cell["year"]), []).append(cell)
            for year, here in by_year.items():
                row[str(year) if year is not None else "year ?"] = "; ".join(c["text"] for c in here)
                links[(len(rows) + 2, column[year])] = first_row[here[0]["fact_id"]]
            rows.append(row)
    return pd.DataFrame(rows, columns=["actor", "measure"] + [str(y) for y in years] + ["year ?"]), links


def load_facts(paths: list[Path], rules_dir: str | None = None) -> pd.DataFrame:
    """A facts file as it is; record files are grouped into facts first."""
    from .grouping import facts
    from .tables import is_facts_file, load_records, read_facts

    if len(paths) == 1 and is_facts_file(paths[0]):
        return read_facts(paths[0])
    return facts(load_records(paths), rules_dir)


def cmd_trends(args) -> int:
    """extract trends: facts or records in, trends.html or trends.xlsx out."""
    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".htm", ".xlsx"):
        print(f"extract: {args.output}: the output format comes from the suffix: .html or .xlsx", file=sys.stderr)
        return 1
    try:
        table = load_facts(args.inputs, args.rules)
    except (OSError, ValueError, KeyError) as err:
        print(f"extract: {err}", file=sys.stderr)
        return 1
    if suffix == ".xlsx":
        write_xlsx(table, args.output, args.min_facts)
    else:
        page = render_html(table, args.min_facts)
        with atomic_path(args.output, "w", encoding="utf-8") as handle:
            handle.write(page)
    print(f"extract: {len(table)} facts -> {args.output}", file=sys.stderr)
    return 0
