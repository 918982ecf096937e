"""The README's worked example on the 新闻联播 corpus: the ten actors with most facts, and one chart.

    extract run ../shared/corpora/xinwenlianbo-2022-2026.tar.gz -o /tmp/news.jsonl
    extract facts /tmp/news.jsonl -o /tmp/facts.jsonl
    python scripts/readme_trends.py /tmp/facts.jsonl 北京 docs/trends_beijing.png
"""
from __future__ import annotations

import sys
from pathlib import Path

from extract.charts import draw, series_of
from extract.tables import read_facts
from extract.trends import actors, top_actors


def main(facts_path: str, actor_key: str, png: str) -> None:
    table = read_facts(facts_path)
    print("| actor (key) | as written | facts | mentions | targets | results | years |")
    print("|---|---|---|---|---|---|---|")
    for r in top_actors(table).itertuples():
        print(f"| {r.actor_key} | {r.actor} | {r.facts} | {r.mentions} | {r.targets} | {r.results} | {r.years} |")
    actor = next(a for a in actors(table) if a.key == actor_key)
    Path(png).write_bytes(draw(series_of(actor.cells), "png", title=f"{actor.name}: plan vs result"))
    print(f"{png}: {actor.name}, {len(actor.facts)} facts")


if __name__ == "__main__":
    main(*sys.argv[1:4])
