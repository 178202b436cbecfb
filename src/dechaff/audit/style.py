"""The audit report's style sheet, inlined in the page (a report loads nothing)."""

from __future__ import annotations

# One colour per rule (views.rule_class), light enough to read the text over.
_COLOURS = ("#ffd6a5", "#caffbf", "#9bf6ff", "#ffc6ff", "#fdffb6", "#bdb2ff", "#ffadad",
            "#a0c4ff", "#d4a373", "#b8e0d2", "#e2c2ff", "#f1c0a0")

STYLE = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #dfe3ea; --paper: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--ink); background: var(--paper); }
body > header { background: #1d2330; color: #fff; padding: 16px 28px 10px; }
body > header h1 { margin: 0 0 4px; font-size: 22px; }
body > header .inputs { margin: 0 0 8px; color: #c8cfdb; font-family: ui-monospace, monospace;
                 font-size: 12px; overflow-wrap: anywhere; }
nav a { color: #9bd1ff; margin-right: 14px; text-decoration: none; font-size: 13px; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 28px 28px; }
section { margin-top: 22px; }
h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h4 { margin: 0; font-size: 14px; overflow-wrap: anywhere; }
.note { color: var(--muted); margin: 6px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .value { display: block; font-size: 20px; font-weight: 650; }
.card .label { color: var(--muted); font-size: 12px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
.row { display: grid; grid-template-columns: 240px 1fr 80px 200px; gap: 10px;
       align-items: center; padding: 2px 0; }
.row .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.row .num { text-align: right; font-variant-numeric: tabular-nums; }
.row .extra { color: var(--muted); font-size: 12px; }
.track { background: #eef0f4; border-radius: 4px; height: 14px; overflow: hidden; }
.bar { display: block; height: 100%; background: #6c8ebf; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 3px;
          margin-right: 6px; vertical-align: -1px; border: 1px solid #0002; }
.histogram { display: flex; gap: 6px; align-items: stretch; height: 190px; background: #fff;
             border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
.col { flex: 1; display: flex; flex-direction: column; justify-content: flex-end;
       align-items: center; min-width: 0; }
.col .vbar { display: block; width: 100%; background: #e07a5f; border-radius: 3px 3px 0 0;
             min-height: 1px; }
.col .num, .col .name { font-size: 11px; color: var(--muted); white-space: nowrap; }
.legend span { margin-right: 14px; white-space: nowrap; }
.doc, .cluster { background: #fff; border: 1px solid var(--line); border-radius: 8px;
                 padding: 10px 12px; margin: 10px 0; content-visibility: auto;
                 contain-intrinsic-size: auto 300px; }
.where { margin: 0; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.facts { margin: 2px 0 6px; font-size: 12px; }
.status { border-radius: 10px; padding: 0 7px; background: #e6ebf2; }
.s-kept { background: #d8f3dc; } .s-duplicate { background: #ffe5b4; }
.s-empty { background: #f8d7da; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; max-height: 420px;
           overflow: auto; background: #fbfbfc; border: 1px solid #eceef2; padding: 8px;
           font: 12.5px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; }
mark { color: inherit; border-radius: 2px; text-decoration: line-through;
       text-decoration-color: #0005; }
ins { background: #ffe08a; text-decoration: none; border-radius: 2px; }
.more { color: var(--muted); font-style: italic; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 6px 0; }
.side .label { margin: 0 0 2px; font-size: 12px; font-weight: 600; color: var(--muted); }
.missing { background: #fafafa; border: 1px dashed var(--line); padding: 8px; }
table.rejected { border-collapse: collapse; width: 100%; background: #fff; }
table.rejected td, table.rejected th { border: 1px solid var(--line); padding: 4px 8px;
    text-align: left; vertical-align: top; overflow-wrap: anywhere; font-size: 12.5px; }
footer { color: var(--muted); font-size: 12px; padding: 16px 28px 28px; text-align: center; }
""" + "".join(f".r{index} {{ background: {colour}; }}\n" for index, colour in enumerate(_COLOURS))
