"""Build synthetic directories of several sizes and print what each build costs.

    python bench/run.py [--sizes 1000,10000,50000] [--content generated,copies]
                        [--skip-baseline] [--repeat R] [--keep] [--workdir DIR]
                        [--timeout SECONDS] [--markdown]

For each size N it writes, into a fresh temporary folder, Civic Hub content
folders of two kinds (``generate.py``: N services, N/8 organisations, N/20
locations, N/50 consultations; ``copies.py``: the sample's own services copied
under new names until there are N) and a plain Pelican site of N articles
(``baseline.py``), then builds each in its own subprocess:

    civic-hub      PYTHONPATH=<repo>/plugins <python> -m directory.commands.build <content>
                       -o <out> -s <repo>/tests/fixtures/sampleconf.py  (in the repo root)
    plain-pelican  <python> -m pelican <content> -o <out> -s <site>/pelicanconf.py

Each Civic Hub folder is built three times into the same output: first with
no build cache, then again with nothing changed, then after one service's
summary was edited.  It prints one row per build: wall time, peak memory (``ru_maxrss`` from
``os.wait4`` of that child), files written, output size, and for Civic Hub the
ratio of its time to plain Pelican's and the size of ``/search/index.json``
(raw and gzip).  Builds run with ``SOURCE_DATE_EPOCH`` set to noon UTC on the
generator's reference date (2026-11-26), so the mix of open, closed and upcoming
consultations is the one the generator intended.

A failed build prints the tail of its error output and the script exits 1.
Standard library only; ``<python>`` is the interpreter running this script.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SETTINGS = REPO / "tests" / "fixtures" / "sampleconf.py"  # the software's own settings, not a council's
sys.path.insert(0, str(BENCH))
from generate import REFERENCE_DATE  # noqa: E402

MB = 1_000_000
GZIP_LEVEL = 6  # zlib's and gzip(1)'s default, what most servers use
TAIL_LINES = 40


class BenchError(Exception):
    """A step failed; the message says which and shows its output."""


@dataclass
class Run:
    wall: float
    peak_bytes: int
    together_bytes: int  # the most memory the build and its workers held at once (PSS, summed)
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Row:
    size: int
    which: str
    wall: float
    peak_bytes: int
    together_bytes: int
    files: int
    output_bytes: int
    ratio: float | None = None  # to plain Pelican's build (first builds only)
    vs_first: float | None = None  # to the first build of the same content (second, one edit)
    index_raw: int | None = None
    index_gz: int | None = None
    search_raw: int | None = None
    search_gz: int | None = None
    search_files: int = 0
    warnings: int = 0


def generated(python: str, size: int, content: Path) -> list[str]:
    return [python, str(BENCH / "generate.py"), str(size), str(content), "--quiet"]


def copies(python: str, size: int, content: Path) -> list[str]:
    return [python, str(BENCH / "copies.py"), str(size), str(content)]


# the two kinds of synthetic content: generate.py's, and the sample's services copied
CONTENT = {"generated": generated, "copies": copies}


def edit(path: Path) -> None:
    """One service edited as a volunteer would: its summary changed (a new file, as editors save)."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"^summary: (.*)$", lambda m: f"summary: {_added(m.group(1))}", text, count=1, flags=re.M)
    assert edited != text, f"{path} has no summary line"
    path.unlink()
    path.write_text(edited, encoding="utf-8")


def _added(summary: str) -> str:
    """The summary with " Open to all." after it, inside its quotes if it has them."""
    if len(summary) > 1 and summary[0] in "\"'" and summary[-1] == summary[0]:
        return f"{summary[:-1]} Open to all.{summary[0]}"
    return f"{summary} Open to all."


def source_date_epoch() -> str:
    noon = datetime(REFERENCE_DATE.year, REFERENCE_DATE.month, REFERENCE_DATE.day, 12, tzinfo=UTC)
    return str(int(noon.timestamp()))


def session_pss(session: int) -> int:
    """The proportional set size of every process in ``session``, summed: pages
    the workers share with the build after a fork are counted once, split between them."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session:  # the session id, after state, ppid and pgrp
                rollup = (stat.parent / "smaps_rollup").read_text()
                total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) * 1024
        except (OSError, IndexError, AttributeError, ValueError):  # gone meanwhile, or not Linux
            continue
    return total


class MemorySampler(threading.Thread):
    """Samples a session's summed PSS four times a second; ``peak`` is the largest."""

    def __init__(self, session: int):
        super().__init__(daemon=True)
        self.session, self.peak, self.done = session, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            self.peak = max(self.peak, session_pss(self.session))


def maxrss_bytes(rusage) -> int:
    # Linux reports kilobytes, macOS bytes
    return rusage.ru_maxrss if sys.platform == "darwin" else rusage.ru_maxrss * 1024


def measure(cmd: list[str], cwd: Path, env: dict, log_dir: Path, name: str, timeout: float | None) -> Run:
    """Run ``cmd`` as a child, wait for it with ``os.wait4`` and return its wall
    time and peak resident memory.  Output goes to files, not pipes, so a
    chatty build can never block on a full pipe."""
    out_path = log_dir / f"{name}.stdout"
    err_path = log_dir / f"{name}.stderr"
    timed_out = threading.Event()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True
        )

        def kill():
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # our child's own session

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        sampler = MemorySampler(proc.pid)  # the child leads a session of its own
        sampler.start()
        try:
            while True:
                try:
                    _, status, rusage = os.wait4(proc.pid, 0)
                    break
                except InterruptedError:  # pragma: no cover - retried by Python anyway
                    continue
        except KeyboardInterrupt:
            kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -signal.SIGKILL
            raise
        finally:
            if timer:
                timer.cancel()
            sampler.done.set()
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it is reaped
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    if timed_out.is_set():
        stderr += f"\n[bench] killed after the {timeout:.0f}s timeout\n"
    return Run(wall, maxrss_bytes(rusage), sampler.peak, proc.returncode, stdout, stderr)


def tail(text: str, lines: int = TAIL_LINES) -> str:
    chunk = text.rstrip("\n").splitlines()[-lines:]
    return "\n".join("    " + line for line in chunk) or "    (no output)"


def fail(step: str, cmd: list[str], run: Run) -> BenchError:
    how = f"exit status {run.returncode}" if run.returncode >= 0 else f"signal {-run.returncode}"
    parts = [f"{step} failed ({how}) after {run.wall:.1f}s", "  command: " + " ".join(cmd)]
    if run.stderr.strip():
        # content warnings (path:line:col: warning: ...) can run to thousands of
        # lines; leave them out so the error itself is visible
        lines = run.stderr.splitlines()
        kept = [line for line in lines if ": warning: " not in line]
        dropped = len(lines) - len(kept)
        note = f" ({dropped:,} content warning lines left out)" if dropped else ""
        parts += [f"  last lines of its error output{note}:", tail("\n".join(kept))]
    if run.stdout.strip():
        parts += ["  last lines of its output:", tail(run.stdout, 15)]
    return BenchError("\n".join(parts))


def tree_size(root: Path) -> tuple[int, int]:
    files = size = 0
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                files += 1
                size += os.path.getsize(path)
    return files, size


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def search_sizes(out: Path, row: Row) -> None:
    index = out / "search" / "index.json"
    if index.is_file():
        data = index.read_bytes()
        row.index_raw, row.index_gz = len(data), gz_size(data)
    search = out / "search"
    if search.is_dir():
        raw = gz = count = 0
        for path in sorted(search.rglob("*")):
            if path.is_file() and path.suffix in (".json", ".js"):
                data = path.read_bytes()
                raw, gz, count = raw + len(data), gz + gz_size(data), count + 1
        if count:
            row.search_raw, row.search_gz, row.search_files = raw, gz, count


# -- table -------------------------------------------------------------------

COLUMNS = [
    "size",
    "build",
    "wall s",
    "peak MB",
    "all MB",
    "files",
    "output MB",
    "× plain",
    "× first",
    "index.json KB",
    "gzip KB",
]


def cells(row: Row) -> list[str]:
    kb = lambda b: "–" if b is None else f"{b / 1000:,.1f}"  # noqa: E731
    return [
        f"{row.size:,}",
        row.which,
        f"{row.wall:.2f}",
        f"{row.peak_bytes / MB:,.0f}",
        f"{row.together_bytes / MB:,.0f}",
        f"{row.files:,}",
        f"{row.output_bytes / MB:,.1f}",
        "–" if row.ratio is None else f"{row.ratio:.2f}",
        "–" if row.vs_first is None else f"{row.vs_first:.2f}",
        kb(row.index_raw),
        kb(row.index_gz),
    ]


WIDTHS = [8, 20, 8, 8, 8, 9, 10, 8, 8, 14, 8]


def text_line(values: list[str]) -> str:
    return "  ".join(v.ljust(w) if i == 1 else v.rjust(w) for i, (v, w) in enumerate(zip(values, WIDTHS, strict=True)))


def markdown_table(rows: list[Row]) -> str:
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join("---:" if i != 1 else "---" for i in range(len(COLUMNS))) + "|",
    ]
    lines += ["| " + " | ".join(cells(row)) + " |" for row in rows]
    return "\n".join(lines)


# -- the benchmark -------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.python = sys.executable
        self.base_env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch(), PYTHONDONTWRITEBYTECODE="1")
        self.rows: list[Row] = []

    def step(self, name: str, cmd: list[str], cwd: Path, env: dict, logs: Path) -> Run:
        run = measure(cmd, cwd, env, logs, name, self.args.timeout)
        if run.returncode != 0:
            raise fail(name, cmd, run)
        return run

    def build(self, size, which, cmd, cwd, env, out: Path, logs, fresh=True, before=lambda: None) -> Row:
        """``cmd`` run ``--repeat`` times, the fastest kept; ``fresh``: into a new
        output folder each time; ``before()`` runs before each."""
        best = None
        peak = together = 0
        for _ in range(self.args.repeat):
            if fresh and out.exists():
                shutil.rmtree(out)
            before()
            run = self.step(f"{which} build (N={size})", cmd, cwd, env, logs)
            if not out.is_dir() or not any(out.iterdir()):
                raise BenchError(f"{which} build (N={size}) exited 0 but wrote nothing to {out}\n" + tail(run.stderr))
            if best is None or run.wall < best.wall:
                best = run
            peak = max(peak, run.peak_bytes)
            together = max(together, run.together_bytes)
        files, size_bytes = tree_size(out)
        row = Row(size, which, best.wall, peak, together, files, size_bytes)
        row.warnings = sum(1 for line in best.stderr.splitlines() if "warning" in line.lower())
        search_sizes(out, row)
        return row

    def one_size(self, size: int, work: Path) -> list[Row]:
        logs = work / "logs"
        logs.mkdir()
        rows, firsts = [], []
        for kind in self.args.content:
            content = work / f"civic-{kind}"
            started = time.perf_counter()
            self.step(f"{kind} {size}", CONTENT[kind](self.python, size, content), REPO, self.base_env, logs)
            gen_files, gen_bytes = tree_size(content)
            print(
                f"# N={size:,} ({kind}): {gen_files:,} content files "
                f"({gen_bytes / MB:,.1f} MB) written in {time.perf_counter() - started:.1f}s",
                flush=True,
            )
            built = self.civic_builds(size, kind, content, work / f"civic-{kind}-output", logs)
            firsts.append(built[0])
            rows += built

        if not self.args.skip_baseline:
            site = work / "plain-site"
            self.step(
                f"baseline.py {size}",
                [self.python, str(BENCH / "baseline.py"), str(size), str(site), "--quiet"],
                REPO,
                self.base_env,
                logs,
            )
            plain_out = work / "plain-output"
            plain_cmd = [
                self.python,
                "-m",
                "pelican",
                str(site / "content"),
                "-o",
                str(plain_out),
                "-s",
                str(site / "pelicanconf.py"),
            ]
            plain = self.build(size, "plain-pelican", plain_cmd, site, self.base_env, plain_out, logs)
            if plain.files < size:  # Pelican skips Markdown files, with a warning, when Markdown is missing
                raise BenchError(
                    f"plain Pelican wrote {plain.files} files for {size:,} articles: is Markdown installed?"
                )
            for row in firsts:
                row.ratio = row.wall / plain.wall if plain.wall > 0 else None
            rows.append(plain)
        return rows

    def civic_builds(self, size: int, kind: str, content: Path, out: Path, logs: Path) -> list[Row]:
        """The first build (no cache yet), a second with nothing changed, and one
        after editing one service, all into the same output folder."""
        env = dict(self.base_env)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "plugins"), os.environ.get("PYTHONPATH")) if p)
        cmd = [self.python, "-m", "directory.commands.build", str(content), "-o", str(out)]
        cmd += ["-s", str(SETTINGS)]
        cache = out.parent / f".{out.name}.cache"
        first = self.build(
            size, f"civic-hub {kind}", cmd, REPO, env, out, logs, before=lambda: shutil.rmtree(cache, True)
        )
        second = self.build(size, "  second build", cmd, REPO, env, out, logs, fresh=False)
        edited = sorted((content / "services").glob("*.yaml"))[size // 2]
        one_edit = self.build(size, "  one edit", cmd, REPO, env, out, logs, fresh=False, before=lambda: edit(edited))
        for later in (second, one_edit):
            later.vs_first = later.wall / first.wall if first.wall > 0 else None
        return [first, second, one_edit]

    def run(self) -> int:
        args = self.args
        print(
            f"# {platform.python_implementation()} {platform.python_version()} "
            f"({self.python}), {platform.platform()}, {os.cpu_count()} CPUs; "
            f"pelican {pelican_version(self.python)}; commit {git_commit()}"
        )
        print(
            f"# SOURCE_DATE_EPOCH={self.base_env['SOURCE_DATE_EPOCH']} "
            f"({REFERENCE_DATE} 12:00 UTC); best of {args.repeat} build(s) each; "
            f"MB = 1,000,000 bytes; gzip level {GZIP_LEVEL}",
            flush=True,
        )
        status = 0
        for size in args.sizes:
            work = Path(tempfile.mkdtemp(prefix=f"civic-hub-bench-{size}-", dir=args.workdir))
            try:
                rows = self.one_size(size, work)
            except BenchError as err:
                print(f"\nERROR: {err}", file=sys.stderr)
                status = 1
            else:
                if not self.rows:
                    print(text_line(COLUMNS))
                self.rows.extend(rows)
                for row in rows:
                    print(text_line(cells(row)), flush=True)
                for row in rows:
                    if row.warnings:
                        print(
                            f"#   {row.which} N={size:,}: {row.warnings:,} warning line(s) "
                            "on its error output (stale entries are expected)"
                        )
                    if row.search_files and (row.search_files > 1 or row.index_raw is None):
                        print(
                            f"#   {row.which} N={size:,}: {row.search_files} search files, "
                            f"{row.search_raw / 1000:,.1f} KB raw, "
                            f"{row.search_gz / 1000:,.1f} KB gzip in all"
                        )
            finally:
                if args.keep or status:
                    print(f"# files kept in {work}", file=sys.stderr if status else sys.stdout)
                else:
                    shutil.rmtree(work, ignore_errors=True)
            if status:
                break
        if args.markdown and self.rows:
            print()
            print(markdown_table(self.rows))
        return status


def pelican_version(python: str) -> str:
    try:
        result = subprocess.run(
            [python, "-c", "import pelican; print(pelican.__version__)"], capture_output=True, text=True, timeout=60
        )
        return result.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def git_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=30
        )
        commit = result.stdout.strip() if result.returncode == 0 else "none"
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
        return commit + (" (uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def sizes(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text!r}") from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("sizes must be whole numbers of at least 1")
    return values


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark Civic Hub builds against plain Pelican.")
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=[1000, 10000, 50000],
        help="comma-separated numbers of services (default 1000,10000,50000)",
    )
    parser.add_argument(
        "--skip-baseline", action="store_true", help="build only Civic Hub, not the plain Pelican baseline"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="build each site this many times; report the fastest (default 1)"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before a build is killed (default 3600; 0 for none)"
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to make the temporary folders (default: the system's)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated inputs and outputs (printed at the end)"
    )
    parser.add_argument("--markdown", action="store_true", help="also print the results as a Markdown table")
    parser.add_argument(
        "--content",
        type=lambda text: [k for k in text.split(",") if k],
        default=list(CONTENT),
        help="the kinds of synthetic content: generated, copies, or both (default generated,copies)",
    )
    args = parser.parse_args(argv)
    if not args.content or set(args.content) - set(CONTENT):
        parser.error(f"--content takes {', '.join(CONTENT)}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.timeout = args.timeout or None
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    try:
        return Bench(args).run()
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
