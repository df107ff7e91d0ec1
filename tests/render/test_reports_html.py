"""HTML reports in a real browser: headless Chromium (the Debian package) driven by Playwright.

One browser serves the whole module. Each report is made by the real command line from the
bundled texts (texts/, real quotations); the clause with ``<script>`` in it is constructed.
"""

from __future__ import annotations

import json
import os
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.cli import run_drafting
from support.git import commit_all, drafting, make_repo
from support.paths import REPO

ROOT = REPO
TEXTS = ROOT / "texts"
SEED = (f"{TEXTS}/ua-ge-membership.xml#nato-2008", f"{TEXTS}/ua-ge-membership.xml#rus-2022")
DOCS = (f"{TEXTS}/rus-nato-2021.xml", f"{TEXTS}/rus-usa-2021.xml")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every HTML report, made once by the command line."""
    out = tmp_path_factory.mktemp("html")
    made: dict[str, Path] = {}

    def make(name: str, *args: str, ok: tuple[int, ...] = (0, 1)) -> None:
        path = out / f"{name}.html"
        done = run_drafting(*args, "--format", "html", "-o", str(path))
        assert done.returncode in ok, done.stderr
        made[name] = path

    make("seed", "diff", *SEED)
    make("docs", "diff", *DOCS)
    evil_a = out / "evil-a.txt"
    evil_b = out / "evil-b.txt"
    evil_a.write_text("The Parties shall consult. <b>bold</b>\n", encoding="utf-8")
    evil_b.write_text(
        "The Parties may consult. <script>window.__pwned = 1</script>"
        '<img src=x onerror="window.__pwned = 2"> "quoted" & more\n',
        encoding="utf-8",
    )
    make("evil", "diff", str(evil_a), str(evil_b))
    make(
        "strength",
        "strength",
        "--instrument",
        "political-declaration",
        "Ukraine and Georgia will never become a member of NATO.",
        ok=(0,),
    )
    clause = f"{TEXTS}/ua-ge-membership.xml"
    make("positions", "positions", clause, ok=(0,))
    make("timeline", "positions", clause, "--timeline", ok=(0,))
    make("brief", "brief", str(TEXTS), ok=(0,))
    repo = _history_repo(out / "repo")
    path = out / "history.html"
    done = drafting(repo, "history", "ua-ge.xml", "--format", "html", "-o", str(path))
    assert done.returncode == 0, done.stderr
    made["history"] = path
    return made


def _history_repo(folder: Path) -> Path:
    """A repository where the drafts of texts/ua-ge-membership.xml arrive one commit each."""
    from drafting.formats.clausexml import read_clause

    clause = read_clause(TEXTS / "ua-ge-membership.xml")
    repo = make_repo(folder)
    parties = [f"{p.id}={p.name}" for p in clause.parties]
    args = ["new", "ua-ge", "--title", "Future NATO membership of Ukraine and Georgia"]
    for party in parties:
        args += ["--party", party]
    assert drafting(repo, *args).returncode == 0
    for d in sorted(clause.drafts, key=lambda d: d.date):
        done = drafting(
            repo,
            "draft",
            "add",
            "ua-ge.xml",
            "--party",
            d.party,
            "--date",
            d.date,
            "--instrument",
            d.instrument,
            "--status",
            d.status,
            "--id",
            d.id,
            "--text",
            d.text,
            *(["--responds-to", d.responds_to] if d.responds_to else []),
        )
        assert done.returncode == 0, done.stderr
        commit_all(repo, f"draft {d.id}", f"{d.date}T12:00:00+00:00")
    return repo


def _json_report(*inputs: str) -> dict[str, Any]:
    done = run_drafting("diff", "--format", "json", *inputs)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


def _changes(report: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Runs of consecutive non-ignored delete/insert ops in shown units: the page's changes."""
    groups: list[list[dict[str, Any]]] = []
    for unit in report["units"]:
        current: list[dict[str, Any]] = []
        for op in unit["ops"]:
            if op["op"] != "equal" and not op.get("ignored"):
                current.append(op)
            elif current:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
    return groups


def _open(browser: Any, path: Path, *, js: bool = True) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1200, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    own = path.as_uri()
    page.on("request", lambda r: errors.append(f"request {r.url}") if r.url != own else None)
    page.goto(path.as_uri())
    return context, page, errors


@pytest.mark.parametrize(
    "name", ["seed", "docs", "evil", "strength", "history", "positions", "timeline", "brief"]
)
def test_report_loads_without_console_errors_or_requests(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    context, page, errors = _open(browser, reports[name])
    page.wait_for_load_state("load")
    assert page.title()
    assert errors == []
    context.close()


def test_seed_diff_has_every_hunk_and_a_badge_naming_rule_and_words(
    browser: Any, reports: dict[str, Path]
) -> None:
    report = _json_report(*SEED)
    ops = [o for g in _changes(report) for o in g]
    context, page, _ = _open(browser, reports["seed"])
    deleted = page.locator(".inline-view del.hunk").all_text_contents()
    inserted = page.locator(".inline-view ins.hunk").all_text_contents()
    assert deleted == [o["text"] for o in ops if o["op"] == "delete"]
    assert inserted == [o["text"] for o in ops if o["op"] == "insert"]
    assert page.locator(".changes-list li").count() == len(_changes(report))
    badge = page.locator(".inline-view .badge").first
    tip = badge.get_attribute("title") or ""
    assert badge.get_attribute("data-verdict") == report["units"][0]["strength"]["verdict"]
    for change in report["units"][0]["strength"]["term_changes"]:
        for term in (change["before"], change["after"]):
            if term:
                assert term["rule"] in tip and term["text"] in tip
    assert "reversed" in (badge.get_attribute("class") or "")
    context.close()


def test_document_diff_views_jump_and_synced_scrolling(
    browser: Any, reports: dict[str, Path]
) -> None:
    report = _json_report(*DOCS)
    context, page, errors = _open(browser, reports["docs"])
    shown = [u for u in report["units"] if u["kind"] != "same" or u.get("strength")]
    assert page.locator(".inline-view section.unit").count() == len(shown)
    assert page.locator(".changes-list li").count() == len(_changes(report))
    # jump: the next button marks the first change and the one after it
    page.click("#next-change")
    assert page.locator(".inline-view .hunk.current").first.get_attribute("id") == "c1"
    page.keyboard.press("n")
    assert page.locator(".inline-view .hunk.current").first.get_attribute("data-change") == "c2"
    # side by side: both panes, one row per shown unit, aligned heights, synced scrolling
    assert not page.locator("#pane-a").is_visible()
    page.click("label[for=view-sbs]")
    assert page.locator("#pane-a").is_visible() and page.locator("#pane-b").is_visible()
    assert page.locator("#pane-a .row").count() == len(shown)
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.pane')].map(p => p.scrollHeight)"
    )
    assert heights[0] == heights[1]
    assert heights[0] > page.evaluate("() => document.querySelector('#pane-a').clientHeight")
    page.evaluate("() => { document.querySelector('#pane-a').scrollTop = 300; }")
    page.wait_for_function("() => document.querySelector('#pane-b').scrollTop === 300")
    page.evaluate("() => { document.querySelector('#pane-b').scrollTop = 120; }")
    page.wait_for_function("() => document.querySelector('#pane-a').scrollTop === 120")
    assert errors == []
    context.close()


def test_without_javascript_the_content_and_both_views_still_show(
    browser: Any, reports: dict[str, Path]
) -> None:
    context, page, _ = _open(browser, reports["docs"], js=False)
    first = page.locator(".inline-view del.hunk").first
    assert first.is_visible()
    assert page.locator(".changes-list li").first.is_visible()
    page.click("label[for=view-sbs]")  # the view switch is CSS only
    assert page.locator("#pane-b").is_visible()
    assert not page.locator("#next-change").is_visible()  # JS-only buttons stay hidden
    context.close()


def test_script_in_a_clause_stays_text(browser: Any, reports: dict[str, Path]) -> None:
    context, page, errors = _open(browser, reports["evil"])
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("script").count() == 1  # only the report's own script
    assert page.locator("img").count() == 0
    text = page.locator(".inline-view").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert "<b>bold</b>" in text
    assert errors == []
    context.close()


def test_print_css_hides_controls_and_unclips_panes(browser: Any, reports: dict[str, Path]) -> None:
    context, page, _ = _open(browser, reports["docs"])
    page.emulate_media(media="print")
    assert not page.locator("label[for=view-sbs]").is_visible()
    assert not page.locator("#next-change").is_visible()
    assert page.locator(".inline-view del.hunk").first.is_visible()
    style = page.evaluate(
        "() => getComputedStyle(document.querySelector('del.hunk')).textDecorationLine"
    )
    assert "line-through" in style  # a change is marked without colour on paper too
    context.close()


def test_strength_page_lists_every_term(browser: Any, reports: dict[str, Path]) -> None:
    done = run_drafting(
        "strength",
        "--format",
        "json",
        "--instrument",
        "political-declaration",
        "Ukraine and Georgia will never become a member of NATO.",
    )
    result = json.loads(done.stdout)
    context, page, _ = _open(browser, reports["strength"])
    assert page.locator("#terms tbody tr").count() == len(result["terms"])
    assert page.locator("#clause mark.term").all_text_contents() == [
        t["text"] for t in result["terms"]
    ]
    assert f"Tier {result['tier']}" in page.locator("#tier").inner_text()
    context.close()


def test_history_timeline_has_a_point_per_draft(browser: Any, reports: dict[str, Path]) -> None:
    context, page, errors = _open(browser, reports["history"])
    rows = page.locator("#events tbody tr")
    added = [r for r in rows.all_text_contents() if "added" in r]
    assert rows.count() >= 5 and len(added) == 5  # the five drafts of the bundled file
    assert any("vs nato-2008" in r for r in rows.all_text_contents())  # verdicts shown
    points = page.locator(".timeline svg[role=img] g.point")
    assert points.count() == rows.count()
    titles = [t for t in page.locator(".timeline svg[role=img] g.point title").all_text_contents()]
    assert any("rus-2022" in t and "tier 5" in t for t in titles)
    box = page.locator(".timeline svg[role=img]").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert errors == []
    context.close()


def test_positions_table_has_every_column_row_and_redline(
    browser: Any, reports: dict[str, Path]
) -> None:
    from drafting.diff.positions import PositionsOptions, positions
    from drafting.formats.clausexml import read_clause

    report = positions(read_clause(TEXTS / "ua-ge-membership.xml"), PositionsOptions())
    context, page, errors = _open(browser, reports["positions"])
    heads = page.locator("#positions thead th[data-column]")
    assert [heads.nth(k).get_attribute("data-column") for k in range(heads.count())] == [
        c.key for c in report.columns
    ]
    assert page.locator("#positions tbody tr").count() == len(report.rows)
    for row in report.rows:
        for cell in row.cells:
            td = page.locator(f'#positions tr[data-row="{row.id}"] td[data-column="{cell.column}"]')
            assert td.locator("del.hunk").all_text_contents() == [
                s.text for s in cell.redline if s.kind == "delete"
            ]
            assert td.locator("ins.hunk").all_text_contents() == [
                s.text for s in cell.redline if s.kind == "insert"
            ]
            if cell.against_base is not None and cell.against_base.verdict != "unchanged":
                badge = td.locator(".badge")
                assert badge.get_attribute("data-verdict") == cell.against_base.verdict
                assert cell.against_base.explanation in (badge.get_attribute("title") or "")
    assert errors == []
    context.close()


def test_positions_timeline_has_a_point_per_draft(browser: Any, reports: dict[str, Path]) -> None:
    from drafting.diff.positions import PositionsOptions, timeline
    from drafting.formats.clausexml import read_clause

    entries = timeline(read_clause(TEXTS / "ua-ge-membership.xml"), PositionsOptions()).entries
    context, page, _ = _open(browser, reports["timeline"])
    assert page.locator(".timeline svg[role=img] g.point").count() == len(entries)
    assert page.locator("#events tbody tr").count() == len(entries)
    context.close()


def test_brief_table_and_sections(browser: Any, reports: dict[str, Path]) -> None:
    from drafting.formats.clausexml import read_xml_file
    from drafting.model import Clause

    clauses = [p for p in TEXTS.glob("*.xml") if isinstance(read_xml_file(p), Clause)]
    context, page, _ = _open(browser, reports["brief"], js=False)
    assert page.locator("#brief tbody tr").count() == len(clauses)
    assert page.locator("section.unit").count() == len(clauses)
    assert page.locator("section.unit .redlines del.hunk").count() > 0
    assert page.locator("section.unit .redlines .badge").count() > 0
    page.click("#brief tbody tr a >> nth=0")  # the table links to each clause's section
    assert page.url.endswith("#clause-1")
    context.close()


def _png_colours(png: bytes) -> int:
    """Distinct byte values in the decompressed image data: a blank page has a handful."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data = 8, b""
    while pos < len(png):
        size = int.from_bytes(png[pos : pos + 4], "big")
        kind = png[pos + 4 : pos + 8]
        if kind == b"IDAT":
            data += png[pos + 8 : pos + 8 + size]
        pos += 12 + size
    return len(set(zlib.decompress(data)))


def test_seed_screenshot_is_not_blank(
    browser: Any, reports: dict[str, Path], tmp_path: Path
) -> None:
    context, page, _ = _open(browser, reports["seed"])
    png = page.screenshot(path=str(tmp_path / "seed.png"))
    assert _png_colours(png) > 32
    context.close()
    blank = browser.new_page()
    blank.set_content("<html><body style='background:#fff'></body></html>")
    assert _png_colours(blank.screenshot()) < 8  # the check can fail
    blank.close()
