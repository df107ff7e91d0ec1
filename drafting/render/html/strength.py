"""One clause's strength analysis as an HTML page: the text with its terms marked, the
verdict, and a table of every term and modifier with the rule that found it."""

from __future__ import annotations

from drafting.render.html.page import esc, page
from drafting.strength.result import TIER_NAMES, Modifier, StrengthResult, Term
from drafting.text.hidden import Hidden, escape_invisible


def _marked_text(result: StrengthResult) -> str:
    """The clause with each term wrapped in a ``mark`` (overlapping spans: the first wins)."""
    spans: list[tuple[int, int, str, str]] = []
    for term in result.terms:
        tip = f"{term.category}, tier {term.effective_tier or term.tier}, rule {term.rule}"
        if term.reason:
            tip += f": {term.reason}"
        spans.append((term.start, term.end, "term main" if term.main else "term", tip))
    for kind, items in (
        ("hedge", result.hedges),
        ("intensifier", result.intensifiers),
        ("condition", result.conditions),
    ):
        for m in items:
            spans.append((m.start, m.end, f"modifier {kind}", f"{kind}, rule {m.rule or '?'}"))
    spans.sort()
    out: list[str] = []
    cursor = 0
    text = result.text
    for start, end, cls, tip in spans:
        if start < cursor or end > len(text):
            continue
        out.append(esc(text[cursor:start]))
        out.append(
            f'<mark class="{cls}" title="{esc(tip)}" tabindex="0">{esc(text[start:end])}</mark>'
        )
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)


def _term_row(term: Term) -> str:
    cells = [
        term.text,
        term.category,
        str(term.tier),
        str(term.effective_tier or term.tier),
        term.polarity + (" (negated)" if term.negated else ""),
        term.rule,
        term.reason,
        "yes" if term.main else "",
    ]
    return "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"


def _modifier_rows(kind: str, items: tuple[Modifier, ...]) -> list[str]:
    return [
        "<tr>"
        + "".join(
            f"<td>{esc(c)}</td>"
            for c in (kind, m.text, m.kind, m.rule, "yes" if m.counted else "no")
        )
        + "</tr>"
        for m in items
    ]


STYLE = (
    "<style>mark.term{background:none;border-bottom:3px double currentColor;font-weight:bold}"
    "mark.term.main{border-bottom-style:solid}"
    "mark.modifier{background:none;border-bottom:2px dotted currentColor;font-style:italic}"
    ".tier{font:bold 2rem sans-serif}</style>"
)


def render_html(
    result: StrengthResult, title: str = "Strength", hidden: tuple[Hidden, ...] = ()
) -> str:
    """The whole page for one analysed clause. ``hidden`` are the hidden and look-alike
    characters found in the clause as given (``text.hidden.find_hidden``): the page grades
    the text as a reader sees it and lists each one, so none passes unseen."""
    if result.tier is not None:
        tier = f"{result.tier} ({TIER_NAMES.get(result.tier, '?')})"
    elif result.tier_range:
        tier = f"{result.tier_range[0]}–{result.tier_range[1]} (unresolved)"
    else:
        tier = "none"
    terms = "".join(_term_row(t) for t in result.terms) or (
        '<tr><td colspan="8">no strength term found</td></tr>'
    )
    mods = (
        _modifier_rows("hedge", result.hedges)
        + _modifier_rows("intensifier", result.intensifiers)
        + _modifier_rows("condition", result.conditions)
        + _modifier_rows("flag", result.flags)
    )
    mod_table = (
        '<h2>Modifiers</h2><table class="grid" id="modifiers"><thead><tr><th>kind</th>'
        "<th>words</th><th>type</th><th>rule</th><th>counted</th></tr></thead>"
        f"<tbody>{''.join(mods)}</tbody></table>"
        if mods
        else ""
    )
    hidden_list = (
        '<h2>Hidden characters</h2><p class="why">Graded as a reader sees the text: these '
        'were dropped or read in their word\'s script.</p><ul id="hidden">'
        + "".join(f"<li>{esc(escape_invisible(item.describe()))}</li>" for item in hidden)
        + "</ul>"
        if hidden
        else ""
    )
    body = (
        f"{STYLE}<header><h1>{esc(title)}</h1>"
        f'<p class="meta">language {esc(result.language)}'
        f"{' (detected)' if result.language_detected else ''} · instrument "
        f"{esc(result.instrument or 'unknown')}</p></header><main>"
        f'<p><span class="tier" id="tier">Tier {esc(tier)}</span> · polarity '
        f"<b>{esc(result.polarity)}</b> · score <b>{result.score:g}</b></p>"
        f'<p class="why">{esc(result.explanation)}</p>'
        f'<h2>Text</h2><p class="text" id="clause">{_marked_text(result)}</p>'
        '<p class="notes">Terms are double-underlined (the one that sets the tier: solid), '
        "modifiers dotted and in italics; hover or focus one for its rule.</p>"
        '<h2>Terms</h2><table class="grid" id="terms"><thead><tr><th>words</th><th>category</th>'
        "<th>lexical tier</th><th>tier</th><th>polarity</th><th>rule</th><th>why</th>"
        f"<th>main</th></tr></thead><tbody>{terms}</tbody></table>{mod_table}{hidden_list}</main>"
    )
    return page(title, body, lang=result.language or "en")
