"""Hostile XML is refused quickly, with its place, without echoing any content.

Every input here is constructed. The issue asks that each be rejected "in under a second":
the bounds below are that requirement (generous on purpose, for a loaded CI machine), not a
benchmark.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.cli import run_drafting

from drafting.errors import InputError
from drafting.formats.clausexml import parse_clause, read_clause
from drafting.formats.validation import validate_path
from drafting.formats.xmlsafe import MAX_BYTES, find_doctype, parse_xml

SECRET = "constructed-secret-7f3a9c1e-do-not-echo"

CLAUSE_BODY = (
    '<clause xmlns="urn:drafting:clause:1" id="c" schemaVersion="1"><meta>'
    '<title xml:lang="en">t</title></meta></clause>'
)


def xxe(secret_file: Path) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE clause [<!ENTITY xxe SYSTEM "file://{secret_file}">]>\n'
        '<clause xmlns="urn:drafting:clause:1" id="c" schemaVersion="1"><meta>'
        '<title xml:lang="en">&xxe;</title></meta></clause>\n'
    ).encode()


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<clause xmlns="urn:drafting:clause:1">&lol9;</clause>\n'
).encode()

EXTERNAL_DTD = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE clause SYSTEM "http://127.0.0.1:9/constructed.dtd">\n' + CLAUSE_BODY
).encode()

PARAMETER_ENTITY = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE clause [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>\n'
    + CLAUSE_BODY
).encode()

DEEP = b"<a>" * 100_000 + b"</a>" * 100_000


def refused_quickly(data: bytes, name: str = "hostile.xml") -> tuple[str, float]:
    """Parse ``data``; return the error message and the seconds it took to refuse it."""
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_xml(data, name)
    return str(caught.value), time.perf_counter() - started


run = run_drafting


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def test_xxe_is_refused_without_reading_the_file(secret_file: Path) -> None:
    message, seconds = refused_quickly(xxe(secret_file))
    assert message.startswith("hostile.xml:2:1: DOCTYPE and entity declarations are not allowed")
    assert SECRET not in message
    assert seconds < 1.0


@pytest.mark.parametrize("command", ["validate", "fmt", "fmt --check"])
def test_xxe_through_the_command_line_echoes_nothing(
    tmp_path: Path, secret_file: Path, command: str
) -> None:
    path = tmp_path / "xxe.xml"
    original = xxe(secret_file)
    path.write_bytes(original)
    done = run(*command.split(), str(path))
    assert done.returncode == 2
    assert SECRET not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"{path}:2:1: DOCTYPE and entity declarations are not allowed" in (
        done.stdout + done.stderr
    )
    assert path.read_bytes() == original


def test_xxe_through_the_store_is_refused(tmp_path: Path, secret_file: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_bytes(xxe(secret_file))
    with pytest.raises(InputError) as caught:
        read_clause(path)
    assert SECRET not in str(caught.value)


def test_xxe_in_utf16_is_refused(secret_file: Path) -> None:
    data = xxe(secret_file).decode().replace("UTF-8", "UTF-16").encode("utf-16")
    message, seconds = refused_quickly(data)
    assert "DOCTYPE" in message and SECRET not in message
    assert seconds < 1.0


@pytest.mark.parametrize(
    ("data", "line"),
    [(BILLION_LAUGHS, 2), (EXTERNAL_DTD, 2), (PARAMETER_ENTITY, 2)],
    ids=["billion-laughs", "external-dtd", "parameter-entity"],
)
def test_declarations_are_refused_quickly(data: bytes, line: int) -> None:
    message, seconds = refused_quickly(data)
    assert message == (
        f"hostile.xml:{line}:1: DOCTYPE and entity declarations are not allowed "
        "(refused for safety: no DTDs, no entities)"
    )
    assert seconds < 1.0


def test_doctype_hidden_after_comments_and_processing_instructions_is_found() -> None:
    data = b'<?xml version="1.0"?>\n<!-- x -->\n<?pi y?>\n  <!doctype clause>\n' + b"<a/>"
    assert find_doctype(data) == (4, 3)


def test_doctype_words_inside_a_comment_or_text_are_not_a_doctype() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!-- <!DOCTYPE x> -->\n'
        b'<clause xmlns="urn:drafting:clause:1" id="c" schemaVersion="1"><meta>'
        b'<title xml:lang="en">&lt;!DOCTYPE x&gt; <![CDATA[<!ENTITY y "z">]]></title>'
        b"</meta></clause>"
    )
    assert parse_clause(data, "ok.xml").title == '<!DOCTYPE x> <!ENTITY y "z">'


def test_deep_nesting_is_refused_quickly() -> None:
    message, seconds = refused_quickly(DEEP)
    assert message.startswith("hostile.xml:1:")
    assert "elements nest too deeply" in message
    assert seconds < 1.0


def test_the_depth_limit_is_configurable_and_exact() -> None:
    nested = b"<a>" * 5 + b"</a>" * 5
    assert parse_xml(nested, "n.xml", max_depth=5).getroot().tag == "a"
    with pytest.raises(InputError, match=r"n\.xml:1:1: elements nest too deeply \(more than 4"):
        parse_xml(nested, "n.xml", max_depth=4)


def test_a_50_mb_input_is_refused_quickly() -> None:
    data = b"<a>" + b"x" * (50 * 1024 * 1024) + b"</a>"
    message, seconds = refused_quickly(data)
    assert message == (
        f"hostile.xml:1:1: file is {len(data):,} bytes, over the limit of {MAX_BYTES:,} bytes"
    )
    assert seconds < 1.0


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.write(b"<clause>" + b"x" * (50 * 1024 * 1024) + b"</clause>")
    started = time.perf_counter()
    problems = validate_path(path)
    seconds = time.perf_counter() - started
    assert [str(p) for p in problems] == [
        f"{path}:1:1: file is {path.stat().st_size:,} bytes, over the limit of {MAX_BYTES:,} "
        "bytes (raise it with --max-bytes or DRAFTING_MAX_BYTES)"
    ]
    assert seconds < 1.0
    done = run("validate", str(path))
    assert done.returncode == 2
    assert "xxxx" not in done.stdout + done.stderr


def test_the_size_limit_is_configurable() -> None:
    with pytest.raises(InputError, match="over the limit of 10 bytes"):
        parse_xml(b"<a>0123456789</a>", "s.xml", max_bytes=10)
    assert parse_xml(b"<a>01234</a>", "s.xml", max_bytes=12).getroot().text == "01234"


@pytest.mark.parametrize(
    "data",
    [
        f"<a>{SECRET}</b>",
        f'<a x="{SECRET}>',
        f"<a>{SECRET}",
        f"<a>{SECRET}&undefined;</a>",
        f"<a>{SECRET}</a><b/>",
        f"<a>{SECRET}\x01</a>",
        f"{SECRET}",
        "",
    ],
    ids=[
        "mismatch",
        "open-attribute",
        "unclosed",
        "entity",
        "two-roots",
        "control",
        "text",
        "empty",
    ],
)
def test_malformed_input_gives_one_line_without_content(data: str) -> None:
    message, _ = refused_quickly(data.encode(), "m.xml")
    assert message.startswith("m.xml:")
    assert "\n" not in message
    assert SECRET not in message
    line, column = message.split(":")[1:3]
    assert int(line) >= 1 and int(column) >= 1


def test_valid_xml_parses_with_line_numbers() -> None:
    tree = parse_xml(b"<a>\n  <b/>\n</a>", "ok.xml")
    assert tree.getroot()[0].sourceline == 2


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (BILLION_LAUGHS, ":2:1: DOCTYPE and entity declarations are not allowed"),
        (EXTERNAL_DTD, ":2:1: DOCTYPE and entity declarations are not allowed"),
        (DEEP, ":1:771: elements nest too deeply (more than 64 levels)"),
    ],
    ids=["billion-laughs", "external-dtd", "deep"],
)
def test_hostile_files_through_the_command_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    for command in (["validate"], ["fmt"], ["fmt", "--check"]):
        done = run(*command, str(path))
        assert done.returncode == 2
        assert f"{path}{words}" in done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert "lol" not in done.stdout + done.stderr
        assert len((done.stdout + done.stderr).splitlines()) <= 3  # the problem, a summary
    assert path.read_bytes() == data


def test_a_doctype_behind_a_long_comment_is_still_refused_before_parsing() -> None:
    doctype = b'<!DOCTYPE a [<!ENTITY e "f">]>'
    data = b'<?xml version="1.0"?>\n<!--' + b"x" * 100_000 + b"-->\n" + doctype + b"\n<a/>"
    message, seconds = refused_quickly(data)
    assert message.startswith("hostile.xml:3:1: DOCTYPE and entity declarations are not allowed")
    assert seconds < 1.0


def _crowded_root(attributes: int, namespaces: str = ' xmlns="urn:x" xmlns:b="urn:y"') -> bytes:
    many = " ".join(f'a{i}="v{i}"' for i in range(attributes))
    return f'<?xml version="1.0"?>\n<!-- c -->\n<b:root{namespaces}\n  {many}/>'.encode()


def test_a_crowded_start_tag_is_refused_with_its_place_before_parsing() -> None:
    with pytest.raises(InputError) as caught:
        parse_xml(_crowded_root(200_000), "crowded.xml")
    assert str(caught.value) == (
        "crowded.xml:3:1: element <root> has more than 64 attributes (the limit)"
    )


def test_namespace_declarations_do_not_count_as_attributes() -> None:
    # 64 attributes are allowed, with any number of xmlns declarations around them
    tree = parse_xml(_crowded_root(64, ' xmlns="urn:x" xmlns:b="urn:y" xmlns:c="urn:z"'), "ok.xml")
    assert len(tree.getroot().attrib) == 64
    with pytest.raises(InputError, match="more than 64 attributes"):
        parse_xml(_crowded_root(65), "crowded.xml")


def test_attribute_like_text_inside_an_element_is_not_a_start_tag() -> None:
    text = " ".join(f'a{i}="v"' for i in range(100))  # in a sentence's text, not in a tag
    tree = parse_xml(f"<root><s>{text}</s></root>".encode(), "text.xml")
    assert tree.getroot()[0].text == text


def test_a_crowded_tag_among_many_plain_ones_is_refused_after_parsing() -> None:
    # too few attributes per tag on average for the byte scan: the check on the tree finds it
    plain = "<s>text</s>" * 100
    crowded = " ".join(f'a{i}="v"' for i in range(65))
    data = f"<root>{plain}\n<p {crowded}/></root>".encode()
    with pytest.raises(InputError) as caught:
        parse_xml(data, "mixed.xml")
    assert str(caught.value) == (
        "mixed.xml:2:1: element <p> has 65 attributes, over the limit of 64"
    )
