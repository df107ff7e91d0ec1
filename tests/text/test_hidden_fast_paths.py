"""``find_hidden`` skips its scans for a text that cannot hold a hidden or look-alike
character (printable, letters of one script); what it finds is still exactly what a
character-by-character scan finds, on any text, whatever texts were seen before. A
character's script is what the script-data library says; ``escape_json`` of any JSON is the
escape regex's."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from confusable_homoglyphs import categories
from hypothesis import example, given
from hypothesis import strategies as st

from drafting.text.hidden import (
    BIDI_CONTROLS,
    TYPOGRAPHIC,
    _escaped,
    _maybe_invisible,
    _script,
    _script_table,
    escape_json,
    escape_json_utf8,
    find_hidden,
    json_escape,
)


def _library_script(char: str) -> str:
    try:
        return categories.alias(char)
    except (KeyError, IndexError):
        return "UNKNOWN"


def _scanned(text: str) -> list[tuple[str, int, int]]:
    """Every character and every word looked at, without any shortcut."""
    found = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS:
            found.append(("bidi", index, index + 1))
        elif (category == "Cf" or (category == "Cc" and char not in "\t\n\r")) and (
            char not in TYPOGRAPHIC
        ):
            found.append(("invisible", index, index + 1))
    for match in re.finditer(r"\w+", text):
        scripts = {_library_script(c) for c in match.group()} & {"LATIN", "CYRILLIC", "GREEK"}
        if len(scripts) > 1:
            found.append(("mixed-script", match.start(), match.end()))
    return sorted(found, key=lambda item: (item[1], item[0]))


# words of letters of the three scripts that look alike (ASCII, Latin-1, Cyrillic,
# Ukrainian, Greek, the ohm sign, fullwidth and mathematical letters, Greek, Latin and
# Cyrillic letters beyond U+FFFF, an emoji) and marks, between
# spaces, punctuation, controls, separators, or any character at all
_LETTER = st.sampled_from(
    [
        *"aeoxAEOXé\u0430\u0435\u043e\u0445\u0416\u0457\u0454\u03b1\u03bf\u039f\u2126",
        *("\uff21", "\U0001d400", "\u0301", "\u00ad", "\u200d", "1", "_"),
        *("\U00010140", "\U0001df00", "\U0001e030", "\U0001f600"),  # beyond U+FFFF
    ]
)
_BETWEEN = st.sampled_from(list(" ,.'-\u00a0\u202e\u2066\t\n\r\u2028\x07\ufeff")) | st.characters()
_TEXT = st.lists(st.tuples(st.text(_LETTER, max_size=5), _BETWEEN), max_size=6).map(
    lambda pieces: "".join(word + between for word, between in pieces)
)


@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_what_is_found_is_what_a_full_scan_finds(texts: list[str]) -> None:
    for text in texts:  # several texts in turn: the characters seen before are remembered
        assert [(h.kind, h.start, h.end) for h in find_hidden(text)] == _scanned(text)


def _has_unprintable(text: str) -> bool:
    """Whether any character other than tab and the newlines is not printable."""
    return any(not char.isprintable() for char in text if char not in "\t\n\r")


_ASCII = st.text(st.characters(max_codepoint=0x7F))


@given(st.lists(_ASCII | _TEXT | st.text(), min_size=1, max_size=4))
@example(["a\tb\nc\rd"])
@example(["Article 1\n\x7f"])
@example(["x\x00"])
@example(["\x1fArticle"])
@example(["\u0435\n\u200d"])
def test_the_look_for_unprintable_characters_is_a_full_scan(texts: list[str]) -> None:
    for text in texts:
        assert _maybe_invisible(text) == _has_unprintable(text)


def test_every_ascii_character_is_looked_for() -> None:
    # constructed: in an ASCII text, and in one with a Cyrillic word
    for code in range(0x80):
        for text in (f"Article 1\nThe Parties{chr(code)} shall", f"Статья 1\n{chr(code)}"):
            assert _maybe_invisible(text) == _has_unprintable(text), (hex(code), text)


def test_one_script_to_a_word_is_not_flagged_but_a_mixed_word_is() -> None:
    # constructed: Latin and Cyrillic in one text, each word of one script; then one word
    # with a Cyrillic letter among ASCII letters (in it, or first), and a Greek one among
    # Cyrillic letters
    assert find_hidden("NATO і ОБСЄ, café") == ()
    assert [h.kind for h in find_hidden("Ukraine will n\u0435ver join")] == ["mixed-script"]
    assert [h.kind for h in find_hidden("\u0430nd")] == ["mixed-script"]  # from the first letter
    assert [h.kind for h in find_hidden("Україна ніколи не стане членом Н\u0391ТО")] == [
        "mixed-script"
    ]


# DEL, C1 controls, controls, spaces between tokens, bidi, zero-width, separators, a tag
# character, quotes, letters; or any character; or ASCII only (DEL stays raw in JSON)
_JSON_STRING = st.lists(
    st.sampled_from(
        list('\x7f\x85\x9f\x00\x1f\t\n\r\x0b\u202e\u200d\u2028\ufeff\U000e0041a\xe9\u0416\u2192"\\')
    )
    | st.characters(),
    max_size=10,
).map("".join)
_ASCII_STRING = st.lists(st.sampled_from(list('\x7f\x00\x1f\t\n\x0ba"\\')), max_size=6).map("".join)
_JSON_VALUE = st.recursive(
    st.none() | st.integers() | _JSON_STRING | _ASCII_STRING,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_JSON_STRING, inner, max_size=3),
    max_leaves=6,
)


@given(_JSON_VALUE, st.booleans(), st.sampled_from([None, 2]), st.booleans())
@example({"a": "DEL \x7f"}, False, None, True)  # ASCII JSON with a raw DEL
@example(["\u200d\x85"], False, 2, True)
@example({"verdict": "will \u2192 shall", "text": "DEL \x7f"}, False, None, False)
@example(["\u2192 \u200d"], False, None, False)  # an arrow and a character to escape
def test_json_is_escaped_as_the_escape_search_would(
    value: Any, ascii_only: bool, indent: int | None, newline: bool
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent) + "\n" * newline
    assert escape_json(text) == _escaped().sub(lambda m: json_escape(m.group()), text)
    assert escape_json_utf8(text) == escape_json(text).encode()


def test_the_script_of_a_character_is_the_librarys() -> None:
    # each range's first and last code point, those either side, and one in the middle
    starts, ranges = _script_table()
    assert len(starts) > 1000
    for first, (last, _) in zip(starts, ranges, strict=True):
        for code in {first - 1, first, (first + last) // 2, last, last + 1} - {-1, 0x110000}:
            assert _script(chr(code)) == _library_script(chr(code)), hex(code)
