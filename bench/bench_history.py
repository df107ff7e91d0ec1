"""Benchmark: `drafting history` of a clause with 200 commits (target: under 2 s).

Builds a throw-away repository in a temporary folder: one clause file, 200 commits, each
adding or revising a draft (texts cycle through real sentences from the shared corpus, so the
strength analyser sees realistic input). Then times, in the same run:

- `drafting history FILE --format json` (one `git log`, one `git cat-file --batch`, parse,
  analyse), end to end as a user runs it, process start-up included;
- `git log -p --follow FILE`, what a user would otherwise run (raw XML diffs, no strength);
- reading every version as history does (one `git log`, one `git cat-file --batch`) against a
  naive loop of one `git show REV:FILE` per commit (what we avoid).

Usage: python bench/bench_history.py [--commits 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_path import CORPUS

FALLBACK = [  # from texts/ua-ge-membership.xml (real texts)
    "We agreed today that these countries will become members of NATO.",
    "Ukraine and Georgia will never become a member of NATO.",
]


def sentences() -> list[str]:
    found: list[str] = []
    for name in ("dev_sentences.jsonl", "dev2_sentences.jsonl"):
        path = CORPUS / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                if row.get("language") == "en" and len(row["text"]) < 400:
                    found.append(" ".join(row["text"].split()))
    return found or FALLBACK


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    out.update(
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.org",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return out


def build(repo: Path, commits: int) -> None:
    """A clause file committed ``commits`` times, built in-process with the store."""
    from dataclasses import replace

    from drafting.formats.clausexml import write_clause
    from drafting.model import Clause, Draft, Party, Sentence

    e = env()
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=e)
    texts = sentences()
    clause = Clause(
        "bench",
        "Benchmark clause (texts from the shared corpus)",
        (Party("a", "Party A"), Party("b", "Party B")),
        (),
        (),
    )
    path = repo / "bench.xml"
    for n in range(commits):
        text = texts[n % len(texts)]
        drafts = list(clause.drafts)
        if n % 3 == 0 or not drafts:  # a new draft answering the last one
            party = "ab"[len(drafts) % 2]
            drafts.append(
                Draft(
                    f"d{len(drafts) + 1}",
                    party,
                    "proposed",
                    f"20{10 + n % 15:02d}-01-01",
                    "en",
                    "political-declaration",
                    (Sentence("s1", text),),
                    responds_to=drafts[-1].id if drafts else None,
                )
            )
        else:  # a revision of the last draft
            drafts[-1] = replace(drafts[-1], sentences=(Sentence("s1", text),))
        clause = replace(clause, drafts=tuple(drafts))
        write_clause(path, clause)
        subprocess.run(["git", "add", "bench.xml"], cwd=repo, check=True, env=e)
        date = f"2020-01-01T00:00:{n % 60:02d}+00:00"
        subprocess.run(
            ["git", "commit", "-q", "-m", f"version {n + 1}"],
            cwd=repo,
            check=True,
            env={**e, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date},
        )


def timed(args: list[str], cwd: Path, repeat: int) -> tuple[float, bytes]:
    times, out = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(args, cwd=cwd, capture_output=True, check=False, env=env())
        if done.returncode != 0:
            sys.exit(f"{args[0]} failed: {done.stderr.decode()}")
        times.append(time.perf_counter() - start)
        out = done.stdout
    return statistics.median(times), out


def naive(repo: Path, repeat: int) -> float:
    shas = subprocess.run(
        ["git", "log", "--format=%H", "--", "bench.xml"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env=env(),
    ).stdout.split()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for sha in shas:
            subprocess.run(
                ["git", "show", f"{sha}:bench.xml"],
                cwd=repo,
                capture_output=True,
                check=True,
                env=env(),
            )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batched(repo: Path, repeat: int) -> float:
    """Reading every version the way history does: one git log + one git cat-file --batch."""
    from drafting.git.repo import file_log, read_blobs

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        commits = file_log("bench.xml", repo)
        read_blobs([f"{c.sha}:{c.path}" for c in commits], repo)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder) / "repo"
        start = time.perf_counter()
        build(repo, options.commits)
        print(f"built {options.commits} commits in {time.perf_counter() - start:.1f} s")
        ours, out = timed(
            [sys.executable, "-m", "drafting", "history", "bench.xml", "--format", "json"],
            repo,
            options.repeat,
        )
        report = json.loads(out)
        tiers = sum(1 for e in report["events"] if e["tier"] is not None)
        git_log, _ = timed(
            ["git", "log", "-p", "--follow", "--no-ext-diff", "--no-textconv", "bench.xml"],
            repo,
            options.repeat,
        )
        loop = naive(repo, max(1, options.repeat // 2))
        os.environ.update({k: v for k, v in env().items() if k.startswith("GIT_")})
        batch = batched(repo, options.repeat)
        print(
            f"drafting history ({len(report['events'])} events, {tiers} with a tier): "
            f"{ours:.3f} s median of {options.repeat}  (target < 2 s)"
        )
        print(
            f"git log -p --follow (raw XML, no strength):  {git_log:.3f} s  "
            f"→ drafting history is {ours / git_log:.1f}× its time"
        )
        print(
            f"reading all versions: one git log + one cat-file --batch {batch:.3f} s, "
            f"one git show per commit {loop:.3f} s → {loop / batch:.0f}× faster"
        )


if __name__ == "__main__":
    main()
