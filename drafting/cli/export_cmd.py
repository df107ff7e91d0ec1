"""``drafting export``: a clause or document file out to an interchange format (Akoma Ntoso)."""

from __future__ import annotations

import sys

import click

from drafting.cli.common import output_option


@click.command(
    "export",
    epilog="""\b
Examples:
  drafting export --format akn texts/rus-nato-2021.xml -o rus-nato-2021.akn.xml
  drafting export --format akn texts/ua-ge-membership.xml > ua-ge.akn.xml
  drafting export --format akn - < clause.xml

Akoma Ntoso 3.0 (OASIS LegalDocML): a document becomes an act (treaty), a bill (draft
treaty, negotiating draft) or a statement (other instruments) with article/num/heading/
paragraph/content/p and eIds; a clause file becomes a documentCollection with each draft as
a component (FRBR date, language and author party; parties as TLC references) and each
amendment as an amendment document with mod/quotedText and analysis/activeModifications/
textualMod (substitution, insertion, repeal). 'drafting import' reads the result back to the
same clause or document (docs/formats.md).

\b
Exit codes: 0 written, 2 trouble (unreadable, invalid or unsafe input).""",
)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["akn"]),
    default="akn",
    show_default=True,
    help="Interchange format: akn is Akoma Ntoso 3.0.",
)
@output_option
def export(file: str, output_format: str, output: str) -> int:
    """Export a clause or document FILE ('-' for stdin) to Akoma Ntoso 3.0 XML."""
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.akn import to_akn  # start-up time
    from drafting.formats.atomic import write_atomic  # start-up time
    from drafting.formats.clausexml import parse_xml_bytes, read_bytes  # start-up time

    name = "<stdin>" if file == "-" else file
    data = sys.stdin.buffer.read() if file == "-" else read_bytes(file)
    value = parse_xml_bytes(data, name)
    try:
        result = to_akn(value)
    except ValueError as error:
        raise DraftingError(f"{name}: cannot export: {error}") from None
    if output == "-":
        sys.stdout.buffer.write(result)
        sys.stdout.flush()
    else:
        try:
            write_atomic(output, result)
        except OSError as error:
            raise DraftingError(f"{output}: cannot write: {error.strerror or error}") from None
    return 0
