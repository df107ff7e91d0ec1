"""Dump ``drafting diff --format json`` for the benchmark pair and every corpus pair, and
compare two dumps: the check that a refactor left the diff's output byte-identical.

    python bench/compare_outputs.py dump OUT [--words 100000]
    python bench/compare_outputs.py compare OLD NEW [--ignore-key options --ignore-key alignment]

``dump`` writes ``bench-<words>.json`` and, with ``--strength always``,
``bench-<words>-strength.json`` (the 100k-word treaty pair of ``gen_treaty.py``,
``/work/shared/bench/gen_treaty.py`` or ``$GEN_TREATY``) and one ``<set>-<id>.json`` per pair of
``../shared/corpus/*_pairs.jsonl`` (``$DRAFTING_CORPUS``), each made by the CLI in-process
(click's runner) exactly as a user would run it on two text files. Run it once in a checkout
of each commit. ``compare`` says which files differ, byte for byte; with ``--ignore-key`` it
also compares them with those top-level keys removed, so a commit that only adds keys to the
report (say, echoing more options) can show that nothing else moved.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus_path import CORPUS

ROOT = Path(__file__).resolve().parent.parent
GEN_TREATY = Path(os.environ.get("GEN_TREATY", "/work/shared/bench/gen_treaty.py"))


def _run(a: Path, b: Path, *extra: str) -> str:
    from click.testing import CliRunner

    from drafting.cli import cli

    args = ["diff", "--format", "json", *extra, str(a), str(b)]
    result = CliRunner().invoke(cli, args, standalone_mode=False)
    if result.exception is not None or result.return_value not in (0, 1):
        raise SystemExit(f"diff {a} {b} failed: {result.exception!r} {result.output}")
    return result.output


def dump(out: Path, words: int) -> None:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # one fixed work folder (inside a fresh temporary one), so that the side names in the
    # reports are the same in every dump
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "pairs"
        work.mkdir()
        os.chdir(work)
        bench = Path("bench")
        subprocess.run(
            [sys.executable, str(GEN_TREATY), "--words", str(words), "--out", str(bench)],
            check=True,
            capture_output=True,
        )
        (out / f"bench-{words}.json").write_text(
            _run(bench / "a.txt", bench / "b.txt"), encoding="utf-8"
        )
        (out / f"bench-{words}-strength.json").write_text(
            _run(bench / "a.txt", bench / "b.txt", "--strength", "always"), encoding="utf-8"
        )
        count = 0
        for pairs in sorted(CORPUS.glob("*_pairs.jsonl")):
            name = pairs.name.removesuffix("_pairs.jsonl")
            for line in pairs.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                pair = json.loads(line)
                a, b = Path("a.txt"), Path("b.txt")
                a.write_text(pair["before"], encoding="utf-8")
                b.write_text(pair["after"], encoding="utf-8")
                (out / f"{name}-{pair['id']}.json").write_text(_run(a, b), encoding="utf-8")
                count += 1
    print(f"wrote bench-{words}.json and {count} corpus pairs to {out}")


def _strip(text: str, keys: list[str]) -> str:
    data = json.loads(text)
    for key in keys:
        data.pop(key, None)
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


def compare(old: Path, new: Path, ignore: list[str]) -> int:
    names = sorted({p.name for p in old.glob("*.json")} | {p.name for p in new.glob("*.json")})
    differ: list[str] = []
    differ_stripped: list[str] = []
    for name in names:
        a, b = old / name, new / name
        if not (a.exists() and b.exists()):
            differ.append(name)
            differ_stripped.append(name)
            continue
        ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        if ta != tb:
            differ.append(name)
            if ignore and _strip(ta, ignore) != _strip(tb, ignore):
                differ_stripped.append(name)
    print(f"{len(names)} files, {len(names) - len(differ)} byte-identical")
    for name in differ:
        print(f"  differs: {name}")
    if ignore:
        print(
            f"without top-level keys {', '.join(ignore)}: "
            f"{len(names) - len(differ_stripped)} identical"
        )
        for name in differ_stripped:
            print(f"  still differs: {name}")
        return 1 if differ_stripped else 0
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--words", type=int, default=100_000)
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--ignore-key", action="append", default=[])
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.words)
        return 0
    return compare(args.old, args.new, args.ignore_key)


if __name__ == "__main__":
    sys.exit(main())
