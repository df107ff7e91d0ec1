"""``drafting git install``: git reads clause files; plus the entry points git calls back.

``textconv``, ``diff-driver`` and ``pre-commit`` are run by git (through the config and hook
that install writes), not by people, so they are hidden from ``--help``.
"""

from __future__ import annotations

import sys

import click


@click.group(
    "git",
    epilog="""\b
Examples:
  drafting git install
  drafting git install --uninstall""",
)
def git() -> None:
    """Make git show clause files as word diffs with strength flags, and check commits."""


@git.command(
    "install",
    epilog="""\b
Examples:
  drafting git install                      # in the repository: *.xml are clause files
  drafting git install --pattern 'texts/*.xml'
  drafting git install --uninstall

\b
Then:
  git diff                   word diff of each changed draft, with strength flags
  git log -p / git show      one line per sentence with its strength flag; hunk headers name
                             the draft (add --word-diff for words, --ext-diff for the word diff)
  git merge                  merges clause files by id: drafts added for different parties
                             never conflict; a real conflict is left as a <conflict> element
                             that `drafting resolve FILE --take ours|theirs|base` settles
  git commit, git merge      refused while a staged clause file is invalid or not canonical
                             (pre-commit, pre-merge-commit)
  git cherry-pick, rebase    an invalid clause file they commit is reported (post-commit,
                             post-rewrite: git runs no pre-commit hook for them)

Only files whose root element is in a drafting namespace are checked; other XML is left
alone. Everything is repository-local (.git/config, four hooks in .git/hooks, a marked
block in .gitattributes); commands run this Python ({python}), so a venv keeps working.
Running install again changes nothing; --uninstall removes exactly what install added.

\b
Exit codes: 0 done, 2 trouble (not a repository, a foreign hook in the way).""".replace(
        "{python}", sys.executable
    ),
)
@click.option("--uninstall", is_flag=True, help="Remove what install added.")
@click.option(
    "--pattern",
    "patterns",
    multiple=True,
    metavar="GLOB",
    help="Which files are clause files (repeatable; default: *.xml).",
)
@click.option("--no-hook", is_flag=True, help="Do not install the hooks.")
def install(uninstall: bool, patterns: tuple[str, ...], no_hook: bool) -> int:
    """Install the clause diff driver, .gitattributes and the pre-commit hook."""
    from drafting.git import install as gitsetup  # start-up time

    if uninstall:
        removed = gitsetup.uninstall()
        for line in removed:
            click.echo(f"removed {line}", err=True)
        if not removed:
            click.echo("nothing to remove", err=True)
        return 0
    done = gitsetup.install(patterns=patterns or gitsetup.DEFAULT_PATTERNS, hook=not no_hook)
    click.echo(
        f"installed the clause diff driver for {', '.join(done.patterns)} in {done.root}"
        + (f"; pre-commit hook {done.hook}" if done.hook else ""),
        err=True,
    )
    return 0


@git.command("textconv", hidden=True)
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
def textconv(path: str) -> int:
    """Print a clause file as one line per sentence with strength flags (git textconv)."""
    from drafting.git.textconv import convert  # start-up time

    out, note = convert(path)
    if note:
        click.echo(note, err=True)
    sys.stdout.buffer.write(out)
    return 0  # never fail: git would stop a whole `git log -p`


@git.command("diff-driver", hidden=True)
@click.argument("args", nargs=-1)
def diff_driver(args: tuple[str, ...]) -> int:
    """The external diff git runs: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE,
    plus NEW-PATH and the similarity lines for a rename."""
    from drafting.git.diffdriver import render_safely  # start-up time
    from drafting.git.repo import git_wants_color  # start-up time

    if len(args) < 7:
        raise click.UsageError("git runs this with 7 arguments (see GIT_EXTERNAL_DIFF)")
    path, old_file, _, _, new_file, _, _ = args[:7]
    new_path = args[7] if len(args) >= 8 else None
    color = git_wants_color(sys.stdout.isatty())
    sys.stdout.write(render_safely(path, old_file, new_file, new_path=new_path, color=color))
    return 0  # git stops a whole `git diff` when an external diff exits non-zero


@git.command("merge-driver", hidden=True)
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.argument("path")
def merge_driver(base: str, ours: str, theirs: str, path: str) -> int:
    """The merge driver git runs (%O %A %B %P): merge clause files by id, write over ours."""
    from drafting.git.mergedriver import run  # start-up time

    outcome = run(base, ours, theirs, path)
    for line in outcome.messages:
        click.echo(line, err=True)
    return outcome.status


@git.command("pre-commit", hidden=True)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def pre_commit(files: tuple[str, ...]) -> int:
    """Refuse the commit while a staged clause file is invalid or not canonical."""
    from drafting.git.hook import check_files, read_named, staged_clause_files  # start-up time

    chosen = read_named(files) if files else staged_clause_files()
    problems = check_files(chosen)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        names = len({p.path for p in problems})
        click.echo(
            f"drafting: commit refused: {len(problems)} problem(s) in {names} clause file(s); "
            "fix them (`drafting fmt FILE` puts a file in canonical form), stage, commit again",
            err=True,
        )
        return 1
    return 0


@git.command("post-commit", hidden=True)
def post_commit() -> int:
    """Report an invalid clause file in the commit just made (cherry-pick, rebase --continue)."""
    from drafting.git.hook import committed_problems  # start-up time

    return _report(committed_problems(["HEAD"]))


@git.command("post-rewrite", hidden=True)
@click.argument("command", required=False)
def post_rewrite(command: str | None) -> int:
    """Report invalid clause files in the commits a rebase or amend rewrote (stdin: OLD NEW)."""
    from drafting.git.hook import committed_problems  # start-up time

    del command  # "rebase" or "amend": both are checked the same way
    new = [line.split()[1] for line in sys.stdin.read().splitlines() if len(line.split()) >= 2]
    return _report(committed_problems(list(dict.fromkeys(new))))


def _report(lines: list[str]) -> int:
    """Print what a post-* hook found; git ignores its exit status (the commit is made)."""
    for line in lines:
        click.echo(line, err=True)
    return 1 if lines else 0
