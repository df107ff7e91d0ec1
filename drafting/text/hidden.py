"""Hidden and look-alike characters: what a reader cannot see, or sees as something else.

When the other side supplies the text, "will ne\\u200dver become a member" (a zero-width
joiner inside "never") or "will nеver" (a Cyrillic "е") reads as "will never" to a person but
not to a program: a word list does not match it, and a diff of two texts that differ only by
a right-to-left override says "identical" while the terminal shows them reordered. This
module finds such characters, with their positions, and gives the text as a reader sees it:

- **invisible**: format characters (Unicode category Cf: zero-width space, joiner and
  non-joiner, word joiner, soft hyphen, byte-order mark...) and control characters other
  than tab and newlines;
- **bidi**: the bidirectional embedding, override and isolate controls (U+202A-U+202E,
  U+2066-U+2069) and marks (U+200E, U+200F, U+061C), which reorder what is displayed;
- **mixed script**: a word whose letters come from more than one script (Latin with
  Cyrillic or Greek), with each look-alike letter named from Unicode's confusables data.

Why ``confusable-homoglyphs``: it ships Unicode's own ``confusables.txt`` and script data as
JSON (no network, pure Python), so which letters look alike is Unicode's decision and is
updated with the library, not a hand-kept table here.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from drafting.model import frozen_value

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
"""Characters that change the displayed order of text (Unicode bidi controls and marks)."""

_ALLOWED_CONTROLS = frozenset("\t\n\r")
TYPOGRAPHIC = frozenset("\u00ad")
"""Invisible characters that are typography, not concealment: the soft hyphen (a hyphenation
hint common in real published acts) is not reported, and not escaped on a terminal, but
``as_read`` still drops it, so "ne\u00adver" is still graded as "never"."""
_WORD = re.compile(r"\w+")
_SCRIPTS_OF_INTEREST = frozenset({"LATIN", "CYRILLIC", "GREEK"})


@frozen_value()
class Hidden:
    """One finding: ``kind`` is ``invisible``, ``bidi`` or ``mixed-script``; ``start``/``end``
    are offsets in the text (Python string indices); ``detail`` says what, in words."""

    kind: str
    start: int
    end: int
    detail: str

    def describe(self) -> str:
        return f"{self.kind} at character {self.start + 1}: {self.detail}"

    def to_json(self, text: str) -> dict[str, object]:
        """The finding for JSON output: a span of ``text`` (the text as given, in which
        ``start``/``end`` count) with its kind and what it is in words."""
        return {
            "text": text[self.start : self.end],
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "detail": self.detail,
        }


def code_name(char: str) -> str:
    """``U+200D ZERO WIDTH JOINER``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"


def is_invisible(char: str) -> bool:
    """A character a reader does not see: format (Cf) or control (Cc) other than tab and
    newlines. Bidi controls are format characters too."""
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and char not in _ALLOWED_CONTROLS)


@cache
def _script(char: str) -> str:
    """The script of ``char`` as ``confusable_homoglyphs.categories.alias`` gives it (the
    same table, the same search), or ``Unknown``."""
    starts, ranges = _script_table()
    code = ord(char)
    index = bisect.bisect_right(starts, code) - 1
    return ranges[index][1] if index >= 0 and code <= ranges[index][0] else "Unknown"


@cache
def _script_table() -> tuple[list[int], list[tuple[int, str]]]:
    """The library's table of script ranges: their first code points, and each one's last
    code point and script. Read from its ``categories.json`` where its ``categories`` module
    reads it (the ``CONFUSABLE_DATA`` folder, else the package's), but without importing that
    module: its ``utils`` imports ``urllib.request`` (for a download not used here), about
    20 ms of a process that meets a non-ASCII text. Only a non-ASCII word needs it."""
    import confusable_homoglyphs  # start-up time

    folder = os.environ.get("CONFUSABLE_DATA", os.path.dirname(confusable_homoglyphs.__file__))
    with open(os.path.join(folder, "categories.json"), encoding="utf-8") as file:
        data = json.load(file)
    aliases = data["iso_15924_aliases"]
    table = data["code_points_ranges"]
    return [row[0] for row in table], [(row[1], aliases[row[2]]) for row in table]


_WORD_SCRIPTS: dict[str, frozenset[str]] = {}
"""The scripts of interest in each non-ASCII word seen, so that a batch of thousands of
clauses (where the same words recur) looks up each word's letters once."""


def _one_script(text: str) -> bool:
    """True when no word of ``text`` can mix scripts: its letters, taken together, are of at
    most one of Latin, Cyrillic and Greek (ASCII letters count as Latin). Most texts are
    (French or Russian prose). Two searches in C: the first letter of any of the three, then
    a letter of the two others after it; a character beyond U+FFFF found by either (rare)
    sends the text to ``_scripts_in``, which looks at each distinct character."""
    if text.isascii():
        return True
    letters, others = _script_letters()
    first = letters.search(text)
    if first is None:
        return True
    char = first.group()
    other_letter = others.get("LATIN" if char.isascii() else _script(char))
    other = other_letter.search(text, first.end()) if other_letter else None
    if other_letter and (other is None or other.group() <= "\uffff"):
        return other is None
    return len(_scripts_in(text)) < 2  # beyond U+FFFF: not a letter of interest, or not yet


def _scripts_in(text: str) -> set[str]:
    """Which of Latin, Cyrillic and Greek the letters of ``text`` are written in, looked up
    character by character (ASCII letters count as Latin)."""
    scripts = {_script(c) for c in set(text) if not c.isascii()} & _SCRIPTS_OF_INTEREST
    if re.search("[A-Za-z]", text):  # (re's cache: compiled when a text first comes here)
        scripts.add("LATIN")
    return scripts


@cache
def _script_letters() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """A search for a letter of any script of interest, and for each script one for a
    letter of the others, made from the library's own table of script ranges (what
    ``_script`` looks characters up in), below U+10000; each also finds any character
    beyond U+FFFF, which ``_one_script`` leaves to ``_scripts_in`` (a class with ranges
    there is several times slower to search)."""
    spans: dict[str, list[str]] = {script: [] for script in sorted(_SCRIPTS_OF_INTEREST)}
    spans["LATIN"].append("A-Za-z")  # of ASCII, only the letters count (as Latin)
    starts, ranges = _script_table()
    for first, (last, script) in zip(starts, ranges, strict=True):
        if script in spans and last >= 0x80 and first <= 0xFFFF:
            low, high = chr(max(first, 0x80)), chr(min(last, 0xFFFF))
            spans[script].append(f"{re.escape(low)}-{re.escape(high)}")

    def letters_of(scripts: list[str]) -> re.Pattern[str]:
        spanned = "".join(span for script in scripts for span in spans[script])
        return re.compile(f"[{spanned}\U00010000-\U0010ffff]")

    letters = letters_of(list(spans))
    others = {script: letters_of([s for s in spans if s != script]) for script in spans}
    return letters, others


def _scripts_of(word: str) -> frozenset[str]:
    """Which of Latin, Cyrillic and Greek the letters of ``word`` are written in."""
    found = _WORD_SCRIPTS.get(word)
    if found is None:
        found = frozenset({_script(c) for c in word} & _SCRIPTS_OF_INTEREST)
        if len(_WORD_SCRIPTS) > 100_000:
            _WORD_SCRIPTS.clear()
        _WORD_SCRIPTS[word] = found
    return found


def _look_alikes(word: str, scripts: frozenset[str]) -> tuple[str, dict[int, str]]:
    """The word's main script and, for each letter of another script that looks like a
    letter of the main one, that letter (by index in the word)."""
    counts: dict[str, int] = {}
    for char in word:
        script = _script(char)
        if script in _SCRIPTS_OF_INTEREST:
            counts[script] = counts.get(script, 0) + 1
    main = max(sorted(counts), key=lambda s: counts[s])
    from confusable_homoglyphs import confusables  # start-up time: only a mixed-script word

    swaps: dict[int, str] = {}
    found = confusables.is_confusable(word, greedy=True, preferred_aliases=[main.lower()]) or []
    for item in found:
        targets = [h["c"] for h in item["homoglyphs"] if len(h["c"]) == 1]
        targets = [t for t in targets if _script(t) == main]
        if not targets:
            continue
        for index, char in enumerate(word):
            if char == item["character"]:
                swaps[index] = targets[0]
    return main, swaps


_ASCII_HIDDEN = bytes(
    0 if (code < 0x20 and chr(code) not in _ALLOWED_CONTROLS) or code == 0x7F else 1
    for code in range(256)
)
"""A table for ``bytes.translate``: 0 for the ASCII characters ``isprintable`` refuses (the
controls U+0000-U+001F and DEL) other than tab and the newlines, 1 for every other byte."""


def _maybe_invisible(text: str) -> bool:
    """False when ``text`` surely has no invisible or bidi character: ``str.isprintable``
    (in C) is False for every Cc and Cf character, so the per-character scan runs only on
    the rare text that has one (or a no-break space), which keeps ``--batch`` fast.

    Tab and newlines are allowed: they are taken out first (``replace`` is a fast search;
    a text is printable when each piece between them is). An ASCII text needs no more than
    a look for a control byte (one table lookup a byte in C, several times faster than
    ``isprintable``: a 690 KB text takes 0.8 ms instead of 2.3, and 6.6 by splitting)."""
    if text.isascii():
        return 0 in text.encode("ascii").translate(_ASCII_HIDDEN)
    return not text.replace("\n", "").replace("\r", "").replace("\t", "").isprintable()


def find_hidden(text: str) -> tuple[Hidden, ...]:
    """Every hidden or look-alike character of ``text``, in text order."""
    maybe_invisible = _maybe_invisible(text)
    if not maybe_invisible and _one_script(text):
        return ()  # nearly every clause: no scan at all
    found: list[Hidden] = []
    for index, char in enumerate(text if maybe_invisible else ""):
        if char in BIDI_CONTROLS:
            found.append(Hidden("bidi", index, index + 1, f"{code_name(char)} (reorders display)"))
        elif is_invisible(char) and char not in TYPOGRAPHIC:
            found.append(Hidden("invisible", index, index + 1, code_name(char)))
    for match, scripts in _mixed_script_words("" if _one_script(text) else text):
        word = match.group()
        main, swaps = _look_alikes(word, scripts)
        others = sorted(s.title() for s in scripts - {main})
        letters = ", ".join(
            f"{_script(word[i]).title()} '{word[i]}' (U+{ord(word[i]):04X}) looks like "
            f"{main.title()} '{swap}'"
            for i, swap in sorted(swaps.items())
        )
        detail = f"'{word}' mixes {main.title()} with {' and '.join(others)}" + (
            f": {letters}" if letters else ""
        )
        found.append(Hidden("mixed-script", match.start(), match.end(), detail))
    return tuple(sorted(found, key=lambda h: (h.start, h.kind)))


def _mixed_script_words(text: str) -> Iterator[tuple[re.Match[str], frozenset[str]]]:
    """Each word of ``text`` that mixes scripts (Latin, Cyrillic, Greek …), with its scripts."""
    for match in _WORD.finditer(text):
        if not match.group().isascii() and len(scripts := _scripts_of(match.group())) > 1:
            yield match, scripts


def as_read(text: str) -> str:
    """The text as a reader sees it: invisible characters dropped, and in a mixed-script
    word each look-alike letter replaced by the letter of the word's main script."""
    visible = "".join(c for c in text if not is_invisible(c)) if _maybe_invisible(text) else text
    if visible.isascii():
        return visible
    pieces: list[str] = []
    cursor = 0
    for match, scripts in _mixed_script_words(visible):
        word = match.group()
        _, swaps = _look_alikes(word, scripts)
        if not swaps:
            continue
        pieces.append(visible[cursor : match.start()])
        pieces.append("".join(swaps.get(i, c) for i, c in enumerate(word)))
        cursor = match.end()
    pieces.append(visible[cursor:])
    return "".join(pieces)


@cache
def _escaped() -> re.Pattern[str]:
    """What is shown as ``<U+XXXX>`` (terminal, HTML, Word) or ``\\uXXXX`` (JSON): bidi controls,
    control characters, zero-width and other invisible format characters, interlinear
    annotation marks, tag characters, and the line and paragraph separators.

    Compiled when first needed: a clean JSON report never needs it, and compiling this class
    of characters beyond Latin-1 was about 3.5 M instructions at start-up."""
    return re.compile(
        "[" + "".join(re.escape(c) for c in sorted(BIDI_CONTROLS)) + r"\x00-\x08\x0b\x0c\x0e-\x1f"
        r"\x7f-\x9f\u180e\u200b-\u200d\u2060-\u2064\ufeff\ufff9-\ufffb\u2028\u2029"
        r"\U000e0000-\U000e007f]"
    )


def escape_invisible(text: str, *, keep_colour: bool = False) -> str:
    """``text`` safe to print on a terminal: every bidi control, control character and
    zero-width character shown as ``<U+202E>`` instead of acting on the display.
    ``keep_colour`` keeps SGR colour sequences (``ESC [ 31 m``) that a renderer added."""
    if not keep_colour:
        return _escaped().sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    pieces: list[str] = []
    cursor = 0
    for match in re.finditer(r"\x1b\[[0-9;]*m", text):  # SGR (re's cache: compiled on first use)
        pieces.append(escape_invisible(text[cursor : match.start()]))
        pieces.append(match.group())
        cursor = match.end()
    pieces.append(escape_invisible(text[cursor:]))
    return "".join(pieces)


def hidden_signature(text: str, found: tuple[Hidden, ...] | None = None) -> tuple[str, ...]:
    """What of ``text`` a reader cannot see, in order: its invisible characters and its
    mixed-script words. Two texts whose signatures differ differ in something hidden.
    ``found`` is ``find_hidden(text)`` when the caller has it already (no second scan)."""
    return tuple(
        text[h.start : h.end] if h.kind != "mixed-script" else f"{h.kind}:{text[h.start : h.end]}"
        for h in (find_hidden(text) if found is None else found)
    )


def escape_json(text: str) -> str:
    """Rendered JSON with the same characters as ``\\uXXXX`` escapes: the same JSON value,
    but nothing that reorders or hides text on a terminal. ``text`` is JSON as the ``json``
    module (or a template that escapes its strings with it) writes it."""
    if text.isascii():
        # such JSON holds no character below U+0020 but the spaces between its tokens (the
        # encoder escapes the others in strings), so of ASCII only DEL can be here to escape
        # (a search in C; ``isprintable`` costs about 20 instructions a character)
        if "\x7f" not in text:
            return text
    else:
        # in C; every character escaped here is Cc, Cf, Zl or Zp, so not printable. Rendered
        # JSON ends with a line break (indented JSON has more), which is not printable either
        # and not escaped: without this, a clean 2.5 MB diff report went through the regex
        body = text.removesuffix("\n")
        if body.isprintable() or ("\n" in body and body.replace("\n", "").isprintable()):
            return text
    return _escaped().sub(lambda m: json_escape(m.group()), text)


def escape_json_utf8(text: str) -> bytes:
    """``escape_json(text).encode()``, for JSON whose only characters beyond ASCII are the
    arrows of strength verdicts (``→``, printable): a diff report's unit over ASCII text. Its
    UTF-8 is as long as the text plus two bytes an arrow exactly when no other character is
    beyond ASCII, which costs a count and the encoding the caller needs anyway, where
    ``isprintable`` costs about 20 instructions a character (a unit is kilobytes)."""
    data = text.encode()
    # counted in the UTF-8 (a faster search than in the text's two-byte characters): an
    # arrow is the bytes E2 86 92 and DEL the byte 7F wherever they occur there
    if len(data) == len(text) + 2 * data.count(_ARROW_UTF8) and b"\x7f" not in data:
        return data  # as escape_json's ASCII case: of ASCII only DEL can need escaping
    return escape_json(text).encode()


_ARROW_UTF8 = "\u2192".encode()


def json_escape(char: str) -> str:
    """``\\u200d``; a character beyond U+FFFF as its UTF-16 surrogate pair, as JSON spells it."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
