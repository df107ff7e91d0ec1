"""``drafting show``: one draft's clean text (or a document's), without the XML."""

from __future__ import annotations

import click

from drafting.cli.common import emit, output_option


@click.command(
    "show",
    epilog="""\b
Examples:
  drafting show ua-ge-membership.xml#rus-2022
  drafting show ua-ge-membership.xml#nato-2008 --consolidated
  drafting show texts/rus-nato-2021.xml          # a document: every article

--consolidated applies every accepted amendment (status agreed, agreed-ad-referendum or
adopted) to the draft, in file order.

\b
Exit codes: 0 shown, 2 trouble (unknown draft: the known ones are listed).""",
)
@click.argument("spec", metavar="FILE#DRAFT")
@click.option("--consolidated", is_flag=True, help="Apply the accepted amendments to it.")
@output_option
def show(spec: str, consolidated: bool, output: str) -> int:
    """Print one draft's clean text, or a document's."""
    from drafting.amend.workflow import consolidate  # start-up time
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.clausexml import read_xml_file  # start-up time
    from drafting.model import Document  # start-up time
    from drafting.render.clean import document_text, draft_text  # start-up time

    path, _, draft_id = spec.partition("#")
    value = read_xml_file(path)
    if isinstance(value, Document):
        if draft_id:
            raise DraftingError(f"{path} is a document file: name no draft")
        emit(document_text(value), output)
        return 0
    if not draft_id:
        known = ", ".join(d.id for d in value.drafts) or "none"
        raise DraftingError(f"{path}: name a draft as {path}#DRAFT (drafts: {known})")
    try:
        draft = consolidate(value, draft_id) if consolidated else value.draft(draft_id)
    except DraftingError as error:
        raise DraftingError(f"{path}: {error}") from None
    if draft is None:
        known = ", ".join(d.id for d in value.drafts) or "none"
        raise DraftingError(f"{path}: no draft {draft_id!r} (drafts: {known})")
    emit(draft_text(draft), output)
    return 0
