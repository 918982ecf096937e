"""Review views of records: one self-contained HTML report, and notebook displays.

The report shows each page's raw text with every record's evidence highlighted where its
start/end point, so a reviewer checks a record against the page it came from, not against
a normalised copy.  With a gold set, hits, misses (highlighted from the gold's own span) and
spurious records are marked apart.  Everything (CSS, JS, data) is inline: the file opens
offline and can be mailed.

The package, one concern a module: items.py (what is highlighted, with its review status),
marks.py (page text with nested <mark>s), document.py (the whole HTML page), assets.py
(colours, CSS, script), command.py (reading pages, writing the file, `extract report`) and
notebook.py (``Record._repr_html_``, :class:`RecordList`, ``frame.extract.show()``).

Only the standard library and pandas are imported here, so importing this package is cheap.
"""
from .assets import KIND_COLOURS, MODALITY_COLOURS
from .command import cmd_report, read_pages, write_report
from .document import TABLE_COLUMNS, render_report
from .items import COMPARED, STATUS_LABELS, Item, build_items
from .marks import marked_text
from .notebook import ExtractAccessor, HtmlView, RecordList, record_html, records_html

__all__ = ["KIND_COLOURS", "MODALITY_COLOURS", "STATUS_LABELS", "COMPARED", "TABLE_COLUMNS", "Item", "build_items",
           "marked_text", "render_report", "read_pages", "write_report", "cmd_report", "record_html", "records_html",
           "RecordList", "HtmlView", "ExtractAccessor"]
