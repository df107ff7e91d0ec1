"""``drafting renumber``: number a document's articles 1, 2, 3… again, keeping every id."""

from __future__ import annotations

import click


@click.command(
    "renumber",
    epilog="""\b
Examples:
  drafting renumber texts/draft.xml
  drafting renumber texts/draft.xml --dry-run

Articles get the numbers 1, 2, 3… in document order and their heading lines follow
("Article 4" -> "Article 2", "ARTICLE IV" -> "ARTICLE II"). Ids are never renumbered, so
references, `git blame` and `drafting history` keep following the same text. Articles
without a number are left alone.

\b
Exit codes: 0 done (or nothing to do), 2 trouble (not a document file, invalid file).""",
)
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def renumber(file: str, dry_run: bool) -> int:
    """Renumber the articles of a document file."""
    from drafting.amend.reimport import renumber as renumbered  # start-up time
    from drafting.formats.clausexml import edit_document  # start-up time
    from drafting.model import Document  # start-up time

    found: list[tuple[str, str, str]] = []

    def change(now: Document) -> Document | None:
        # locked read-modify-write on the file as it is now (formats.atomic.edit_file)
        document, changed = renumbered(now)
        found[:] = changed
        return document if changed and not dry_run else None

    edit_document(file, change)
    changed = found
    for article_id, old, new in changed:
        click.echo(f"{article_id}: {old} -> {new}")
    click.echo(f"{file}: {len(changed)} article(s) renumbered", err=True)
    return 0
