"""Stories and attribution: markup, stories, page dates, and the actor, year and modality of a
figure taken from its own story.  Each test is a page shape the real corpora have."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extract import extract_text
from extract.attribute.names import is_name
from extract.entities import Entity
from extract.markup import FILL, mask_markup
from extract.normalize import normalize
from extract.pagedate import date_from_caller, date_in_path, date_in_text, page_date_of
from extract.rules import DEFAULT_RULES_DIR, load_lexicon, load_places
from extract.sentences import stories_of, units_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "xinwenlianbo-2022-2026.tar.gz"

BROADCAST = """# 《新闻联播》 (20240329)

## 新闻摘要

（6）湖南集中开工687个重大项目 总投资2167亿元；

（7）广东发布新一轮产业政策。

## 详细新闻

### 广东发布新一轮产业政策

<p><strong>央视网消息</strong>（新闻联播）：广东省今天发布新一轮产业政策，支持制造业发展。</p>

### 国内联播快讯

<p><strong>央视网消息</strong>（新闻联播）：</p><p><strong>湖南集中开工687个重大项目 总投资2167亿元</strong><br></p><p>今天，湖南省集中开工687个项目，总投资2167亿元。</p>
"""


# ----- markup and stories ----------------------------------------------------------------------

def test_markup_is_masked_in_place():
    raw = "<p><strong>央视网消息</strong>（新闻联播）：总投资&nbsp;12亿元。</p>"
    masked = mask_markup(raw).text
    assert len(masked) == len(raw) and "<" not in masked and "&" not in masked
    assert masked.replace(FILL, "").replace("\n", "").replace(" ", "") == "央视网消息（新闻联播）：总投资12亿元。"


def test_a_broadcast_day_becomes_stories_with_headlines():
    units = units_of(normalize(BROADCAST))
    stories = stories_of(units)
    heads = [units[s.headline].text.text if s.headline is not None else None for s in stories]
    assert "湖南集中开工687个重大项目 总投资2167亿元" in heads and "广东发布新一轮产业政策" in heads
    items = [s for s in stories if any(u.text.text.startswith("（6）") for u in units[s.first:s.end])]
    assert len(items) == 1 and items[0].headline is None  # a contents item is a story of its own, no headline


def test_records_take_actor_year_and_headline_from_their_own_story():
    records = extract_text(BROADCAST, "20240329", path="news/20240329.md")
    assert {r.page_date for r in records} == {"2024-03-29"}
    by_text = {r.sentence: r for r in records}
    item = next(r for s, r in by_text.items() if s.startswith("（6）"))
    assert item.actor == "湖南" and item.headline is None  # not 广东, the story after it
    body = next(r for s, r in by_text.items() if s.startswith("今天"))
    assert body.actor == "湖南省" and body.headline == "湖南集中开工687个重大项目 总投资2167亿元"
    assert body.modality == "actual" and body.evidence == "687个项目，总投资2167亿元"
    for r in records:  # offsets point into the raw file, markup and all
        assert "".join(BROADCAST[r.start:r.end].split()) == "".join(r.evidence.split())


# ----- page dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso", [
    ("（《新闻联播》 20240208 19:00）", "2024-02-08"),
    ("# 《新闻联播》 (20240208)\n", "2024-02-08"),
    ("青岛日报\n2024年2月8日 星期四\n", "2024-02-08"),
    ("2026年山东省政府工作报告\n——2026年1月27日在山东省第十四届人民代表大会第四次会议上\n", "2026-01-27"),
    ("来源：大众日报\n时间：2026-02-01\n", "2026-02-01"),
])
def test_page_date_from_the_page_itself(text, iso):
    assert date_in_text(text).iso() == iso


@pytest.mark.parametrize("path, iso", [
    ("2020-05-11_p18.txt", "2020-05-11"), ("news/20240208.md", "2024-02-08"), ("20240203_03.html", "2024-02-03"),
    ("archive/2024/02/03/page.txt", "2024-02-03"), ("20200511-18-01.txt", "2020-05-11"), ("2026_山东省.txt", "2026"),
])
def test_page_date_from_the_file_name_or_path(path, iso):
    assert date_in_path(path).iso() == iso


def test_page_date_from_the_caller_and_its_errors():
    assert date_from_caller("2024").iso() == "2024" and date_from_caller(2024).iso() == "2024"
    assert date_from_caller("2024-02").iso() == "2024-02"
    with pytest.raises(ValueError):
        date_from_caller("2024-13-01")
    assert page_date_of("没有日期的页面", None, "2023-05-06").iso() == "2023-05-06"


def test_a_january_page_puts_this_years_plans_in_its_own_year():
    """今年 resolves against the page date, not the year the page names most often."""
    text = ("2023年，全市完成投资1200亿元。2023年经济运行稳中有进。2023年全年新开工项目300个。\n\n"
            "今年一季度北京市将有160项重大项目开工建设。\n")
    (record,) = [r for r in extract_text(text, "20240131", path="news/20240131.md") if r.project_count == 160]
    assert record.year == 2024 and record.period == "Q1" and record.modality == "target"


REPORT = ("2026年某省政府工作报告\n——2026年1月20日在某省第十四届人民代表大会第四次会议上\n各位代表：\n"
          "一、“十四五”时期工作回顾\n“十四五”时期是我省发展极不平凡的五年。\n"
          "——项目建设成效明显。实施省级重点项目超2000个，完成投资超万亿元。\n"
          "刚刚过去的2025年，全省上下攻坚克难。\n"
          "狠抓项目建设。全年新开工亿元以上项目560个。\n"
          "三、全力推动“十五五”开好局起好步\n2026年是“十五五”开局之年。\n"
          "扩大有效投资。实施省重点项目1500个以上。\n")


def test_report_years_follow_section_headings_and_paragraph_openings():
    """A span heading (一、“十四五”时期工作回顾) gives five-year figures no year; an opening
    (刚刚过去的2025年，…) frames the paragraphs after it; 全年 of a result in a January report is
    the year that is over; the plan section takes the year its opening names."""
    years = {r.project_count: r.year for r in extract_text(REPORT, "2026_某省", path="2026_某省.txt")}
    assert years == {2000: None, 560: 2025, 1500: 2026}


@pytest.mark.parametrize("sentence, year", [
    ("吉林省统筹专项资金，力争三年内重点支持300个以上“智改数转”示范项目。", None),  # the 年内 of 三年内
    ("规划提出到2035年基本实现现代化。规划部署109项重大工程。", None),  # a horizon, not a year
    ("两大标志性战役自2023年下半年启动以来进展顺利，目前正在推进23个具体项目。", 2024),  # a span's start
])
def test_spans_horizons_and_starts_are_no_figure_year(sentence, year):
    (record,) = extract_text(sentence, "20240106", path="news/20240106.md")
    assert record.year == year, record


# ----- actors and names ------------------------------------------------------------------------------

LEX = load_lexicon()
PLACES = load_places(str(DEFAULT_RULES_DIR))


def _is_name(text: str, kind: str = "place") -> bool:
    return is_name(Entity(text, 0, len(text), kind), text, PLACES, tuple(LEX["name_bad_starts"]),
                   frozenset(LEX["known_bodies"]), tuple(LEX["place_suffixes"]))


@pytest.mark.parametrize("name", ["路径区", "五星红旗", "全城惠民集市", "个自由贸易试验区", "次东盟", "某某县县", "县",
                                  "记者从区", "辽宁四处大型灌区", "山东五省", "福建市"])
def test_fragments_are_no_names(name):
    assert not _is_name(name)


@pytest.mark.parametrize("name", ["城阳区", "红谷滩区", "莘庄工业区", "和林格尔新区", "盘州市柏果镇", "解甲庄街道",
                                  "莱山经济开发区", "合肥新站高新区", "太谷区", "湖北嘉鱼潘家湾镇"])
def test_names_are_names(name):
    assert _is_name(name)


def test_a_slogan_fragment_is_no_actor():
    (record,) = extract_text("要做精老城区，实施重点项目12个，总投资30亿元。", year=2024)
    assert record.actor != "老城区"


def test_a_report_figure_is_the_provinces_not_a_city_named_paragraphs_before():
    text = ("2026年四川省人民政府工作报告\n\n一、2025年工作回顾\n\n成都都市圈主引擎地位更加凸显，泸州经济总量突破3000亿元。\n\n"
            "全省上下扎实推动高质量发展。810个省重点项目完成投资10428.6亿元。\n\n二、2026年工作安排\n\n"
            "今年，要实施省重点项目800个以上。\n")
    records = {r.project_count: r for r in extract_text(text, "2026_四川省", path="2026_四川省.txt")}
    assert records[810].actor == "四川省" and records[810].year == 2025 and records[810].modality == "actual"
    assert records[800].year == 2026 and records[800].modality == "target"
    assert records[810].headline == "2026年四川省人民政府工作报告" and records[810].page_date == "2026"


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_file(), reason="the 新闻联播 corpus (../shared/corpora) is not here")
def test_every_actor_in_the_broadcast_corpus_is_a_name(tmp_path):
    """The whole corpus: every actor is a gazetteer place, a known body, a national scope, or a name
    that passes the name rule; the rejected ones are listed."""
    from extract.cli import main

    out = tmp_path / "news.jsonl"
    assert main(["run", str(CORPUS), "-o", str(out)]) == 0
    actors = {json.loads(line)["actor"] for line in out.read_text(encoding="utf-8").splitlines()} - {None}
    suffixes = tuple(LEX["place_suffixes"])
    kinds = {a: "national" if a in LEX["national_actors"] else "place" if a.endswith(suffixes) else "body" for a in actors}
    rejected = sorted(a for a in actors if not _is_name(a, kinds[a]))
    assert len(actors) > 100 and rejected == []
    assert not [a for a in actors if re.match(r"^(?:个|次|记者)", a)]


def test_cli_date_dates_pages_that_give_none(tmp_path):
    from extract.cli import main
    from extract.records import read_records

    page = tmp_path / "page.txt"
    page.write_text("今年全市计划实施重点项目120个，总投资500亿元。\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert main(["run", str(page), "-o", str(out), "--date", "2023-05"]) == 0
    (record,) = read_records(out)
    assert record.page_date == "2023-05" and record.year == 2023
    assert main(["run", str(page), "-o", str(out), "--date", "2023-13"]) == 1


def test_a_fair_is_the_actor_of_what_is_signed_there():
    text = "截至今天，本届东博会已有155个项目成功签约，其中产业项目94个。"
    assert {r.actor for r in extract_text(text, year=2025)} == {"本届东博会"}
    assert {r.actor for r in extract_text("全区项目建设动员大会提出，实施重点项目30个。", year=2025)} != {"全区项目建设动员大会"}


def test_a_plan_span_ahead_makes_a_target_whatever_le_says():
    text = "“十五五”时期，河北立足高质量发展，谋划了105项重大工程。向“协同”发力，在交通、科技等协同领域谋划20项重点工程。"
    assert {r.project_count: r.modality for r in extract_text(text, year=2026)} == {105: "target", 20: "target"}
    assert extract_text("“十四五”以来，全省已建成重大工程105项。", year=2026)[0].modality == "actual"


def test_attribution_work_per_figure_stays_flat_on_one_long_line(monkeypatch):
    """A broken page (thousands of figures on one line, no full stop) must not make look-ups
    quadratic: the year, heading and name look-ups per figure stay flat from 500 to 2,000 figures."""
    from extract.attribute import actor, time as time_mod

    counts = {"year_in": 0, "speaker_place": 0}
    real_year_in, real_speaker = time_mod.year_in, actor.ActorFinder._speaker_place

    def year_in(*args, **kwargs):
        counts["year_in"] += 1
        return real_year_in(*args, **kwargs)

    def speaker_place(self, ent, i):
        counts["speaker_place"] += 1
        return real_speaker(self, ent, i)

    monkeypatch.setattr(time_mod, "year_in", year_in)
    monkeypatch.setattr(actor.ActorFinder, "_speaker_place", speaker_place)
    per_figure = []
    for n in (500, 2000):
        counts.update(year_in=0, speaker_place=0)
        records = extract_text("全区实施重点项目12个，总投资6亿元，" * n, year=2024)
        assert len(records) == n
        per_figure.append({k: v / n for k, v in counts.items()})
    for name in counts:
        assert per_figure[1][name] <= 1.2 * per_figure[0][name] + 1, (name, per_figure)


def test_a_company_introduced_as_one_is_the_actor_of_its_investment():
    text = "不久前，跨国企业罗氏制药宣布，在上海增资20.4亿元人民币建设全新的生产基地。"
    assert [(r.actor, r.amount_value) for r in extract_text(text, year=2025)] == [("罗氏制药", 2.04e9)]
    assert {r.actor for r in extract_text("实施“专精特新”企业倍增计划，新建项目12个。", year=2025)} != {"倍增"}


def test_fragments_of_words_and_campaigns_are_no_actors():
    """Seen in the 新闻联播 output: 新兴市(场), 外资企业持续…, 阻击战片区, 海南建省办经济特区 stood as actors."""
    records = extract_text("新兴市场国家实施200多个合作项目。外资企业持续在中国增资扩产，为80多个城市更新改造项目供货。"
                           "阻击战片区部署实施14个重点项目。", "20230825", path="news/20230825.md")
    assert [r.project_count for r in records] == [200, 80, 14]
    assert {r.actor for r in records} <= {None, "中国"}


def test_a_cities_short_form_in_an_opening_zai_phrase_is_the_actor():
    """在深圳，…: 深圳 is the gazetteer's short form of 深圳市 (a name the tagger takes only in
    headings), and the opening 在 phrase says where the figure is (news 20250607)."""
    text = "在深圳，西门子医疗的磁共振核心零部件研发基地正在加紧建设，项目总投资超过了10亿元。"
    assert [(r.actor, r.amount_yuan) for r in extract_text(text, year=2025)] == [("深圳", 1e9)]


def test_the_state_as_subject_is_a_national_actor_but_not_inside_a_name():
    """国家部署实施… / 国家成立…机制: the state is the subject (news 20230711, 20240606); 国家电网 and
    国家重点项目 are a body and a modifier."""
    said = "自然资源部表示，截至目前，国家部署实施了51个山水林田湖草沙一体化保护和修复工程。"
    assert [r.actor for r in extract_text(said, year=2023)] == ["国家"]
    body = "国家电网今年安排重点工程项目120个。"
    assert [r.actor for r in extract_text(body, year=2023)] == ["国家电网"]
