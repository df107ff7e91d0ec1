"""The diff redline renderers: full text by default, context, changes only, side by side."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting import compare
from drafting.render.markdown import render_markdown
from drafting.render.rows import View
from drafting.render.text import render_text

# constructed four-article draft; Article 1 changes its modal
A = (
    "Article 1\nThe Parties shall consult.\n\nArticle 2\nEach Party may withdraw.\n\n"
    "Article 3\nThis Treaty enters into force.\n\nArticle 4\nIt is open for signature.\n"
)
B = A.replace("shall consult", "should consult")


def test_the_full_redline_shows_unchanged_text_by_default() -> None:
    report = compare(A, B)
    text = render_text(report)
    assert "The Parties [-shall-]⚑{+should+}⚑ consult." in text
    for unchanged in ("Each Party may withdraw.", "This Treaty enters into force.", "It is open"):
        assert unchanged in text
    markdown = render_markdown(report)
    assert "{--shall--}" in markdown and "It is open for signature." in markdown


def test_context_collapses_unchanged_units_beyond_n() -> None:
    report = compare(A, B)
    text = render_text(report, view=View(context=1))
    assert "Each Party may withdraw." in text  # one unit of context
    assert "This Treaty enters into force." not in text
    assert "… 2 unchanged units …" in text
    none = render_text(report, view=View(context=0))
    assert "… 3 unchanged units …" in none and "Each Party" not in none


def test_changes_only_lists_the_changed_lines_alone() -> None:
    report = compare(A, B)
    text = render_text(report, view=View(changes_only=True))
    assert "The Parties [-shall-]⚑{+should+}⚑ consult." in text
    assert "Each Party may withdraw." not in text
    assert "\nArticle 1\n" not in text  # the unchanged label line of the changed article


WORDS = st.sampled_from(["a", "bc", "shall", "should", "\n", "Ж", "«", ".", "x" * 70, " "])
LINES = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(a=LINES, b=LINES, width=st.integers(40, 120))
def test_side_by_side_keeps_every_line_within_the_width(a: str, b: str, width: int) -> None:
    report = compare(a, b, strength=False)
    text = render_text(report, side_by_side=True, width=width)
    for line in text.splitlines():
        assert len(line) <= width, (line, width)


def test_side_by_side_with_a_change_holding_a_newline() -> None:
    # constructed: a paragraph break inserted inside a changed stretch
    a = "Article 1\nThe Parties shall consult each other on any matter of common concern."
    b = a + "\n2. Each Party may request consultations within thirty days of a notice."
    text = render_text(compare(a, b, strength=False), side_by_side=True, width=50)
    assert all(len(line) <= 50 for line in text.splitlines())
    # every line of the two columns, the inserted paragraph's too, keeps the divider
    assert all("│" in line for line in text.splitlines() if "Each" in line or "notice" in line)
    body = [line for line in text.splitlines() if "│" in line]
    assert len(body) > 4
    assert all(line[(50 - 3) // 2 : (50 - 3) // 2 + 2] == " │" for line in body), body
