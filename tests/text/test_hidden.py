"""Hidden and look-alike characters are flagged, graded as read, and never printed raw."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run_drafting
from support.paths import DATA, REPO

from drafting.text.hidden import as_read, escape_invisible, escape_json, find_hidden

ROOT = REPO
# a real sentence (docs/strength-scale: Geneva 2022 draft), with constructed tampering
GENEVA = "Ukraine and Georgia will never become a member of NATO."
ZWJ = GENEVA.replace("never", "ne\u200dver")
CYRILLIC_E = GENEVA.replace("never", "n\u0435ver")
OVERRIDE = GENEVA.replace("never", "\u202enever")


def test_each_kind_is_found_with_its_position() -> None:
    (zwj,) = find_hidden(ZWJ)
    assert (zwj.kind, zwj.start, ZWJ[zwj.start]) == ("invisible", 27, "\u200d")
    (mixed,) = find_hidden(CYRILLIC_E)
    assert mixed.kind == "mixed-script" and CYRILLIC_E[mixed.start : mixed.end] == "n\u0435ver"
    assert "Cyrillic 'е' (U+0435) looks like Latin 'e'" in mixed.detail
    (bidi,) = find_hidden(OVERRIDE)
    assert bidi.kind == "bidi" and "RIGHT-TO-LEFT OVERRIDE" in bidi.detail
    assert find_hidden(GENEVA) == ()
    assert find_hidden("Стаття 5 Договору НАТО, NATO, ОБСЄ") == ()  # one script per word
    # a soft hyphen is typography (real acts have them): not reported, but dropped when read
    hyphenated = GENEVA.replace("member", "mem\u00adber")
    assert find_hidden(hyphenated) == () and as_read(hyphenated) == GENEVA
    assert find_hidden(GENEVA.replace("never", "ne\u00adver\u200b")) != ()


def test_the_text_as_read_drops_and_maps_what_fools_a_reader() -> None:
    assert as_read(ZWJ) == GENEVA
    assert as_read(CYRILLIC_E) == GENEVA
    assert as_read(OVERRIDE) == GENEVA
    assert escape_invisible(OVERRIDE) == GENEVA.replace("never", "<U+202E>never")
    assert json.loads(escape_json(json.dumps(OVERRIDE, ensure_ascii=False))) == OVERRIDE
    assert escape_invisible("\x1b[31mred\x1b[0m\u202e", keep_colour=True) == (
        "\x1b[31mred\x1b[0m<U+202E>"
    )


def test_rendered_json_keeps_its_line_breaks_and_escapes_what_hides_between_them() -> None:
    for indent in (None, 2):
        clean = json.dumps({"text": GENEVA, "n": [1, 2]}, ensure_ascii=False, indent=indent)
        assert escape_json(clean + "\n") == clean + "\n"
        tampered = json.dumps({"text": OVERRIDE, "n": [1]}, ensure_ascii=False, indent=indent)
        escaped = escape_json(tampered + "\n")
        assert "\u202e" not in escaped and escaped.endswith("\n")
        assert json.loads(escaped) == {"text": OVERRIDE, "n": [1]}


def test_strength_flags_a_tampered_never_and_grades_what_a_reader_sees() -> None:
    for tampered in (ZWJ, CYRILLIC_E):
        done = run_drafting(
            "strength", "--instrument", "political-declaration", "--format", "json", tampered
        )
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert (result["tier"], result["polarity"]) == (5, "negative")  # "will never"
        assert "drafting: warning: clause:" in done.stderr
        assert "graded as a reader sees it" in done.stderr


def test_diff_counts_an_invisible_difference_and_prints_no_raw_control(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The Parties shall consult.\n", encoding="utf-8")
    b.write_text("The Parties shall \u200bconsult.\n", encoding="utf-8")
    done = run_drafting("diff", str(a), str(b))
    assert done.returncode == 1, done.stderr
    assert "differ in hidden characters" in done.stderr
    assert "\u200b" not in done.stdout
    b.write_text("The Parties shall \u202econsult.\n", encoding="utf-8")
    for fmt in ("text", "markdown", "json"):
        done = run_drafting("diff", "--format", fmt, str(a), str(b))
        assert done.returncode == 1, done.stderr
        assert "\u202e" not in done.stdout + done.stderr
        assert "U+202E RIGHT-TO-LEFT OVERRIDE" in done.stderr


def test_validate_flags_hidden_characters_in_a_sentence(tmp_path: Path) -> None:
    clause = (ROOT / "texts" / "ua-ge-membership.xml").read_text(encoding="utf-8")
    assert "will never become" in clause
    path = tmp_path / "c.xml"
    path.write_text(clause.replace("will never become", "will ne\u200dver become", 1), "utf-8")
    done = run_drafting("validate", str(path))
    assert done.returncode == 1
    assert "invisible at character" in done.stdout + done.stderr
    assert "U+200D ZERO WIDTH JOINER" in done.stdout + done.stderr
    # the same file still loads for the other commands: diff shows the change (exit 1),
    # it does not refuse the file as invalid (exit 2)
    opening = clause.rindex("<draft ", 0, clause.index("will never become"))
    draft = clause[opening:].split('id="')[1].split('"')[0]  # the draft of that sentence
    original = f"{ROOT / 'texts' / 'ua-ge-membership.xml'}#{draft}"
    done = run_drafting("diff", "--format", "json", original, f"{path}#{draft}")
    assert done.returncode == 1, done.stderr
    assert "differ in hidden characters" in done.stderr and "\u200d" not in done.stdout


def test_a_real_act_with_soft_hyphens_imports_and_validates(tmp_path: Path) -> None:
    """Soft hyphens are typography in real published acts (the Italian act has them): an
    imported document with them validates, no warning."""
    act = DATA / "akn" / "it-dlgs-82-2005.xml"
    assert "\u00ad" in act.read_text(encoding="utf-8")
    out = tmp_path / "it.xml"
    done = run_drafting("import", str(act), "--id", "it-cad", "-o", str(out))
    assert done.returncode == 0, done.stderr
    done = run_drafting("validate", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
