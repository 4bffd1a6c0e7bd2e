"""How soon ``make devserver`` shows one edited service, at several sizes.

    python bench/devserver.py [--sizes 1000,10000] [--content generated,copies]
                              [--edits 3] [--workdir DIR] [--keep]

For each size and kind of content (as ``run.py`` makes them) it starts the
devserver on a free port, waits until it serves the site, then edits one
service's summary at a time, as a volunteer saves it, and measures from the
save:

    page s      until the service's own page, fetched over HTTP, shows the new summary
    index s     until the search index's manifest, fetched over HTTP, has changed
                (the preview moves it in after every other file of the index it wrote)
    pages       how many pages the preview wrote (the devserver's "Showed …" line)
    files       how many files of the search index it wrote
    all s       until the whole site has been built again and swapped in ("Built …")

After the last edit it builds the same content cleanly (no cache, a new folder)
and says whether the served folder is byte for byte the same ("identical").
Standard library only; the devserver runs with ``-j 2``, as on a two-core laptop.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SETTINGS = REPO / "tests" / "fixtures" / "sampleconf.py"  # the software's own settings, not a council's
sys.path.insert(0, str(BENCH))
from run import CONTENT, edit, sizes, source_date_epoch  # noqa: E402

POLL = 0.02  # seconds between two looks at the page or the log
WAIT = 900  # seconds anything may take before the benchmark gives up
EDITED = " Open to all."  # what run.py's edit() adds to a summary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        return ""


def until(predicate, what: str) -> float:
    """Seconds until ``predicate()`` holds (monotonic clock)."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > WAIT:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(POLL)
    return time.monotonic()


def tree(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).digest() for p in folder.rglob("*") if p.is_file()
    }


def edit_and_time(path: Path, port: int, log: Path) -> dict:
    built = log.read_text().count("; watching for changes")
    page = f"http://127.0.0.1:{port}/services/{path.stem}/"
    manifest = f"http://127.0.0.1:{port}/search/index.json"
    assert EDITED not in fetch(page), f"{path} was edited before"
    indexed = fetch(manifest)
    edit(path)
    saved = time.monotonic()
    shown = until(lambda: EDITED in fetch(page), "the edited page")
    index = until(lambda: fetch(manifest) not in ("", indexed), "the search index")
    done = until(lambda: log.read_text().count("; watching for changes") > built, "the whole build")
    found = re.findall(r"Showed the change on (\d+) pages?(?: and (\d+) files?)?", log.read_text())
    pages, files = found[-1] if found else ("0", "0")
    figures = {"page": shown - saved, "index": index - saved, "all": done - saved}
    return {**figures, "pages": int(pages), "files": int(files or 0)}


def measure(size: int, kind: str, edits: int, work: Path) -> dict:
    content, output, log = work / "content", work / "out", work / "devserver.log"
    subprocess.run(CONTENT[kind](sys.executable, size, content), check=True, stdout=subprocess.DEVNULL)
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins"), "SOURCE_DATE_EPOCH": source_date_epoch()}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # as run.py: nothing written into the repository
    port = free_port()
    command = [sys.executable, "-m", "directory.commands.devserver", str(content), "-o", str(output)]
    command += ["-s", str(SETTINGS), "-p", str(port), "-j", "2"]
    with open(log, "w") as stderr:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=stderr, stderr=stderr)
    figures = {"page": [], "index": [], "pages": [], "files": [], "all": []}
    try:
        until(lambda: "Serving" in log.read_text(), "the devserver to serve the first build")
        services = sorted((content / "services").glob("*.yaml"))
        for n in range(edits):
            path = services[(n * 7919) % len(services)]  # spread over the folder
            for name, value in edit_and_time(path, port, log).items():
                figures[name].append(value)
    finally:
        server.terminate()
        server.wait(timeout=60)
    clean = work / "clean"
    subprocess.run(
        [sys.executable, "-m", "directory.commands.build", str(content), "-o", str(clean), "--no-cache"]
        + ["-s", str(SETTINGS)],
        cwd=REPO,
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    figures["identical"] = tree(output) == tree(clean)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=[1000, 10000])
    parser.add_argument("--content", default="generated,copies")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    print("| size | content | page s (median, max) | index s (median, max) | pages | index files | all s | identical |")
    print("|---:|---|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        for kind in args.content.split(","):
            work = Path(tempfile.mkdtemp(prefix=f"devserver-{kind}-{size}-", dir=args.workdir))
            try:
                f = measure(size, kind, args.edits, work)
            finally:
                if not args.keep:
                    shutil.rmtree(work, ignore_errors=True)
            page, index = (f"{statistics.median(f[k]):.2f}, {max(f[k]):.2f}" for k in ("page", "index"))
            pages, files = (f"{statistics.median(f[k]):.0f}" for k in ("pages", "files"))
            row = [f"{size:,}", kind, page, index, pages, files, f"{statistics.median(f['all']):.1f}", f["identical"]]
            print("| " + " | ".join(map(str, row)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
