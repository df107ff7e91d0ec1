"""Remake the screenshots of docs/reports.md (docs/img/reports-*.png) with the tools the
tests use: the reports are made by the real command line from the bundled texts, the HTML
is shot in headless Chromium (/usr/bin/chromium) driven by Playwright, and the Word redline
is converted to PDF by LibreOffice and its first page drawn by pypdfium2.

    .venv/bin/pip install pypdfium2   # only for the Word picture
    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = Path("texts")  # relative to ROOT, where the commands run: pages show "texts/…"
OUT = ROOT / "docs" / "img"
SEED = (f"{TEXTS}/ua-ge-membership.xml#nato-2008", f"{TEXTS}/ua-ge-membership.xml#rus-2022")
TREATIES = (f"{TEXTS}/rus-nato-2021.xml", f"{TEXTS}/rus-usa-2021.xml")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Example Drafter",
    "GIT_AUTHOR_EMAIL": "drafter@example.org",
    "GIT_COMMITTER_NAME": "Example Drafter",
    "GIT_COMMITTER_EMAIL": "drafter@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def drafting(*args: str, cwd: Path | None = None) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "drafting", *args], cwd=cwd or ROOT, capture_output=True, text=True
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"drafting {' '.join(args)}: {done.stderr}")


def history_repo(folder: Path) -> Path:
    """The drafts of texts/ua-ge-membership.xml committed one by one, on their dates."""
    from drafting.formats.clausexml import read_clause

    env = {**os.environ, **GIT_ENV}
    git = lambda *a, **e: subprocess.run(  # noqa: E731
        ["git", *a], cwd=folder, env={**env, **e}, check=True, capture_output=True
    )
    folder.mkdir()
    git("init", "-q", "-b", "main")
    clause = read_clause(ROOT / TEXTS / "ua-ge-membership.xml")
    args = ["new", "ua-ge", "--title", clause.title or "ua-ge"]
    for party in clause.parties:
        args += ["--party", f"{party.id}={party.name}"]
    drafting(*args, cwd=folder)
    for d in sorted(clause.drafts, key=lambda d: d.date):
        extra = ["--responds-to", d.responds_to] if d.responds_to else []
        drafting(
            "draft", "add", "ua-ge.xml", "--party", d.party, "--date", d.date,
            "--instrument", d.instrument, "--status", d.status, "--id", d.id,
            "--text", d.text, *extra, cwd=folder,
        )  # fmt: skip
        git("add", "-A")
        when = f"{d.date}T12:00:00+00:00"
        git("commit", "-q", "-m", f"draft {d.id}", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return folder


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """A minimal RGB PNG (no imaging library needed)."""
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def word_picture(docx: Path, work: Path, target: Path) -> None:
    import pypdfium2 as pdfium

    subprocess.run(
        [
            "soffice", "--headless", "--norestore",
            f"-env:UserInstallation={(work / 'lo').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(work), str(docx),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    page = pdfium.PdfDocument(str(work / f"{docx.stem}.pdf"))[0]
    bitmap = page.render(scale=1.25)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data = bytes(bitmap.buffer)
    rows = []
    for y in range(int(height * 0.62)):  # the top of the page: title, Article 1, Article 2
        bgr = data[y * stride : y * stride + width * 3]
        rgb = bytearray(len(bgr))
        rgb[0::3], rgb[1::3], rgb[2::3] = bgr[2::3], bgr[1::3], bgr[0::3]
        rows.append(bytes(rgb))
    target.write_bytes(png(width, len(rows), rows))


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = {
            "seed": ("diff", *SEED),
            "treaties": ("diff", *TREATIES),
            "positions": ("positions", f"{TEXTS}/ua-ge-membership.xml"),
            "strength": (
                "strength", "--instrument", "political-declaration",
                "Ukraine and Georgia will never become a member of NATO.",
            ),
            "brief": ("brief", str(TEXTS)),
        }  # fmt: skip
        for name, args in pages.items():
            drafting(*args, "--format", "html", "-o", str(work / f"{name}.html"))
        repo = history_repo(work / "repo")
        drafting("history", "ua-ge.xml", "--format", "html", "-o", str(work / "history.html"),
                 cwd=repo)  # fmt: skip
        drafting("diff", *TREATIES, "--format", "docx", "-o", str(work / "treaties.docx"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": 1200, "height": 820})

            def shot(name: str, file: str, *, click: str | None = None, full: bool = False) -> None:
                page.goto((work / file).as_uri())
                if click:
                    page.click(click)
                page.screenshot(path=str(OUT / f"reports-{name}.png"), full_page=full)

            shot("diff-seed", "seed.html")
            shot("diff-inline", "treaties.html")
            shot("diff-side-by-side", "treaties.html", click="label[for=view-sbs]")
            shot("positions", "positions.html")
            shot("history", "history.html")
            shot("strength", "strength.html")
            shot("brief", "brief.html")
            browser.close()
        word_picture(work / "treaties.docx", work, OUT / "reports-word.png")


if __name__ == "__main__":
    main()
