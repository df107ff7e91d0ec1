"""The page every HTML report shares: shell, stylesheet, script and the escaping rule.

Why one shell: the reports are e-mailed and opened offline, so everything is inline (no
fonts, no network), and they must read the same with JavaScript off, on paper and to a
reader who cannot tell red from green. Changes are marked by strike-through and underline as
well as colour; the view switch is pure CSS (radio buttons), so the script only adds synced
scrolling, equal row heights and keyboard jumps between changes.
"""

from __future__ import annotations

from html import escape

from drafting.text.hidden import escape_invisible

CSS = """
:root{--del:#b2182b;--del-bg:#fde0dc;--ins:#2166ac;--ins-bg:#dbe9f6;--ink:#1b1b1b;
--muted:#5a5a5a;--line:#c8c8c8;--up:#2166ac;--down:#b35806;--flip:#542788}
*{box-sizing:border-box}
body{font:16px/1.5 Georgia,"Times New Roman",serif;color:var(--ink);margin:0;background:#fff}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.45rem;margin:1rem 0 .3rem}
h2{font-size:1.1rem;margin:1.4rem 0 .4rem}
.meta,.summary{color:var(--muted);margin:.2rem 0}
code,.mono{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em}
del.hunk,.del{color:var(--del);background:var(--del-bg);text-decoration:line-through;
text-decoration-thickness:2px}
ins.hunk,.ins{color:var(--ins);background:var(--ins-bg);text-decoration:underline;
text-decoration-thickness:2px;text-underline-offset:3px}
.hunk.current{outline:3px solid #000;outline-offset:1px}
.flag{font-size:.85em;color:var(--muted)}
.badge{display:inline-block;font:bold .72rem/1.3 sans-serif;border:2px solid;border-radius:.7em;
padding:0 .45em;margin:0 .2em;vertical-align:.1em;cursor:help;background:#fff}
.badge.strengthened{color:var(--up)}
.badge.weakened{color:var(--down);border-style:dashed}
.badge.unchanged{color:var(--muted);border-style:dotted}
.badge.reversed{box-shadow:0 0 0 2px var(--flip)}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
.unit{border-top:1px solid var(--line);padding:.3rem 0 .6rem}
.unit h2 .kind{font:normal .8rem sans-serif;color:var(--muted)}
.why{font-size:.92em;margin:.4rem 0 0;padding:.2rem .6rem;border-left:4px solid var(--line)}
.why.strengthened{border-left-color:var(--up)}
.why.weakened{border-left-color:var(--down);border-left-style:dashed}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;padding:.5rem .8rem;margin:.6rem 0;
border:1px solid var(--line);font-size:.9em}
.legend dt{font-weight:bold}.legend dl{margin:0;display:contents}
.legend div{display:flex;gap:.4rem;align-items:baseline}.legend dd{margin:0}
.views>input{position:absolute;opacity:0}
.views>label{display:inline-block;padding:.25rem .8rem;border:1px solid var(--line);
cursor:pointer;font:.9rem sans-serif;margin-right:-1px}
.views>input:checked+label{background:var(--ink);color:#fff}
.views>input:focus-visible+label{outline:3px solid var(--ins)}
.view{display:none}
#view-inline:checked~.inline-view,#view-sbs:checked~.sbs-view{display:block}
.layout{display:grid;grid-template-columns:15rem 1fr;gap:1rem;align-items:start}
nav.changes{position:sticky;top:0;max-height:100vh;overflow:auto;font:.88rem/1.4 sans-serif;
padding:.5rem 0}
nav.changes ol{padding-left:1.4rem;margin:.3rem 0}
nav.changes a{color:var(--ink)}
nav.changes .kbd{color:var(--muted);font-size:.8rem}
.jump button{font:.85rem sans-serif;margin:.1rem .2rem .3rem 0}
.panes{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.pane{max-height:80vh;overflow:auto;border:1px solid var(--line);padding:0 .6rem}
.pane h3{position:sticky;top:0;background:#fff;margin:0;padding:.3rem 0;font-size:.95rem;
border-bottom:1px solid var(--line);z-index:1}
.row{padding:.3rem 0;border-bottom:1px dotted var(--line)}
.row .label{font:.8rem sans-serif;color:var(--muted)}
table.grid{border-collapse:collapse;width:100%;font-size:.95rem}
table.grid th,table.grid td{border:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;
text-align:left}
table.grid th{background:#f3f3f3}
table.grid th .label,table.grid th .notes{font-weight:normal}
#positions{table-layout:fixed;min-width:40rem}#positions thead th:first-child{width:3.5rem}
.timeline svg{max-width:100%;height:auto;font-family:sans-serif}
.notes{font-size:.9em;color:var(--muted)}
@media (max-width:50rem){.layout{grid-template-columns:1fr}.panes{grid-template-columns:1fr}
nav.changes{position:static;max-height:none}}
@media print{
body{font-size:11pt}.views>label,.views>input,nav.changes .jump,.noprint{display:none}
.layout{display:block}nav.changes{position:static;max-height:none;column-count:2}
.pane{max-height:none;overflow:visible}.pane h3{position:static}
.unit{break-inside:avoid-page}
del.hunk,ins.hunk,.del,.ins{background:none}
.badge{border-width:1px}
a{color:inherit;text-decoration:none}
}
"""

SCRIPT = """
(function(){
  "use strict";
  document.documentElement.classList.add("js");
  var hunks = Array.prototype.slice.call(document.querySelectorAll(".changes-list a"));
  var at = -1;
  function view(){
    var sbs = document.getElementById("view-sbs");
    return sbs && sbs.checked ? "sbs" : "inline";
  }
  function go(i){
    if (!hunks.length) return;
    at = (i + hunks.length) % hunks.length;
    var id = hunks[at].getAttribute("href").slice(1);
    var prev = document.querySelectorAll(".hunk.current");
    for (var k = 0; k < prev.length; k++) prev[k].classList.remove("current");
    var targets = view() === "sbs"
      ? document.querySelectorAll('.sbs-view [data-change="' + id + '"]')
      : [document.getElementById(id)];
    for (var t = 0; t < targets.length; t++) {
      var el = targets[t];
      if (!el) continue;
      el.classList.add("current");
      el.scrollIntoView({block: "center"});
    }
  }
  function bind(id, step){
    var b = document.getElementById(id);
    if (b) { b.hidden = false; b.addEventListener("click", function(){ go(at + step); }); }
  }
  bind("next-change", 1);
  bind("prev-change", -1);
  document.addEventListener("keydown", function(e){
    if (e.target && /INPUT|TEXTAREA/.test(e.target.tagName) && e.target.type !== "radio") return;
    if (e.key === "n" || e.key === "j") go(at + 1);
    if (e.key === "p" || e.key === "k") go(at - 1);
  });
  for (var h = 0; h < hunks.length; h++) {
    (function(i){
      hunks[i].addEventListener("click", function(e){ e.preventDefault(); go(i); });
    })(h);
  }
  var panes = document.querySelectorAll(".pane");
  function equalise(){
    if (panes.length !== 2) return;
    var left = panes[0].querySelectorAll(".row"), right = panes[1].querySelectorAll(".row");
    for (var r = 0; r < left.length && r < right.length; r++) {
      left[r].style.minHeight = right[r].style.minHeight = "";
      var h = Math.max(left[r].offsetHeight, right[r].offsetHeight);
      left[r].style.minHeight = right[r].style.minHeight = h + "px";
    }
  }
  if (panes.length === 2) {
    var sync = function(from, to){
      return function(){
        // the echo event finds both equal and stops, so there is no feedback loop
        if (Math.abs(to.scrollTop - from.scrollTop) >= 1) to.scrollTop = from.scrollTop;
        if (Math.abs(to.scrollLeft - from.scrollLeft) >= 1) to.scrollLeft = from.scrollLeft;
      };
    };
    panes[0].addEventListener("scroll", sync(panes[0], panes[1]));
    panes[1].addEventListener("scroll", sync(panes[1], panes[0]));
    var radios = document.querySelectorAll(".views>input");
    for (var q = 0; q < radios.length; q++) radios[q].addEventListener("change", equalise);
    window.addEventListener("resize", equalise);
    equalise();
  }
})();
"""


def esc(text: object) -> str:
    """Every piece of input goes through here: text, attribute values, ids (quotes too).
    A bidi control or an invisible character is shown as ``<U+202E>`` (as on a terminal,
    ``drafting.text.hidden.escape_invisible``): in a page it would reorder or hide text
    without a trace, and two wordings that differ only by one would look the same."""
    return escape(escape_invisible(str(text)), quote=True)


def page(title: str, body: str, *, lang: str = "en") -> str:
    """A whole HTML document around ``body`` (already escaped HTML)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def legend(*, strength: bool = True) -> str:
    """What the marks mean; words, not only colours."""
    items = [
        ('<del class="del">struck through</del>', "deleted from the earlier text"),
        ('<ins class="ins">underlined</ins>', "inserted in the later text"),
    ]
    if strength:
        items += [
            ('<span class="flag">⚑</span>', "the change adds or removes a strength term"),
            ('<span class="badge strengthened">▲ strengthened</span>', "the guarantee binds more"),
            ('<span class="badge weakened">▼ weakened</span>', "the guarantee binds less"),
            ('<span class="badge unchanged">= unchanged</span>', "same strength"),
            (
                '<span class="badge strengthened reversed">⇅</span>',
                "polarity reversed (a promise became a prohibition, or back)",
            ),
        ]
    rows = "".join(f"<div><dt>{mark}</dt><dd>{meaning}</dd></div>" for mark, meaning in items)
    hint = (
        ""
        if not strength
        else '<div class="noprint"><dd>Hover or focus a badge for the rule '
        "and the words.</dd></div>"
    )
    return f'<dl class="legend" aria-label="Legend">{rows}{hint}</dl>'
