"""Numbers: amounts to yuan, Chinese-numeral counts, qualifiers.

cn2an converts pure Chinese numerals (五十, 两, 三点五); it rejects what newspapers also write
(千亿 with no leading 一, mixed 1.2万亿, 2400余万元), so the unit arithmetic around it is
written here.  Decimal keeps 282.8亿 exact (28280000000.0, not ...0004).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


# Multipliers of the magnitude words, longest first so 万亿 wins over 亿.
MAGNITUDES: tuple[tuple[str, int], ...] = (
    ("万亿", 10**12), ("千亿", 10**11), ("百亿", 10**10), ("十亿", 10**9), ("亿", 10**8),
    ("千万", 10**7), ("百万", 10**6), ("十万", 10**5), ("万", 10**4),
)

# Qualifier words; kept in step with rules/lexicon.yaml `qualifiers` by load_qualifiers().
DEFAULT_QUALIFIERS: dict[str, dict[str, list[str]]] = {
    "approx": {"prefix": ["大约", "约为", "约"], "suffix": ["左右"]},
    "nearly": {"prefix": ["将近", "接近", "近"], "suffix": []},
    "over": {"prefix": ["超过", "逾", "超", "过"], "suffix": ["余", "多"]},
    "at_least": {"prefix": ["不少于", "不低于", "至少"], "suffix": ["及以上", "以上"]},
}

_CN_DIGITS = "零〇一二两三四五六七八九"
_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?")


@dataclass(frozen=True)
class Quantity:
    """A parsed figure: its value, the qualifier word's class, and the text as written."""

    value: float
    qualifier: str | None
    text: str


def _qualifier_of(prefix: str, suffix: str, qualifiers: dict) -> str | None:
    """Class of the qualifier words around a number; a prefix wins over a suffix."""
    for name, words in qualifiers.items():
        if prefix and prefix in words["prefix"]:
            return name
    for name, words in qualifiers.items():
        if suffix and suffix in words["suffix"]:
            return name
    return None


def _split_qualifiers(text: str, qualifiers: dict) -> tuple[str, str, str]:
    """Peel qualifier words off the front and back: 约453亿元 -> (约, 453亿元, '')."""
    prefixes = sorted({w for q in qualifiers.values() for w in q["prefix"]}, key=len, reverse=True)
    suffixes = sorted({w for q in qualifiers.values() for w in q["suffix"]}, key=len, reverse=True)
    prefix = next((p for p in prefixes if text.startswith(p)), "")
    core = text[len(prefix):]
    suffix = next((s for s in suffixes if core.endswith(s) and len(core) > len(s)), "")
    if suffix:
        core = core[: -len(suffix)]
    return prefix, core, suffix


@lru_cache(maxsize=4096)
def chinese_number(text: str) -> Decimal:
    """五十 -> 50, 两 -> 2, 千 -> 1000 (a bare 十/百/千 means one of it), 三点五 -> 3.5."""
    if text and text[0] in "十百千":
        text = "一" + text
    text = text.replace("两", "二")  # 两千, 两百: cn2an's strict mode knows only 二
    plain = plain_integer(text)
    if plain is not None:
        return Decimal(plain)
    if _SMALL_NUMERALS.fullmatch(text) and "零十" not in text and text != "零":
        raise ValueError(f"not a number: {text}")  # what cn2an's strict mode says of 一一, 二五, 一百五
    import cn2an  # loaded at the first numeral plain_integer cannot read: its import costs 0.3 s

    value = cn2an.cn2an(text, "strict")
    return Decimal(str(value))


_SMALL_NUMERALS = re.compile("[一二三四五六七八九十百千零〇]+")
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def plain_integer(text: str) -> int | None:
    """一千零五十 -> 1050: a whole number under ten thousand written in full, read here because
    nearly every Chinese numeral on a page is one and importing cn2an (which reads the rest: 万,
    亿, 点, colloquial 一百五) costs a third of a second in every process.  None: not such a number."""
    total, digit, last_unit, zero = 0, None, 10_000, False
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:
                return None  # 二五
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            skips = unit * 10 < last_unit < 10_000  # 一千零五十 skips 百 and needs its 零; 六千五十三 is no number
            if digit is None or unit >= last_unit or zero != skips:
                return None
            total, last_unit, digit, zero = total + digit * unit, unit, None, False
        elif ch in "零〇" and total and digit is None and not zero:
            zero = True
        else:
            return None
    if digit is not None:
        if last_unit not in (10, 10_000) and not zero or zero and last_unit == 10:
            return None  # 一百五 (150, colloquial): cn2an's reading; 七十零七 is no number
        total += digit
    elif zero:
        return None  # 一百零
    return total if text else None


def parse_number(text: str) -> Decimal:
    """A number in figures or Chinese numerals; spaces and thousands commas are ignored."""
    cleaned = re.sub(r"[\s,]", "", text)
    if not cleaned:
        raise ValueError("empty number")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return Decimal(cleaned)
    return chinese_number(cleaned)


def _remembered(cache: dict, parse, text: str, qualifiers: dict | None):
    """The same figure is parsed by several rules of a sentence: parse each text once (the last
    few thousand kept), failures included."""
    key = (text, id(qualifiers))
    if key not in cache:
        if len(cache) > 4096:
            cache.clear()
        try:
            cache[key] = parse(text, qualifiers)
        except ValueError as err:
            cache[key] = err
    found = cache[key]
    if isinstance(found, ValueError):
        raise found
    return found


_AMOUNTS: dict = {}
_COUNTS: dict = {}


def parse_amount(text: str, qualifiers: dict | None = None) -> Quantity:
    """An amount as written -> yuan.  近千亿元 -> 1e11 nearly; 2400余万元 -> 2.4e7 over; 过亿 -> 1e8 over."""
    return _remembered(_AMOUNTS, _parse_amount, text, qualifiers)


# Currency words an amount may end in: stripped before the number is read; which currency it is
# (the code) is the lexicon's (foreign_currencies), read where records are made.
_CURRENCY_TAIL = re.compile(r"(?:美元|欧元|港元|港币|日元|英镑|卢布|韩元|新加坡元)(?=(?:以上|左右|余|多)?$)")


def _parse_amount(text: str, qualifiers: dict | None) -> Quantity:
    qualifiers = qualifiers or DEFAULT_QUALIFIERS
    compact = _CURRENCY_TAIL.sub("", re.sub(r"\s", "", text).removesuffix("人民币"))
    prefix, core, suffix = _split_qualifiers(compact, qualifiers)
    core = core.removesuffix("元")
    inner_over = False
    match = _NUMBER_RE.match(core)
    if match:
        number = parse_number(match.group())
        rest = core[match.end():]
    elif prefix in ("过", "超", "超过", "逾") and core in ("亿", "万亿"):  # 过亿: one of the unit
        number, rest = Decimal(1), core
    else:
        raise ValueError(f"not an amount: {text!r}")
    if rest.startswith(("余", "多")):
        inner_over, rest = True, rest[1:]
    compound = re.fullmatch(r"亿(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)万", rest)
    if compound:  # 1亿5343万元: 亿 and 万 parts added
        value = number * 10**8 + parse_number(compound.group(1)) * 10**4
        qualifier = _qualifier_of(prefix, suffix, qualifiers) or ("over" if inner_over else None)
        return Quantity(float(value), qualifier, text)
    multiplier = 1
    for word, factor in MAGNITUDES:
        if rest == word:
            multiplier = factor
            break
    else:
        if rest:
            raise ValueError(f"not an amount: {text!r}")
    qualifier = _qualifier_of(prefix, suffix, qualifiers) or ("over" if inner_over else None)
    return Quantity(float(number * multiplier), qualifier, text)


# 151个, 两个, 4.6万个, 1万个, 万余项 (a count in 万: tens of thousands of projects nationwide)
_COUNT_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?(?=万)|\d+|[零〇一二两三四五六七八九十百千]+)?(?P<wan>万)?(?P<more>余|多)?(?P<unit>[^\d万])")


def parse_count(text: str, qualifiers: dict | None = None) -> tuple[Quantity, str]:
    """A count as written -> (Quantity, measure word).  两个以上 -> (2, at_least), 个."""
    return _remembered(_COUNTS, _parse_count, text, qualifiers)


def _parse_count(text: str, qualifiers: dict | None) -> tuple[Quantity, str]:
    qualifiers = qualifiers or DEFAULT_QUALIFIERS
    prefix, core, suffix = _split_qualifiers(re.sub(r"\s", "", text), qualifiers)
    match = _COUNT_RE.match(core)
    if not match or not (match.group("num") or match.group("wan")):
        raise ValueError(f"not a count: {text!r}")
    number = parse_number(match.group("num")) if match.group("num") else Decimal(1)
    if match.group("wan"):
        number *= 10000
    if number != number.to_integral_value():
        raise ValueError(f"not a whole count: {text!r}")
    qualifier = _qualifier_of(prefix, suffix, qualifiers) or ("over" if match.group("more") else None)
    return Quantity(float(number), qualifier, text), match.group("unit")


def format_amount_cn(value: int) -> str:
    """Write an amount in yuan the way pages do (inverse of parse_amount, for property tests)."""
    if value % 10**8 == 0:
        return f"{value // 10**8}亿元"
    if value % 10**4 == 0:
        yi, wan = divmod(value // 10**4, 10**4)
        return f"{yi}亿{wan}万元" if yi else f"{wan}万元"
    return f"{value}元"


__all__ = ["Quantity", "parse_amount", "parse_count", "parse_number", "chinese_number", "format_amount_cn"]
