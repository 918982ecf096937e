"""The report's look, inline: the highlight colours, the CSS and the page script.

Inline so that the report opens offline and can be mailed.  The colours are shared with the
legend and the notebook display: an amount kind has one colour everywhere.
"""
from __future__ import annotations

KIND_COLOURS: dict[str, str] = {
    "total_investment": "#ffd54f",
    "completed_investment": "#81c784",
    "annual_investment": "#64b5f6",
    "statistics": "#ce93d8",
    "output_value": "#ffab91",
    "none": "#e0e0e0",
}
MODALITY_COLOURS: dict[str, str] = {"target": "#90caf9", "actual": "#a5d6a7"}


def _colour_css() -> str:
    rules = [f'.by-kind mark.rec[data-kind="{k}"]{{background:{c}}}' for k, c in KIND_COLOURS.items()]
    rules += [f'.by-modality mark.rec[data-modality="{m}"]{{background:{c}}}' for m, c in MODALITY_COLOURS.items()]
    return "".join(rules)


CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:0.6em 1.2em;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:1.2em;margin:0.2em 0}h2{font-size:1.05em;margin:0.4em 0}h2 small{color:#888;font-weight:normal}
header p{margin:0.2em 0;color:#555}nav{font-size:0.8em;margin-top:0.3em}nav a{margin-right:0.2em}
main{padding:0 1.2em 2em}.page{background:#fff;border:1px solid #e3e3e3;border-radius:6px;margin:1em 0;padding:0.3em 1em}
pre.text{white-space:pre-wrap;word-break:break-all;font-family:inherit;line-height:1.8;margin:0.3em 0;max-width:60em}
mark.rec{background:#eee;color:inherit;padding:0;border-radius:2px;cursor:pointer;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.rec:hover,mark.rec.active{filter:brightness(0.85);box-shadow:0 0 0 2px #333}
mark.rec.hit{border-bottom:3px solid #2e7d32}mark.rec.hit-err{border-bottom:3px solid #ef6c00}
mark.rec.ignored{border-bottom:3px dotted #9e9e9e}mark.rec.spurious{outline:2px dashed #c62828;outline-offset:1px}
mark.rec.miss{background:repeating-linear-gradient(45deg,#ffcdd2 0 4px,#fff 4px 8px)!important;border:2px dotted #c62828}
.legend{margin:0.3em 0;font-size:0.8em}.key{display:inline-block;margin:0 0.5em 0.2em 0;padding:0 0.4em;border-radius:3px}
.by-kind .by-modality-only,.by-modality .by-kind-only{display:none}.controls{font-size:0.85em}
#panel{position:fixed;right:1em;bottom:1em;width:26em;max-height:70vh;overflow:auto;background:#fff;border:1px solid #999;
 border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.25);padding:0.5em 0.8em;font-size:0.85em;z-index:3}
#panel.pinned{border:2px solid #1565c0}#panel table{border-collapse:collapse;width:100%}
#panel td{border-top:1px solid #eee;padding:2px 4px;vertical-align:top}#panel td:first-child{color:#666;white-space:nowrap}
#panel .wrong{color:#c62828}#panel .hint{color:#666}#panel{overflow-wrap:anywhere}#panel h3{margin:0.2em 0;font-size:1em}#panel-close{float:right;border:none;background:none;font-size:1.3em;cursor:pointer}
#records table{border-collapse:collapse;font-size:0.8em;background:#fff;width:100%}
#records th{position:sticky;top:0;background:#eee;cursor:pointer;user-select:none;text-align:left;padding:3px 5px}
#records th.asc::after{content:" ▲"}#records th.desc::after{content:" ▼"}
#records td{border-top:1px solid #eee;padding:2px 5px;vertical-align:top}#records tr:hover{background:#f0f6ff;cursor:pointer}
#records td.st.miss,#records td.st.spurious{color:#c62828;font-weight:bold}#records td.st.hit{color:#2e7d32}
#records td.st.hit-err{color:#ef6c00}#filter{width:28em;margin:0.3em 0;padding:0.2em}
.missing{color:#c62828}
@media (min-width:1000px){main,header{margin-right:28em}#panel{top:1em;bottom:auto;max-height:calc(100vh - 2em)}}
""" + _colour_css()

JS = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("extract-data").textContent);
  const panel = document.getElementById("panel"), body = document.getElementById("panel-body");
  const ORDER = ["doc_id", "start", "end", "evidence", "project_count", "count_unit", "count_qualifier",
    "amount_text", "amount_yuan", "amount_kind", "amount_qualifier", "category", "actor", "year", "period",
    "modality", "projects", "rule", "sentence"];
  let pinned = null;
  function text(v) { return v === null || v === undefined ? "—" : Array.isArray(v) ? v.join("、") || "—" : String(v); }
  function row(name, value, gold) {
    const tr = document.createElement("tr"), k = document.createElement("td"), v = document.createElement("td");
    k.textContent = name;
    v.textContent = text(value);
    if (gold) { v.className = "wrong"; v.textContent += "  (gold: " + gold.map(text).join(" | ") + ")"; }
    tr.append(k, v);
    return tr;
  }
  function show(rid, pin) {
    const item = data[rid];
    if (!item) return;
    const f = item.fields, h = document.createElement("h3"), table = document.createElement("table");
    h.textContent = (item.status ? item.status + " · " : "") + "rule " + text(f.rule);
    for (const name of ORDER) table.append(row(name, f[name], item.gold && item.gold[name]));
    body.replaceChildren(h, table);
    if (item.note) { const p = document.createElement("p"); p.textContent = item.note; body.append(p); }
    panel.hidden = false;
    panel.dataset.rid = rid;
    panel.classList.toggle("pinned", !!pin);
    document.querySelectorAll("mark.active").forEach(m => m.classList.remove("active"));
    document.querySelectorAll('mark[data-rid="' + rid + '"]').forEach(m => m.classList.add("active"));
    if (pin) pinned = rid;
  }
  function hide() { pinned = null; panel.hidden = true; panel.classList.remove("pinned");
    document.querySelectorAll("mark.active").forEach(m => m.classList.remove("active")); }
  document.addEventListener("mouseover", e => {
    const m = e.target.closest("mark.rec[data-rid]");
    if (m && !pinned) show(m.dataset.rid, false);
  });
  document.addEventListener("click", e => {
    const m = e.target.closest("mark.rec[data-rid]");
    if (m) { e.preventDefault(); show(m.dataset.rid, true); return; }
    const tr = e.target.closest("#records tbody tr");
    if (tr) {
      const target = document.getElementById("m-" + tr.dataset.rid);
      show(tr.dataset.rid, true);
      if (target) target.scrollIntoView({block: "center"});
    }
  });
  document.addEventListener("keydown", e => {
    if (e.key === "Escape") hide();
    if (e.key === "Enter" && e.target.matches && e.target.matches("mark.rec")) show(e.target.dataset.rid, true);
  });
  document.getElementById("panel-close").addEventListener("click", hide);
  document.querySelectorAll('input[name="colour"]').forEach(r => r.addEventListener("change", () => {
    document.body.classList.remove("by-kind", "by-modality");
    document.body.classList.add(r.value);
  }));
  // table: click a header to sort (again to reverse), type to filter
  const table = document.getElementById("records-table"), tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  rows.forEach(r => { r.dataset.search = r.textContent.toLowerCase(); });
  function key(r, i, num) {
    const c = r.cells[i];
    if (!num) return c.textContent;
    return c.dataset.v === undefined ? null : Number(c.dataset.v);
  }
  table.tHead.rows[0].querySelectorAll("th").forEach((th, i) => th.addEventListener("click", () => {
    const num = th.dataset.type === "num", asc = !th.classList.contains("asc");
    table.tHead.querySelectorAll("th").forEach(t => t.classList.remove("asc", "desc"));
    th.classList.add(asc ? "asc" : "desc");
    const sorted = Array.from(tbody.rows).sort((a, b) => {
      const x = key(a, i, num), y = key(b, i, num);
      if (x === y) return 0;
      if (x === null || x === "") return 1;
      if (y === null || y === "") return -1;
      const c = num ? x - y : String(x).localeCompare(String(y), "zh");
      return asc ? c : -c;
    });
    tbody.append(...sorted);
  }));
  const filter = document.getElementById("filter"), shown = document.getElementById("shown");
  function applyFilter() {
    const q = filter.value.trim().toLowerCase();
    let n = 0;
    for (const r of rows) { const ok = !q || r.dataset.search.includes(q); r.hidden = !ok; if (ok) n++; }
    shown.textContent = n + " / " + rows.length + " rows";
  }
  filter.addEventListener("input", applyFilter);
  applyFilter();
})();
"""
