"""Rules as data: every rule's own examples, schema errors with file/line/id, bounded matching."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from extract import extract_text
from extract.rules import DEFAULT_RULES_DIR, RuleError, check_examples, load_rules

RULES = load_rules(DEFAULT_RULES_DIR, verify_examples=False)


@pytest.mark.parametrize("rule", RULES.rules, ids=[r.id for r in RULES.rules])
def test_rule_examples(rule):
    assert rule.description and rule.examples.get("match"), "every rule documents what it matches"
    assert check_examples(rule) == []


@pytest.fixture()
def rules_copy(tmp_path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def _append_rule(rules_dir: Path, text: str) -> Path:
    path = rules_dir / "patterns" / "zz_user.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BAD_RULES = [  # (a user's rules file, what the error must say: file, line, rule id, reason)
    ("- id: broken\n  pattern: [unclosed\n", r"zz_user.yaml:\d+: not valid YAML"),
    ("- id: ok_rule\n  description: d\n  pattern: 'x'\n- id: typo_rule\n  description: d\n  patern: 'x'\n",
     r"zz_user.yaml:4: rule 'typo_rule': unknown field\(s\) patern"),
    ("- id: bad_regex\n  description: d\n  pattern: '(?P<count>{COUNT}'\n", r"zz_user.yaml:1: rule 'bad_regex': invalid regex"),
    ("- id: m\n  description: d\n  pattern: '{NOPE}'\n", r"unknown macro \{NOPE\}"),
    ("- id: m\n  description: d\n  pattern: '{@no_such_list}'\n", r"unknown lexicon list 'no_such_list'"),
    ("- id: liar\n  description: d\n  pattern: '(?P<count>{COUNT})工程'\n  examples:\n    match: ['5个项目']\n",
     r"zz_user.yaml:1: rule 'liar': example does not match: 5个项目"),
    ("- id: count_noun\n  description: d\n  pattern: 'x'\n", r"rule 'count_noun': id already used"),
    ("- id: a\n  description: d\n  at_anchor: true\n  pattern: 'x(?P<count>{COUNT})'\n",
     r"rule 'a': at_anchor needs the pattern to begin with"),
    ("- id: n\n  description: d\n  at_anchor: true\n  needs: '工程'\n  pattern: '(?P<count>{COUNT})项目'\n"
     "  examples:\n    match: ['5个项目，工程']\n",
     r"rule 'n': example lacks what `needs` asks for: 5个项目，工程"),  # found beside the match, not in it
    ("- id: n\n  description: d\n  needs: '[（('\n  pattern: '(?P<count>{COUNT})项目'\n", r"rule 'n': invalid needs regex"),
    ("- id: n\n  description: d\n  needs: '（'\n  pattern: '(?P<count>{COUNT})项目'\n  examples:\n    match: ['5个项目']\n",
     r"rule 'n': example lacks what `needs` asks for: 5个项目"),
]


@pytest.mark.parametrize("text, message", BAD_RULES, ids=[m[:30] for _, m in BAD_RULES])
def test_bad_rules_file_names_file_line_and_rule(rules_copy, text, message):
    _append_rule(rules_copy, text)
    with pytest.raises(RuleError, match=message):
        load_rules(rules_copy)


def test_catastrophic_pattern_times_out_and_is_skipped(rules_copy):
    """A pattern with nested quantifiers cannot hang a run: it is reported and skipped."""
    _append_rule(rules_copy, "- id: catastrophic\n  description: exponential backtracking\n  priority: 99\n"
                             "  pattern: '(?:1|11)+(?P<count>[a-z])'\n")
    text = "全市实施" + "1" * 60 + "个重点项目，其中12个重点项目已开工。"
    warnings: list[str] = []
    records = extract_text(text, rules_dir=rules_copy, warnings=warnings)
    assert any("catastrophic" in w and "timed out" in w for w in warnings)
    assert [r.project_count for r in records] == [12]  # the other rules still ran


def test_a_user_rule_added_as_data_changes_output(rules_copy):
    """Adding a rule is editing YAML: a new head noun (工程包) needs no Python."""
    lex_path = rules_copy / "lexicon.yaml"
    lex = yaml.safe_load(lex_path.read_text(encoding="utf-8"))
    sentence = "今年，某县计划实施乡村振兴片区8个，总投资12亿元。"
    assert extract_text(sentence, rules_dir=rules_copy) == []
    lex["category_heads"].append("片区")
    lex_path.write_text(yaml.safe_dump(lex, allow_unicode=True), encoding="utf-8")
    (records,) = extract_text(sentence, rules_dir=rules_copy)
    assert (records.project_count, records.amount_yuan, records.category) == (8, 1.2e9, "乡村振兴片区")


def _set_needs(rules_dir, file: str, rule_id: str, needs: str) -> None:
    path = rules_dir / "patterns" / file
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    for rule in rules:
        if rule["id"] == rule_id:
            rule["needs"], rule["examples"] = needs, {}
    path.write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("rule_id", ["count_noun_amount", "noun_count_amount"])
def test_needs_keeps_an_anchored_rule_out_of_anchor_windows_without_its_text(rules_copy, rule_id):
    """An at_anchor or reverse rule's `needs` is looked for in the anchor's window: found there,
    the rule fires as before; asked for text the window lacks, it does not."""
    sentence = {"count_noun_amount": "今年全市169个市级重点项目完成投资282.8亿元。",
                "noun_count_amount": "全省新开工亿元以上项目1523个，计划总投资6281亿元。"}[rule_id]
    (record,) = extract_text(sentence, rules_dir=rules_copy)
    assert record.rule == rule_id and record.amount_yuan is not None and record.project_count
    _set_needs(rules_copy, "count_and_amount.yaml", rule_id, "【")
    assert all(r.rule != rule_id for r in extract_text(sentence, rules_dir=rules_copy, reload_rules=True))


def test_needs_keeps_a_scanned_rule_out_of_windows_without_its_text(rules_copy):
    """`needs` only saves time: the bracketed-amount rule still fires where brackets are, and a
    rule whose `needs` is never found does not fire."""
    sentence = "2023年，某县共有9个项目（总投资31.5亿元）列入省重点项目清单。"
    (record,) = extract_text(sentence, rules_dir=rules_copy)
    assert (record.project_count, record.amount_yuan, record.rule) == (9, 3.15e9, "count_noun_paren_amount")
    path = rules_copy / "patterns" / "count_and_amount.yaml"
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    for rule in rules:
        if rule["id"] == "count_noun_paren_amount":
            rule["needs"], rule["examples"] = "【", {}
    path.write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert all(r.rule != "count_noun_paren_amount" for r in extract_text(sentence, rules_dir=rules_copy, reload_rules=True))
