# ruff: noqa: E501  (the canonical golden files have long lines, as canonical files do)
"""drafting.formats.clausexml: XML ↔ model, the exact canonical bytes, refusing and surviving bad writes.

All clauses and documents here are constructed test inputs, not real texts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from drafting.errors import DraftingError, InputError
from drafting.formats.atomic import write_atomic
from drafting.formats.clausexml import (
    clause_to_xml,
    document_to_xml,
    parse_clause,
    parse_document,
    read_clause,
    read_xml_file,
    write_clause,
    write_document,
)
from drafting.model import (
    Amendment,
    Article,
    Clause,
    Document,
    Draft,
    Mark,
    Operation,
    Paragraph,
    Party,
    Sentence,
    Source,
)

CLAUSE = Clause(
    id="constructed",
    title="Constructed « clause » & <test>",
    title_language="fr",
    parties=(Party("a", "Partie A"), Party("b", "Сторона Б")),
    sources=(
        Source(
            "src",
            "Constructed, p. 1",
            date="2020-01-01",
            href="https://example.org/?a=1&b=2",
            note="copy",
        ),
    ),
    drafts=(
        Draft(
            id="a-1",
            party="a",
            status="proposed",
            date="2020-01-01",
            language="fr",
            instrument="treaty",
            source="src",
            note="  kept exactly\n",
            sentences=(
                Sentence(
                    "s1",
                    "Les Parties s’engagent à ne jamais déployer\u00a0: rien.",
                    (
                        Mark(4, 11, "term", (("category", "actor"), ("rule", "R1"))),
                        Mark(28, 34, "em"),
                        Mark(28, 34, "ref", (("href", "https://example.org"),)),
                    ),
                ),
                Sentence("s2", "A < B & C > D."),
            ),
        ),
        Draft(
            id="b-1",
            party="b",
            status="counter-proposal",
            date="2020-02-01",
            language="ru",
            instrument="draft-treaty",
            responds_to="a-1",
            sentences=(Sentence("s1", "Стороны никогда не будут развёртывать."),),
        ),
        Draft(
            id="a-2",
            party="a",
            status="withdrawn",
            date="2020-03-01",
            language="fr",
            instrument="treaty",
            supersedes="a-1",
            sentences=(Sentence("s1", "Rien."),),
        ),
    ),
    amendments=(
        Amendment(
            id="b-am",
            party="b",
            target="a-1",
            result="b-1",
            status="proposed",
            date="2020-02-01",
            operations=(
                Operation("substitute", "s1", old="jamais", new="toujours"),
                Operation("insert", "s1", anchor="rien", new=" du tout", position="before"),
                Operation("insert", "s2", new="Une phrase.", new_id="s3"),
                Operation("delete", "s2", old=" & C"),
            ),
        ),
    ),
)

CANONICAL = """\
<?xml version="1.0" encoding="UTF-8"?>
<clause xmlns="urn:drafting:clause:1" id="constructed" schemaVersion="1">
  <meta>
    <title xml:lang="fr">Constructed « clause » &amp; &lt;test&gt;</title>
    <party id="a" name="Partie A"/>
    <party id="b" name="Сторона Б"/>
    <source id="src" date="2020-01-01" href="https://example.org/?a=1&amp;b=2" note="copy">Constructed, p. 1</source>
  </meta>
  <draft id="a-1" party="a" status="proposed" date="2020-01-01" xml:lang="fr" instrument="treaty" source="src">
    <note>  kept exactly
</note>
    <s id="s1">Les <term category="actor" rule="R1">Parties</term> s’engagent à ne <em><ref href="https://example.org">jamais</ref></em> déployer\u00a0: rien.</s>
    <s id="s2">A &lt; B &amp; C &gt; D.</s>
  </draft>
  <draft id="b-1" party="b" status="counter-proposal" date="2020-02-01" xml:lang="ru" instrument="draft-treaty" respondsTo="a-1">
    <s id="s1">Стороны никогда не будут развёртывать.</s>
  </draft>
  <draft id="a-2" party="a" status="withdrawn" date="2020-03-01" xml:lang="fr" instrument="treaty" supersedes="a-1">
    <s id="s1">Rien.</s>
  </draft>
  <amendment id="b-am" party="b" target="a-1" result="b-1" status="proposed" date="2020-02-01">
    <substitute at="s1"><old>jamais</old><new>toujours</new></substitute>
    <insert at="s1" position="before"><anchor>rien</anchor><new> du tout</new></insert>
    <insert at="s2" position="after" newId="s3"><new>Une phrase.</new></insert>
    <delete at="s2"><old> &amp; C</old></delete>
  </amendment>
</clause>
"""

DOCUMENT = Document(
    id="constructed-doc",
    title="Constructed draft treaty",
    party="a",
    date="2021-12-17",
    language="en",
    instrument="draft-treaty",
    source=Source("src", "Constructed source", href="https://example.org"),
    preamble=(Paragraph("pre-p1", (Sentence("pre-p1-s1", "The Parties,"),)),),
    articles=(
        Article(
            "art-1",
            (
                Paragraph(
                    "art-1-p1",
                    (Sentence("art-1-p1-s1", "They shall consult.", (Mark(5, 10, "term"),)),),
                    num="1",
                ),
            ),
            num="1",
            label="Article 1",
            heading="Consultations",
        ),
        Article("art-2", (), num="2", label="Article 2"),
    ),
)

DOCUMENT_CANONICAL = """\
<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:drafting:document:1" id="constructed-doc" schemaVersion="1" party="a" date="2021-12-17" xml:lang="en" instrument="draft-treaty">
  <meta>
    <title>Constructed draft treaty</title>
    <source id="src" href="https://example.org">Constructed source</source>
  </meta>
  <preamble>
    <p id="pre-p1">
      <s id="pre-p1-s1">The Parties,</s>
    </p>
  </preamble>
  <article id="art-1" num="1" label="Article 1">
    <heading>Consultations</heading>
    <p id="art-1-p1" num="1">
      <s id="art-1-p1-s1">They <term>shall</term> consult.</s>
    </p>
  </article>
  <article id="art-2" num="2" label="Article 2"/>
</document>
"""


def test_clause_is_written_in_exactly_the_canonical_form() -> None:
    assert clause_to_xml(CLAUSE).decode("utf-8") == CANONICAL


def test_document_is_written_in_exactly_the_canonical_form() -> None:
    assert document_to_xml(DOCUMENT).decode("utf-8") == DOCUMENT_CANONICAL


def test_canonical_bytes_read_back_to_the_same_values() -> None:
    assert parse_clause(CANONICAL.encode(), "c.xml") == CLAUSE
    assert parse_document(DOCUMENT_CANONICAL.encode(), "d.xml") == DOCUMENT


def test_mixed_content_becomes_plain_text_and_nested_marks() -> None:
    sentence = parse_clause(CANONICAL.encode(), "c.xml").drafts[0].sentences[0]
    assert sentence.text[4:11] == "Parties"
    assert [(m.tag, sentence.text[m.start : m.end]) for m in sentence.marks] == [
        ("term", "Parties"),
        ("em", "jamais"),
        ("ref", "jamais"),
    ]


def test_whitespace_in_sentences_collapses_but_no_break_spaces_stay() -> None:
    messy = CANONICAL.replace(
        '<s id="s2">A &lt; B &amp; C &gt; D.</s>',
        '<s id="s2">\n      A  &lt;\tB <em> &amp; C</em>\n &gt; D.\u00a0\u00a0 </s>',
    ).replace("<old> &amp; C</old>", "<old>&amp; C</old>")
    sentence = parse_clause(messy.encode(), "c.xml").drafts[0].sentences[1]
    assert sentence.text == "A < B & C > D.\u00a0\u00a0"
    assert sentence.marks == (Mark(6, 9, "em"),)


def test_read_xml_file_dispatches_on_the_root_namespace(tmp_path: Path) -> None:
    (tmp_path / "c.xml").write_text(CANONICAL, encoding="utf-8")
    (tmp_path / "d.xml").write_text(DOCUMENT_CANONICAL, encoding="utf-8")
    assert read_xml_file(tmp_path / "c.xml") == CLAUSE
    assert read_xml_file(tmp_path / "d.xml") == DOCUMENT


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    write_clause(tmp_path / "c.xml", CLAUSE)
    write_document(tmp_path / "d.xml", DOCUMENT)
    assert (tmp_path / "c.xml").read_text("utf-8") == CANONICAL
    assert read_clause(tmp_path / "c.xml") == CLAUSE
    assert read_xml_file(tmp_path / "d.xml") == DOCUMENT


def original_file(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "clause.xml"
    path.write_text(CANONICAL, encoding="utf-8")
    return path, path.read_bytes()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            {"drafts": (*CLAUSE.drafts[:2], Draft(**{**CLAUSE.drafts[2].__dict__, "party": "z"}))},
            "unknown party 'z'",
        ),
        (
            {
                "amendments": (
                    Amendment("x", "b", "a-1", (Operation("delete", "s1", old="absent"),)),
                )
            },
            "old text not found",
        ),
        ({"title": "bad \x00 character"}, "cannot write clause"),
        (
            {
                "drafts": (
                    Draft("d", "a", "final", "2020-01-01", "en", "treaty", (Sentence("s", "x"),)),
                )
            },
            "'final' is not an element of the set",
        ),
    ],
    ids=["unknown-party", "old-text", "nul-character", "bad-status"],
)
def test_an_invalid_clause_is_never_written(tmp_path: Path, change: dict, words: str) -> None:
    path, before = original_file(tmp_path)
    bad = Clause(**{**CLAUSE.__dict__, **change})
    with pytest.raises(DraftingError, match=words):
        write_clause(path, bad)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clause.xml"]


def test_crossing_marks_are_refused(tmp_path: Path) -> None:
    path, before = original_file(tmp_path)
    crossing = Sentence("s1", "abcdef", (Mark(0, 3, "em"), Mark(2, 5, "term")))
    draft = Draft("a-1", "a", "proposed", "2020-01-01", "en", "treaty", (crossing,))
    with pytest.raises(DraftingError, match="marks cross"):
        write_clause(path, Clause("c", "t", (Party("a", "A"),), (), (draft,)))
    assert path.read_bytes() == before


CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from drafting.model import Document, Article, Paragraph, Sentence
    from drafting.formats.clausexml import write_document
    # Python ignores SIGXFSZ (write() then fails with EFBIG); "kill" restores the default,
    # under which the kernel kills the process in the middle of the write.
    if sys.argv[2] == "kill":
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    # A constructed document of about 2 MB; the file size limit lets only 64 KB be written.
    sentences = tuple(Sentence(f"s{i}", "The Parties shall consult each other. " * 5)
                      for i in range(10_000))
    doc = Document("big", "Constructed", (Article("a1", (Paragraph("p1", sentences),)),))
    resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
    from drafting.errors import DraftingError
    try:
        write_document(sys.argv[1], doc)
    except DraftingError as error:
        print("write failed:", error)
        sys.exit(3)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_a_write_killed_partway_leaves_the_original_byte_identical(tmp_path: Path) -> None:
    path, before = original_file(tmp_path)
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), "kill"], check=False)
    assert done.returncode == -signal.SIGXFSZ  # killed by the kernel in the middle of write()
    assert path.read_bytes() == before
    leftovers = [p for p in tmp_path.iterdir() if p.name != "clause.xml"]
    assert [p.name[:14] for p in leftovers] == [".drafting-tmp."]  # hidden from globs
    partial = leftovers[0] / "clause.xml"
    assert 0 < partial.stat().st_size <= 65536  # it really wrote partway
    assert (leftovers[0] / ".gitignore").read_bytes() == b"*\n"  # and hidden from git
    write_atomic(tmp_path / "other.xml", b"x")  # the next write there removes the leftover
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clause.xml", "other.xml"]


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_a_write_failing_partway_leaves_the_original_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    path, before = original_file(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), "ignore"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert "write failed:" in done.stdout and "file too large (nothing was written)" in done.stdout
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clause.xml"]


def test_reading_a_folder_or_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_clause(tmp_path / "missing.xml")
    with pytest.raises(InputError, match="is a folder"):
        read_clause(tmp_path)


def test_reading_without_validation_still_refuses_hostile_input(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text('<!DOCTYPE x [<!ENTITY a "b">]><x/>', encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE"):
        read_clause(path, validate=False)


def test_unvalidated_nonsense_is_one_clear_error() -> None:
    data = b'<clause xmlns="urn:drafting:clause:1"><draft><s/></draft></clause>'
    with pytest.raises(InputError, match="not a valid file"):
        parse_clause(data, "n.xml", validate=False)


def test_file_permissions_survive_a_rewrite(tmp_path: Path) -> None:
    path, _ = original_file(tmp_path)
    os.chmod(path, 0o640)
    write_clause(path, CLAUSE)
    assert path.stat().st_mode & 0o777 == 0o640


def test_text_around_a_comment_is_kept_whole() -> None:
    commented = CANONICAL.replace("Constructed « clause »", "Constructed «<!-- c --> clause »")
    assert parse_clause(commented.encode(), "c.xml").title == CLAUSE.title
