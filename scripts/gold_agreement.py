#!/usr/bin/env python3
"""Agreement between two independent annotations of the same pages (inter-annotator F1).

Records pair as the scorer pairs them (same page, same count, amount within 0.5%).  Printed:
record F1 over all records, F1 over the records both call required, and, on paired records, how
often the two agree on each field (either's alternatives accepted).

usage: scripts/gold_agreement.py FIRST_DIR SECOND_DIR
"""
import pathlib, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from extract.goldset import load_gold  # noqa: E402
from extract.records import record_from_dict  # noqa: E402
from extract.score import match  # noqa: E402

FIELDS = ["actor", "year", "period", "modality", "category", "amount_kind", "count_qualifier", "amount_qualifier",
          "page_date", "headline"]


def f1(a: int, b: int, both: int) -> float:
    return 2 * both / (a + b) if a + b else 1.0


def agree(x, y, name: str) -> bool:
    xs = x.alternatives.get(name, [x.record[name]])
    ys = y.alternatives.get(name, [y.record[name]])
    norm = lambda v: "".join(v.split()) if isinstance(v, str) else v  # noqa: E731
    return bool({norm(v) for v in xs} & {norm(v) for v in ys})


def main(first: str, second: str) -> int:
    b = load_gold(second)
    docs = {g.record["doc_id"] for g in b} | {p.stem for p in pathlib.Path(second).glob("*.jsonl")}
    a = [g for g in load_gold(first) if g.record["doc_id"] in docs]
    as_pred = [record_from_dict(g.record) for g in b]
    pairs, _, _ = match(a, as_pred)
    by_pred = {id(p): g for g, p in zip(b, as_pred)}
    print(f"pages {len(docs)}; records {len(a)} (first) vs {len(b)} (second); paired {len(pairs)}")
    print(f"record agreement F1, all records:      {f1(len(a), len(b), len(pairs)):.3f}")
    req = [(x, by_pred[id(p)]) for x, p in pairs if x.required and by_pred[id(p)].required]
    na, nb = sum(g.required for g in a), sum(g.required for g in b)
    print(f"record agreement F1, required records: {f1(na, nb, len(req)):.3f}  ({na} vs {nb}, {len(req)} paired)")
    both = [(x, by_pred[id(p)]) for x, p in pairs]
    for name in FIELDS:
        ok = sum(agree(x, y, name) for x, y in both)
        print(f"  {name:<17} {ok}/{len(both)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
