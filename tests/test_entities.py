"""Stage 4: places and bodies from jieba + gazetteer + suffixes; the HanLP backend fails cleanly."""
from __future__ import annotations

import pytest

from extract.entities import BackendUnavailable, JiebaEntityTagger, make_tagger

TAGGER = JiebaEntityTagger()

CASES = [  # text, (entity text, kind, place)
    ("2024年，区住建局将坚决贯彻落实", ("区住建局", "body", None)),
    ("莱山经济开发区党工委书记、管委主任 王大昌", ("莱山经济开发区党工委", "body", "莱山经济开发区")),
    ("城阳区委副书记、区长殷连刚：真抓实干", ("城阳区委", "body", "城阳区")),
    ("2023年,解甲庄街道将笃定“项目为王”不动摇", ("解甲庄街道", "place", "解甲庄街道")),
    ("西海岸新区计划实施143个重点攻坚项目", ("西海岸新区", "place", "西海岸新区")),
    ("昆明市五华区华山街道实施总投资3500万元的9个项目", ("昆明市五华区华山街道", "place", "昆明市五华区华山街道")),
    ("今年以来，合肥新站高新区已签约项目3个", ("合肥新站高新区", "place", "合肥新站高新区")),
    ("丽水经开区力争全年引进总部型项目两个", ("丽水经开区", "place", "丽水经开区")),
    ("今年，大连金普新区确定实施重点项目106个", ("大连金普新区", "place", "大连金普新区")),
    ("市北:发力“五大战场”", ("市北", "place", "市北")),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:12] for c in CASES])
def test_entity(text, expected):
    found = [(e.text, e.kind, e.place) for e in TAGGER.tag(text)]
    assert expected in found


@pytest.mark.parametrize("text", ["让城市更宜居，城市宜居宜业", "讲好新区宜居宜业故事", "统筹推进26项青岛市级以上改革试点"])
def test_not_places(text):
    """jieba alone tags 城市 and 宜居 as places; with the gazetteer they are not."""
    places = [e.text for e in TAGGER.tag(text) if e.kind in ("place", "body")]
    assert "城市" not in places and "宜居" not in places and "讲好新区" not in places


def test_generic_reference_is_marked_generic():
    kinds = {e.text: e.kind for e in TAGGER.tag("今年开发区承担的各级重点项目共计42个")}
    assert kinds == {"开发区": "generic"}


def test_hanlp_without_model_is_one_clear_line():
    with pytest.raises(BackendUnavailable) as err:
        make_tagger("hanlp", hanlp_model=None)
    assert "--hanlp-model" in str(err.value) and "\n" not in str(err.value)


def test_hanlp_with_missing_directory(tmp_path):
    with pytest.raises(BackendUnavailable, match="does not exist"):
        make_tagger("hanlp", hanlp_model=str(tmp_path / "nope"))


def test_cli_hanlp_without_model_exits_cleanly(capsys):
    from extract.cli import main

    code = main(["run", "data/raw", "--ner", "hanlp", "-o", "/tmp/never.jsonl"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "hanlp" in err.lower()
