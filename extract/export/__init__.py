"""Gold and predictions to annotation tools (Label Studio, doccano, brat), and corrections back.

A record becomes labelled spans in the raw page: COUNT, AMOUNT, CATEGORY and ACTOR, found
inside the record's evidence span (the record keeps only the evidence's offsets), linked by
relations.  The first of COUNT/AMOUNT is the record's anchor; when neither can be found in the
evidence the whole evidence is the anchor.  For Label Studio the full record (all contract
fields and the gold's required/alternatives/note) rides along as the JSON of a per-region
textarea on the anchor, so `extract gold import` gives back exactly the gold that went out.

Import rules (Label Studio):
- regions linked by relations (or sharing a textarea) form one record;
- a record with its JSON is taken as written, except where the annotator moved, added or
  deleted one of its labelled regions: that field is read again from the region's text;
- a record without JSON (drawn by the annotator) gets what its spans give (count via
  parse_count, amount via parse_amount, category and actor as written) and page defaults.

The package, one concern a module: spans.py (a record's field spans in the raw page),
sources.py (gold lines and raw pages), labelstudio.py (tasks out), corrections.py (a Label
Studio export back to gold), regions.py (record fields from labelled regions),
doccano_brat.py (doccano lines, brat files) and command.py (`extract gold export|import`).
"""
from .command import cmd_gold
from .corrections import GOLD_ORDER, from_labelstudio, gold_line, records_from_task, write_gold
from .doccano_brat import BRAT_CONF, to_brat, to_doccano, write_brat
from .labelstudio import LABEL_COLOURS, LABEL_CONFIG, LABEL_FROM, RECORD_FROM, TO_NAME, JsOffsets, to_labelstudio
from .regions import NEW_RECORD_NOTE, PageView, _count_fields  # noqa: F401 (_count_fields: tests read counts with it)
from .sources import read_gold_dicts, read_raw_pages
from .spans import LABELS, SPAN_LABELS, Compact, Span, anchor_of, field_spans

__all__ = ["LABELS", "SPAN_LABELS", "GOLD_ORDER", "LABEL_FROM", "RECORD_FROM", "TO_NAME", "NEW_RECORD_NOTE",
           "LABEL_COLOURS", "LABEL_CONFIG", "BRAT_CONF", "Span", "Compact", "field_spans", "anchor_of",
           "read_gold_dicts", "read_raw_pages", "JsOffsets", "to_labelstudio", "PageView", "records_from_task",
           "gold_line", "from_labelstudio", "write_gold", "to_doccano", "to_brat", "write_brat", "cmd_gold"]
