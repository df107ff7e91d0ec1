"""The readers registry picks a reader by content first, then by suffix, then falls back."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.paths import REPO

from drafting.errors import InputError
from drafting.formats import readers
from drafting.model import Clause, Document

ROOT = REPO
CLAUSE = ROOT / "texts" / "ua-ge-membership.xml"


def test_a_clause_file_is_xml_whatever_its_name() -> None:
    data = CLAUSE.read_bytes()
    assert readers.pick(data, "notes.txt").name == "xml"
    loaded = readers.read(data, "notes.txt")
    assert isinstance(loaded.value, Clause) and loaded.text is None and loaded.reader == "xml"


def test_text_and_markdown_are_picked_by_content_or_suffix() -> None:
    text = b"Article 1\nThe Parties shall cooperate.\n"
    assert readers.pick(text, "-").name == "text"
    assert readers.pick(text, "draft.md").name == "markdown"
    assert readers.pick(b"# Treaty\n\nArticle 1\nText.\n", "-").name == "markdown"
    loaded = readers.read(text, "draft.txt", readers.ReadOptions(language="en"))
    assert isinstance(loaded.value, Document)
    assert loaded.text == "Article 1\nThe Parties shall cooperate.\n"
    assert loaded.value.language == "en"


def test_a_broken_xml_suffix_file_goes_to_the_xml_reader_for_its_error() -> None:
    assert readers.pick(b"not markup at all", "clause.xml").name == "xml"
    with pytest.raises(InputError, match=r"clause\.xml:1:1"):
        readers.read(b"not markup at all", "clause.xml")


def test_a_registered_reader_wins_by_content_and_names_are_unique() -> None:
    registry = readers.Registry()
    readers._register_builtins(registry)

    def sniff(data: bytes) -> int:
        return 100 if data.startswith(b"%CONSTRUCTED") else 0

    def read(data: bytes, name: str, options: readers.ReadOptions) -> readers.Loaded:
        return readers.REGISTRY.get("text").read(data[12:], name, options)

    custom = readers.SimpleReader("constructed", (".cst",), sniff, read)
    assert isinstance(custom, readers.Reader)
    registry.register(custom)
    assert registry.pick(b"%CONSTRUCTED Article 1\nText.", "x.xml").name == "constructed"
    assert registry.pick(b"<clause/>", "x.cst").name == "xml"
    with pytest.raises(ValueError, match="already registered"):
        registry.register(custom)
    with pytest.raises(InputError, match="no reader for format 'rtf'"):
        registry.get("rtf")


def test_read_path_goes_through_the_bounded_reader(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        readers.read_path(tmp_path)
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffArticle 1\nText.\n".encode())
    assert readers.read_path(bom).text == "Article 1\nText.\n"


def test_a_sentence_over_the_cap_is_refused_wherever_it_sits() -> None:
    from drafting.formats.source import MAX_TEXT_CHARS

    # constructed: one long sentence, alone, then after a short one in the same paragraph,
    # then in an article's second paragraph; and its whitespace runs collapsed under the cap
    long = "Word " + "word " * (MAX_TEXT_CHARS // 5 - 1) + "end."
    for text in (long, f"Short one. {long}", f"Article 1\nFirst.\n\n{long} Next."):
        with pytest.raises(InputError, match=r"t\.txt: sentence \S+ is 100,004 characters, over"):
            readers.read(text.encode(), "t.txt")
    spaced = "a  " * (MAX_TEXT_CHARS // 3 + 10) + "end."  # 100k+ as given, 67k collapsed
    assert len(spaced) > MAX_TEXT_CHARS
    assert readers.read(spaced.encode(), "t.txt").value.sentences[0].text.endswith("a end.")


def test_sentences_under_the_cap_in_a_long_paragraph_are_read() -> None:
    from drafting.formats.source import MAX_TEXT_CHARS

    half = "Word " + "word " * (MAX_TEXT_CHARS // 10 - 1) + "end."  # constructed: 2 × 50k
    document = readers.read(f"{half} {half}".encode(), "t.txt").value
    assert isinstance(document, Document)
    assert [len(s.text) for s in document.sentences] == [len(half), len(half)]
