"""Page text with a <mark> per highlight, kept well formed where highlights overlap."""
from __future__ import annotations

import html

from .items import Item


def _span_order(items: list[Item], length: int) -> list[tuple[int, int, Item]]:
    """Spans clamped to the page, outer spans first where two start together."""
    spans = []
    for item in items:
        start, end = max(0, item.start), min(length, item.end)
        if start < end:
            spans.append((start, end, item))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return spans


def _open_tag(item: Item, first: bool) -> str:
    f = item.fields
    kind = f.get("amount_kind") or "none"
    classes = ["rec"] + ([item.status] if item.status else []) + ([] if first else ["cont"])
    ident = f' id="m-{item.rid}"' if first else ""
    return (f'<mark{ident} class="{" ".join(classes)}" data-rid="{item.rid}" data-kind="{html.escape(kind)}" '
            f'data-modality="{html.escape(str(f.get("modality") or ""))}" tabindex="0">')


def marked_text(text: str, items: list[Item]) -> str:
    """Page text, HTML-escaped, with a <mark> per item; overlapping spans are nested or split.

    Tags always close in the order they opened: where a span ends inside another that started
    after it, the inner one is closed, the outer closed, and the inner reopened (class "cont"),
    so the HTML stays well formed.  One pass over the span boundaries: linear in the text.
    """
    spans = _span_order(items, len(text))
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    starting: dict[int, list[tuple[int, int, Item]]] = {}
    for span in spans:
        starting.setdefault(span[0], []).append(span)
    out: list[str] = []
    stack: list[tuple[int, int, Item]] = []
    for k, pos in enumerate(bounds):
        if any(e == pos for _, e, _ in stack):
            reopen = []
            while any(e == pos for _, e, _ in stack):
                span = stack.pop()
                out.append("</mark>")
                if span[1] != pos:
                    reopen.append(span)
            for span in reversed(reopen):
                out.append(_open_tag(span[2], first=False))
                stack.append(span)
        for span in starting.get(pos, []):
            out.append(_open_tag(span[2], first=True))
            stack.append(span)
        if k + 1 < len(bounds):
            out.append(html.escape(text[pos:bounds[k + 1]], quote=False))
    out.extend("</mark>" for _ in stack)
    return "".join(out)
