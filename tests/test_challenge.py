"""The challenge set: sentences written for this project in the genre (other provinces, cities,
years, orders, units), with the records each must give — and distractors that must give none.

Every case is a line of data in tests/challenge/cases.yaml.  A case the pipeline gets wrong
today is marked there with `xfail: reason` and runs as a strict xfail, so a fix shows up.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from extract import extract_text

HERE = Path(__file__).parent / "challenge"
# cases.yaml: written while the rules were built.  heldout.yaml and heldout2.yaml: written by
# people who had not seen the rules or the other sets; their first runs are the honest
# generalisation figures (see README).
CASES = [dict(c, source=name) for name in ("cases", "heldout", "heldout2")
         for c in yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))]


def _same_amount(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=0.005)


def _accepts(expected, value) -> bool:
    return value in expected if isinstance(expected, list) else value == expected


def check_case(case: dict) -> list[str]:
    """Problems with the pipeline's records for one case (empty when it is right)."""
    records = extract_text(case["text"], doc_id=case["id"], year=case.get("page_year"))
    problems, unused = [], list(records)
    for exp in case["expect"]:
        hit = next((r for r in unused if r.project_count == exp["project_count"]
                    and _same_amount(exp["amount_yuan"], r.amount_yuan)), None)
        if hit is None:
            problems.append(f"missing record count={exp['project_count']} amount={exp['amount_yuan']}")
            continue
        unused.remove(hit)
        for name, want in exp.items():
            if name in ("project_count", "amount_yuan"):
                continue
            got = getattr(hit, name)
            if name == "projects":
                ok = [p.removesuffix("项目") for p in got] == [p.removesuffix("项目") for p in want]
            else:
                ok = _accepts(want, got)
            if not ok:
                problems.append(f"{name}: want {want!r}, got {got!r} (count={hit.project_count}, {hit.evidence})")
    for extra in unused:
        problems.append(f"spurious record count={extra.project_count} amount={extra.amount_yuan} "
                        f"{extra.evidence!r} ({extra.rule})")
    return problems


def _param(case: dict):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_challenge_case(case):
    problems = check_case(case)
    assert not problems, f"{case['text']}\n  " + "\n  ".join(problems)


def test_challenge_set_is_big_enough():
    own = [c for c in CASES if c["source"] == "cases"]
    assert len(own) >= 100 and sum(not c["expect"] for c in own) >= 30
    assert len({c["id"] for c in CASES}) == len(CASES)
