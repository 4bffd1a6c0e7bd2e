"""Measure search in the browser: bytes before the first result, latency, and Pagefind for comparison.

    python bench/search.py [--sizes 1000,10000,50000] [--queries "a,b c,d"] [--runs 30]
                           [--keep] [--workdir DIR] [--timeout SECONDS] [--markdown] [--verbose]

For each size N it generates a content folder (``generate.py``), builds it
exactly as ``run.py`` does, and runs Pagefind with its default settings (whole
``<body>``s) over a copy of the built pages.  It serves both on 127.0.0.1 with
a small threaded server that gzips text as a host would (our site with the
headers of ``directory/hosting.py``, the strict CSP among them; the Pagefind
copy with a CSP that also allows WebAssembly, which Pagefind needs), and drives
Debian's Chromium with Playwright.  For five queries picked from the built
index (a rare word, a common word, two words, a prefix and a typo) it measures,
for our ``/search/`` page and for a small Pagefind page:

- the bytes transferred before the first result is painted, in a fresh
  browser context (empty cache), leaving out the HTML page itself;
- the time from a search to its results painted once the parts are loaded,
  over ``--runs`` searches on one page (p50 and p95);
- the time from navigation to the first result on a throttled connection
  (150 ms latency, 1.6 Mbit/s each way).

A failed step prints the tail of its output and the script exits 1.
Standard library and Playwright only; ``<python>`` is the interpreter running
this script, and Chromium is /usr/bin/chromium (or ``$CHROMIUM``).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import itertools
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from run import (  # noqa: E402
    GZIP_LEVEL,
    MB,
    REPO,
    SETTINGS,
    BenchError,
    fail,
    git_commit,
    measure,
    sizes,
    source_date_epoch,
    tree_size,
)


def _load_hosting():
    # hosting.py is standard library only; loading it by path keeps the plugin
    # package (and with it Pelican) out of this process
    spec = importlib.util.spec_from_file_location("civic_hosting", REPO / "plugins" / "directory" / "hosting.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hosting = _load_hosting()

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
# Chrome DevTools' throughput is in bytes a second: 1.6 Mbit/s = 200,000 bytes/s
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 200_000}
KB = 1000
PAGE_TIMEOUT_MS = 120_000  # a first search of a large directory on the throttled connection takes seconds

# -- serving -------------------------------------------------------------------

PAGEFIND_CSP = hosting.BASE_POLICY + "; script-src 'self' 'wasm-unsafe-eval'"
PAGEFIND_HEADERS = {**hosting.HEADERS, "Content-Security-Policy": PAGEFIND_CSP}
PAGEFIND_TYPES = {
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".pagefind": "application/octet-stream",  # Pagefind's WebAssembly, gzipped
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
}
CONTENT_TYPES = {**hosting.CONTENT_TYPES, **PAGEFIND_TYPES}
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", *PAGEFIND_TYPES}
GZIP_MAGIC = b"\x1f\x8b"


class StaticServer(ThreadingHTTPServer):
    """One folder on 127.0.0.1 (a free port), served as a host would: gzip for
    text, keep-alive, the given headers on every response, 404.html for 404."""

    daemon_threads = True

    def __init__(self, root: Path, headers: dict[str, str]):
        super().__init__(("127.0.0.1", 0), StaticHandler)
        self.root = root.resolve()
        self.extra_headers = headers
        self.bodies: dict[tuple[Path, bool], tuple[bytes, str | None]] = {}
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def body(self, path: Path, gzip_ok: bool) -> tuple[bytes, str | None]:
        """The bytes to send for a file and their Content-Encoding.  Compressed
        once and kept, as a host with a compression cache does, so that the
        timings measure the browser rather than this server."""
        key = (path, gzip_ok)
        if key not in self.bodies:
            data = path.read_bytes()
            encoding = None
            # Pagefind gzips its index files itself and gunzips them in its own
            # code: they go as they are, without a Content-Encoding
            if gzip_ok and path.suffix in COMPRESSIBLE and not data.startswith(GZIP_MAGIC):
                data, encoding = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0), "gzip"
            self.bodies[key] = (data, encoding)
        return self.bodies[key]

    def handle_error(self, request, client_address):
        # a browser context closing resets its keep-alive connections: not an error
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class StaticHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: browsers reuse connections with every real host
    server: StaticServer

    def do_GET(self):
        self.respond(send_body=True)

    def do_HEAD(self):
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        address = urlsplit(self.path)
        root = self.server.root
        path = (root / unquote(address.path).lstrip("/")).resolve()
        if not path.is_relative_to(root):
            return self.send_file(404, root / hosting.NOT_FOUND_PAGE, send_body)
        if path.is_dir():
            if not address.path.endswith("/"):
                return self.redirect(address.path + "/" + (f"?{address.query}" if address.query else ""))
            path = path / "index.html"
        if not path.is_file():
            return self.send_file(404, root / hosting.NOT_FOUND_PAGE, send_body)
        return self.send_file(200, path, send_body)

    def send_file(self, status: int, path: Path, send_body: bool) -> None:
        if not path.is_file():  # no 404.html
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        data, encoding = self.server.body(path, gzip_ok)
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if path.suffix in COMPRESSIBLE:
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def end_headers(self):
        for name, value in self.server.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # quiet: the benchmark prints its own table
        pass


# -- the Pagefind copy -----------------------------------------------------------

# The Pagefind side of the comparison: no inline script, so the strict CSP
# (plus 'wasm-unsafe-eval') holds; the same favicon as our pages, so neither
# side pays for a 404.
HARNESS_HTML = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Pagefind benchmark</title>
<link rel="icon" href="/theme/images/favicon.svg" type="image/svg+xml">
<script type="module" src="/bench-pagefind.js"></script>
</head>
<body>
<p id="status"></p>
<ul id="results"></ul>
</body>
</html>
"""

HARNESS_JS = """// bench/search.py: the first Pagefind result for ?q=, and window.benchSearch(q) for timings.
const pf = await import('/pagefind/pagefind.js');
await pf.init();
const list = document.getElementById('results');
const status = document.getElementById('status');

async function show(q) {
  const found = await pf.search(q);
  list.replaceChildren();
  if (!found.results.length) {
    status.textContent = '0 results';
    return;
  }
  const first = await found.results[0].data();
  const item = document.createElement('li');
  item.textContent = first.meta.title;
  list.append(item);
  status.textContent = found.results.length + ' results';
}

// what our page's timing measures too: [ms to the result in the page, ms to the next frame]
window.benchSearch = async (q) => {
  const started = performance.now();
  await show(q);
  const shown = performance.now() - started;
  await new Promise((done) => requestAnimationFrame(done));
  return [shown, performance.now() - started];
};

const q = new URLSearchParams(location.search).get('q');
if (q) {
  show(q).catch((error) => { status.textContent = 'error: ' + error; });
}
"""


def linked_copy(source: Path, target: Path) -> None:
    """A copy of the built site for Pagefind to add its folder to.  Hard links
    where possible: Pagefind only reads the pages and writes files of its own,
    so our output stays untouched without copying a gigabyte at 50,000."""

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:  # another file system, or links not allowed
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


# -- choosing the queries ---------------------------------------------------------


@dataclass
class Query:
    kind: str
    text: str
    why: str = ""


def undelta(deltas: list[int]) -> list[int]:
    return [n - 1 for n in itertools.accumulate(deltas)]  # the first delta counts from -1


def is_word(text: str) -> bool:
    return text.isascii() and text.isalpha()


class Terms:
    """What the built index (docs/search-index.md) says about its terms: in how
    many entries each is, the terms of each entry's name and how entries write
    each term.  Field ``also`` (synonyms) is left out: its words are not on the
    pages, so Pagefind could not find them."""

    def __init__(self, search: Path):
        manifest = json.loads((search / "index.json").read_text(encoding="utf-8"))
        fields = manifest["fields"]
        shown = [k for k, name in enumerate(fields) if name != "also"]
        title = fields.index("title")
        self.docs = manifest["docs"]
        self.count: dict[str, int] = {}
        self.names: dict[int, list[str]] = defaultdict(list)
        self.written: dict[str, str] = {}
        for n in range(len(manifest["shards"])):
            shard = json.loads((search / "terms" / f"{n}.json").read_text(encoding="utf-8"))
            for term, _, *postings in shard["terms"]:
                entries = set()
                for k in shown:
                    numbers = undelta(postings[k][0::2]) if k < len(postings) else []
                    entries.update(numbers)
                    if k == title:
                        for entry in numbers:
                            self.names[entry].append(term)
                self.count[term] = len(entries)
            words = search / "words" / f"{n}.json"
            if words.is_file():
                self.written.update(json.loads(words.read_text(encoding="utf-8"))["w"])
        self.sorted = sorted(self.count)

    def word(self, term: str) -> str:
        """The term as entries write it ("famili" -> "families"): a word a resident would type."""
        return self.written.get(term, term)

    def starting(self, prefix: str) -> list[str]:
        i = bisect_left(self.sorted, prefix)
        found = []
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            found.append(self.sorted[i])
            i += 1
        return found


# neighbouring keys on a UK keyboard: the typo a resident's finger makes
KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS = {key: row[i + 1 : i + 2] + row[max(i - 1, 0) : i] for row in KEY_ROWS for i, key in enumerate(row)}


def files_with(content: Path, words: set[str]) -> Counter:
    """In how many content files each of words is: the index leaves out the
    descriptions, which Pagefind reads, so a word rare in the index may not be
    rare on the pages."""
    found = Counter()
    for path in content.rglob("*"):
        if path.suffix in (".yaml", ".md"):
            found.update(words.intersection(WORD.findall(path.read_text(encoding="utf-8").lower())))
    return found


WORD = re.compile(r"[a-z]+")


def pick_queries(terms: Terms, content: Path) -> list[Query]:
    """Five queries from the index itself, so each size gets words it really has."""
    plain = {t: c for t, c in terms.count.items() if is_word(t) and is_word(terms.word(t))}
    by_count = sorted(plain, key=lambda t: (-plain[t], t))
    named = {t for ts in terms.names.values() for t in ts}

    # a word of a name in few entries, and in few files (so not a description's everyday word)
    candidates = {t for t in plain if plain[t] >= 2 and t in named and len(terms.word(t)) >= 5}
    in_files = files_with(content, {terms.word(t) for t in candidates})
    rare = min(
        (t for t in candidates if in_files[terms.word(t)] >= 2), key=lambda t: (in_files[terms.word(t)], plain[t], t)
    )
    common = next(t for t in by_count if len(terms.word(t)) >= 4)

    # the two words most often together in a name (e.g. "baby banks"), neither the common word
    pairs = Counter()
    for name in terms.names.values():
        words = sorted({t for t in name if t in plain and t != common and len(terms.word(t)) >= 3})
        pairs.update(itertools.combinations(words, 2))
    (first, second), together = min(pairs.items(), key=lambda item: (-item[1], item[0]))

    # the four letters that start the most terms, not a term themselves: typing, not yet a word
    starts = Counter(t[:4] for t in plain if len(t) > 4)
    prefix = min((p for p in starts if p not in terms.count), key=lambda p: (-starts[p], p))

    used = {rare, common, first, second}
    typo, typo_of = next(
        (typo, t)
        for t in by_count
        if t not in used and 6 <= len(terms.word(t)) <= 9
        for typo in misspellings(terms.word(t))
        if not terms.starting(typo[:4])
    )
    return [
        Query(
            "rare word", terms.word(rare), f"in {plain[rare]:,} entries, {in_files[terms.word(rare)]:,} content files"
        ),
        Query("common word", terms.word(common), f"in {plain[common]:,} of {terms.docs:,} entries"),
        Query("two words", f"{terms.word(first)} {terms.word(second)}", f"both in the names of {together:,} entries"),
        Query("prefix", prefix, f"starts {starts[prefix]:,} terms"),
        Query("typo", typo, f"for {terms.word(typo_of)!r}, in {plain[typo_of]:,} entries"),
    ]


def misspellings(word: str):
    """The word with its 4th (then 5th) letter a neighbouring key: one edit,
    and a start no term has, so only typo tolerance can find it."""
    for i in (3, 4):
        for key in NEIGHBOURS.get(word[i], ""):
            yield word[:i] + key + word[i + 1 :]


def given_queries(text: str) -> list[Query]:
    texts = dict.fromkeys(part.strip() for part in text.split(",") if part.strip())
    queries = [Query(f"query {n}", text) for n, text in enumerate(texts, 1)]
    if not queries:
        raise argparse.ArgumentTypeError("give at least one query")
    return queries


# -- the browser ---------------------------------------------------------------------

# Installed before any of the page's scripts: notes when a result (or "no
# results") first appears and the frame after it, and any CSP violation.
WATCH = """
(() => {
  const check = %s;
  window.__bench = null;
  window.__benchCsp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__benchCsp.push(e.violatedDirective + ' ' + e.blockedURI);
  });
  const observer = new MutationObserver(() => {
    const outcome = window.__bench ? null : check();
    if (!outcome) {
      return;
    }
    observer.disconnect();
    const bench = window.__bench = { outcome, inserted: performance.now(), painted: null };
    requestAnimationFrame(() => { bench.painted = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();
"""


@dataclass
class Side:
    """One search to measure: where its page is and how to read it."""

    name: str
    base: str
    page: str  # the address of the search page, without ?q=
    check: str  # JS: () => 'found' | 'none' | 'error' | null
    results: str  # JS: () => the number of results the page says it found
    first: str  # JS: () => the title of the first result
    ready: str  # JS: () => true once a search can be timed
    search_once: str  # JS: async (q) => [ms to the results in the page, ms to the frame after them]
    search_paths: tuple[str, ...]  # the files that are the search itself, not the page around it

    def url(self, query: str) -> str:
        return f"{self.base}{self.page}?q={quote(query)}"

    def is_search(self, path: str) -> bool:
        return path.startswith(self.search_paths)


def our_side(base: str) -> Side:
    return Side(
        name="ours",
        base=base,
        page="/search/",
        check="""() => {
          if (document.querySelector('#search-list li')) { return 'found'; }
          const status = document.getElementById('search-status');
          const text = status ? status.textContent : '';
          return /^0 results/.test(text) ? 'none' : /^Sorry/.test(text) ? 'error' : null;
        }""",
        results="""() => Number((document.getElementById('search-status').textContent.match(/^[\\d,]+/)
          || ['0'])[0].replace(/,/g, ''))""",
        first="() => (document.querySelector('#search-list li h3') || {}).textContent || ''",
        ready="() => Boolean(window.CivicHub && window.CivicHub.searchPage)",
        # page.js searches 300 ms after typing stops; run() is what that timer calls
        search_once="""async (q) => {
          const page = window.CivicHub.searchPage;
          history.replaceState(null, '', '/search/?q=' + encodeURIComponent(q));
          const started = performance.now();
          await page.run(page.readAddress());
          const shown = performance.now() - started;
          await new Promise((done) => requestAnimationFrame(done));
          return [shown, performance.now() - started];
        }""",
        search_paths=("/search/", "/theme/js/search/", "/theme/vendor/lunr"),
    )


def pagefind_side(base: str) -> Side:
    return Side(
        name="Pagefind",
        base=base,
        page="/bench-pagefind.html",
        check="""() => {
          if (document.querySelector('#results li')) { return 'found'; }
          const text = (document.getElementById('status') || {}).textContent || '';
          return /^0 results/.test(text) ? 'none' : /^error/.test(text) ? 'error' : null;
        }""",
        results="() => parseInt(document.getElementById('status').textContent, 10) || 0",
        first="() => (document.querySelector('#results li') || {}).textContent || ''",
        ready="() => typeof window.benchSearch === 'function'",
        search_once="(q) => window.benchSearch(q)",
        search_paths=("/pagefind/", "/bench-pagefind.js"),
    )


@dataclass
class Visit:
    """A first search in a fresh context: what it cost until the first result."""

    outcome: str
    results: int
    ms: float  # navigation start to the frame after the first result
    first: str  # its title
    files: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes) of every response counted

    def total(self, side: Side, search_only: bool = False) -> tuple[int, int]:
        chosen = [size for path, size in self.files if not search_only or side.is_search(path)]
        return sum(chosen), len(chosen)


def transfer_size(request) -> int:
    """Bytes on the wire for one response: compressed body plus response headers
    (what DevTools' encodedDataLength counts)."""
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    if body == 0:
        # Chromium reports no body size for a worker's own script (Pagefind's
        # pagefind-worker.js); Content-Length is what the server sent for it
        response = request.response()
        length = response.header_value("content-length") if response else None
        body = int(length) if length and length.isdigit() else 0
    return body + sizes["responseHeadersSize"]


def new_context(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="Europe/London")


def problems(page_report: dict, console: list[str]) -> str:
    lines = [f"    CSP: {v}" for v in page_report.get("csp", [])] + [f"    {m}" for m in console[-10:]]
    return "\n".join(lines) or "    (nothing on the console)"


class Traffic:
    """Every request of a browser context; the context, unlike a page's CDP
    session, also sees the requests of a page's workers (Pagefind's)."""

    def __init__(self, context):
        self.pending = set()
        self.finished = []
        context.on("request", lambda request: self.pending.add(request))
        context.on("requestfinished", lambda request: self.settled(request, ok=True))
        context.on("requestfailed", lambda request: self.settled(request, ok=False))

    def settled(self, request, ok: bool) -> None:
        self.pending.discard(request)
        if ok:
            self.finished.append(request)

    def wait(self, page, seconds: float = 10) -> None:
        """Until every request so far has finished (or failed), so none that
        the first result needed is missed because its event came late."""
        deadline = time.monotonic() + seconds
        while self.pending and time.monotonic() < deadline:
            page.wait_for_timeout(20)

    def before(self, inserted: float) -> list[tuple[str, int]]:
        """(path, bytes) of every response to a request made before the first
        result was in the page (epoch ms), except the HTML page.  By start, not
        by end: Chromium may report a response's end a little after the page
        has used it, but never its start; and the facet files that page.js
        fetches once the results are shown start after them."""
        files = []
        for request in self.finished:
            if request.resource_type != "document" and request.timing["startTime"] < inserted:
                files.append((urlsplit(request.url).path, transfer_size(request)))
        return sorted(files)


def first_search(browser, side: Side, query: str, throttle: dict | None = None) -> Visit:
    """Open the search page for query in a fresh context (empty cache), wait
    for the first result and count what was transferred until it was painted."""
    context = new_context(browser)
    try:
        context.add_init_script(WATCH % side.check)
        page = context.new_page()
        traffic = Traffic(context)
        console: list[str] = []
        page.on("console", lambda m: console.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: console.append(f"page error: {e}"))
        if throttle:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", throttle)
        page.goto(side.url(query), wait_until="commit")
        try:
            page.wait_for_function("() => window.__bench && window.__bench.painted !== null", timeout=PAGE_TIMEOUT_MS)
        except PlaywrightError as error:  # its timeout, or the page went away
            report = page.evaluate("() => ({csp: window.__benchCsp || []})")
            raise BenchError(
                f"{side.name}: no result for {query!r} at {side.url(query)}: {error}\n" + problems(report, console)
            ) from None
        report = page.evaluate("() => ({...window.__bench, origin: performance.timeOrigin, csp: window.__benchCsp})")
        if report["outcome"] == "error" or report["csp"]:
            raise BenchError(f"{side.name}: search for {query!r} failed\n" + problems(report, console))
        results, first = page.evaluate(side.results), page.evaluate(side.first)
        if not throttle:  # the bytes are counted on loopback; throttled, only the time
            traffic.wait(page)
        files = traffic.before(report["origin"] + report["inserted"])
        return Visit(report["outcome"], results, report["painted"], first.strip(), files)
    finally:
        context.close()


def warm_timings(browser, side: Side, queries: list[Query], runs: int) -> dict[str, list[tuple[float, float]]]:
    """On one page: load every query's parts once, then time ``runs`` searches,
    round-robin over the queries: (ms to the results in the page, ms to the next frame)."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(side.url(queries[0].text))
        page.wait_for_function(side.ready, timeout=PAGE_TIMEOUT_MS)
        for query in queries:
            page.evaluate(side.search_once, query.text)
        timings: dict[str, list[tuple[float, float]]] = {q.text: [] for q in queries}
        for i in range(runs):
            query = queries[i % len(queries)].text
            timings[query].append(tuple(page.evaluate(side.search_once, query)))
        return timings
    finally:
        context.close()


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p % of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# -- tables -----------------------------------------------------------------------------


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    left: int = 2  # how many leading columns are text, not numbers

    def text(self, header: bool = True) -> str:
        widths = [max([len(c)] + [len(r[i]) for r in self.rows]) for i, c in enumerate(self.columns)]

        def line(values):
            return "  ".join(
                v.ljust(w) if i < self.left else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))
            ).rstrip()

        return "\n".join(([line(self.columns)] if header else []) + [line(r) for r in self.rows])

    def markdown(self) -> str:
        align = ["---" if i < self.left else "---:" for i in range(len(self.columns))]
        lines = [f"**{self.title}**", "", "| " + " | ".join(self.columns) + " |", "|" + "|".join(align) + "|"]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in self.rows])


def kb(size: int) -> str:
    return f"{size / KB:,.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def label(query: Query) -> str:
    return f"{query.kind}: {query.text}"


def warm_row(size: int, name: str, timings: list[tuple[float, float]]) -> list[str]:
    painted = [t[1] for t in timings]
    in_page = [t[0] for t in timings]
    return (
        [f"{size:,}", name, f"{len(timings)}"]
        + [f"{percentile(painted, p):,.1f}" for p in (50, 95, 100)]
        + [f"{percentile(in_page, 50):,.1f}"]
    )


def outcome(visit: Visit) -> str:
    return f"{visit.results:,}" if visit.outcome == "found" else "none"


def new_tables() -> dict[str, Table]:
    bytes_columns = ["size", "query", "ours results", "ours KB", "ours files", "of which search KB"]
    bytes_columns += ["Pagefind results", "Pagefind KB", "Pagefind files", "of which search KB"]
    bytes_columns += ["ours / Pagefind", "search only"]
    return {
        "build": Table("Builds and indexing", ["size", "step", "wall s", "peak MB", "files", "MB"]),
        "bytes": Table(
            "Bytes before the first result (fresh context; KB transferred: gzip, headers included; "
            "without the HTML page)",
            bytes_columns,
        ),
        "first": Table(
            "First result, fresh context (ms from navigation; on loopback and at 150 ms, 1.6 Mbit/s)",
            ["size", "query", "ours ms", "Pagefind ms", "ours throttled ms", "Pagefind throttled ms"],
        ),
        "warm": Table(
            "A search with the parts loaded (ms to the frame after the results; nearest-rank percentiles)",
            ["size", "search", "runs", "p50 ms", "p95 ms", "max ms", "p50 ms without the frame"],
        ),
    }


# -- the benchmark ----------------------------------------------------------------------


class Bench:
    def __init__(self, args, browser):
        self.args = args
        self.browser = browser
        self.python = sys.executable
        self.base_env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch(), PYTHONDONTWRITEBYTECODE="1")
        self.tables = new_tables()

    def step(self, name: str, log: str, cmd: list[str], env: dict, logs: Path):
        run = measure(cmd, REPO, env, logs, log, self.args.timeout)
        if run.returncode != 0:
            raise fail(name, cmd, run)
        return run

    def build(self, size: int, work: Path, logs: Path) -> Path:
        content, out = work / "content", work / "civic-output"
        started = time.perf_counter()
        self.step(
            f"generate.py {size}",
            "generate",
            [self.python, str(BENCH / "generate.py"), str(size), str(content), "--quiet"],
            self.base_env,
            logs,
        )
        print(f"# N={size:,}: generated in {time.perf_counter() - started:.1f}s", flush=True)
        env = dict(self.base_env)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "plugins"), os.environ.get("PYTHONPATH")) if p)
        cmd = [self.python, "-m", "directory.commands.build", str(content), "-o", str(out)]
        run = self.step(f"civic-hub build (N={size})", "civic-hub-build", [*cmd, "-s", str(SETTINGS)], env, logs)
        files, total = tree_size(out)
        index_files, index_bytes = tree_size(out / "search")
        self.add_build(size, "civic-hub build (whole site)", run, files, total)
        self.add_build(size, "  of which /search/ index", None, index_files, index_bytes)
        return out

    def pagefind(self, size: int, built: Path, work: Path, logs: Path) -> Path:
        site = work / "pagefind-site"
        linked_copy(built, site)
        cmd = [self.python, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"]
        run = self.step(f"pagefind (N={size})", "pagefind", cmd, self.base_env, logs)
        files, total = tree_size(site / "pagefind")
        self.add_build(size, "pagefind index (default settings)", run, files, total)
        (site / "bench-pagefind.html").write_text(HARNESS_HTML, encoding="utf-8")
        (site / "bench-pagefind.js").write_text(HARNESS_JS, encoding="utf-8")
        return site

    def add_build(self, size: int, step: str, run, files: int, total: int) -> None:
        wall, peak = (f"{run.wall:.2f}", f"{run.peak_bytes / MB:,.0f}") if run else ("", "")
        self.tables["build"].rows.append([f"{size:,}", step, wall, peak, f"{files:,}", f"{total / MB:,.1f}"])
        took = f"{wall} s, peak {peak} MB, " if run else ""
        print(f"# N={size:,} {step.strip()}: {took}{files:,} files, {total / MB:,.1f} MB", flush=True)

    def measure_size(self, size: int, work: Path) -> None:
        logs = work / "logs"
        logs.mkdir()
        built = self.build(size, work, logs)
        site = self.pagefind(size, built, work, logs)
        queries = self.args.queries or pick_queries(Terms(built / "search"), work / "content")
        for query in queries:
            print(f"# N={size:,} {query.kind}: {query.text!r}" + (f" ({query.why})" if query.why else ""))

        ours_server = StaticServer(built, hosting.HEADERS)
        pagefind_server = StaticServer(site, PAGEFIND_HEADERS)
        try:
            ours_html = ours_server.body(built / "search" / "index.html", gzip_ok=True)[0]
            harness_html = pagefind_server.body(site / "bench-pagefind.html", gzip_ok=True)[0]
            print(
                f"# N={size:,} HTML pages (not counted below): our /search/ {kb(len(ours_html))} KB gzip, "
                f"the Pagefind page {kb(len(harness_html))} KB gzip"
            )
            sides = [our_side(ours_server.base), pagefind_side(pagefind_server.base)]
            self.first_results(size, sides, queries)
            self.warm(size, sides, queries)
        finally:
            ours_server.stop()
            pagefind_server.stop()

    def first_results(self, size: int, sides: list[Side], queries: list[Query]) -> None:
        ours, pagefind = sides
        bytes_rows, first_rows = [], []
        for query in queries:
            fresh = [first_search(self.browser, side, query.text) for side in sides]
            throttled = [first_search(self.browser, side, query.text, THROTTLE) for side in sides]
            (o_all, o_files), (o_search, _) = fresh[0].total(ours), fresh[0].total(ours, search_only=True)
            (p_all, p_files), (p_search, _) = fresh[1].total(pagefind), fresh[1].total(pagefind, search_only=True)
            bytes_rows.append(
                [f"{size:,}", label(query), outcome(fresh[0]), kb(o_all), f"{o_files}", kb(o_search)]
                + [outcome(fresh[1]), kb(p_all), f"{p_files}", kb(p_search), ratio(o_all, p_all)]
                + [ratio(o_search, p_search)]
            )
            first_rows.append(
                [f"{size:,}", label(query)]
                + [f"{v.ms:,.0f}" for v in fresh]
                + [f"{v.ms:,.0f}" if v.outcome == "found" else f"{v.ms:,.0f} (none)" for v in throttled]
            )
            if self.args.verbose:
                for side, visit in zip(sides, fresh, strict=True):
                    print(
                        f"#   {side.name} {query.text!r}, first {visit.first!r}: "
                        + ", ".join(f"{p} {kb(b)}" for p, b in visit.files)
                    )
        self.show("bytes", bytes_rows)
        self.show("first", first_rows)

    def warm(self, size: int, sides: list[Side], queries: list[Query]) -> None:
        rows = []
        for side in sides:
            timings = warm_timings(self.browser, side, queries, self.args.runs)
            rows.append(warm_row(size, f"{side.name}, all queries", [t for runs in timings.values() for t in runs]))
            rows += [
                warm_row(size, f"  {side.name}, {label(query)}", timings[query.text])
                for query in queries
                if timings[query.text]
            ]
        self.show("warm", rows)

    def show(self, name: str, rows: list[list[str]]) -> None:
        """Print one size's rows now; keep them for the Markdown at the end."""
        table = self.tables[name]
        table.rows += rows
        print()
        print(Table(table.title, table.columns, rows).text(), flush=True)

    def run(self) -> int:
        args = self.args
        print(
            f"# {platform.python_implementation()} {platform.python_version()}, {platform.platform()}, "
            f"{os.cpu_count()} CPUs; {self.browser.browser_type.name} {self.browser.version}; "
            f"pagefind {pagefind_version(self.python)}; commit {git_commit()}"
        )
        print(
            f"# SOURCE_DATE_EPOCH={self.base_env['SOURCE_DATE_EPOCH']}; gzip level {GZIP_LEVEL}; "
            f"KB = 1,000 bytes; throttled: {THROTTLE['latency']} ms, {THROTTLE['downloadThroughput'] * 8 / 1e6} Mbit/s",
            flush=True,
        )
        status = 0
        for size in args.sizes:
            work = Path(tempfile.mkdtemp(prefix=f"civic-hub-search-{size}-", dir=args.workdir))
            try:
                self.measure_size(size, work)
            except (BenchError, PlaywrightError) as err:
                print(f"\nERROR: {err}", file=sys.stderr)
                status = 1
            finally:
                if args.keep or status:
                    print(f"# files kept in {work}", file=sys.stderr if status else sys.stdout)
                else:
                    shutil.rmtree(work, ignore_errors=True)
            if status:
                break
        if args.markdown:
            for table in self.tables.values():
                if table.rows:
                    print()
                    print(table.markdown())
        return status


def pagefind_version(python: str) -> str:
    try:
        result = subprocess.run([python, "-m", "pagefind", "--version"], capture_output=True, text=True, timeout=60)
        return result.stdout.strip().removeprefix("pagefind ") or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Measure search in the browser, ours and Pagefind's.")
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=[1000, 10000, 50000],
        help="comma-separated numbers of services (default 1000,10000,50000)",
    )
    parser.add_argument(
        "--queries",
        type=given_queries,
        default=None,
        help="comma-separated queries to use instead of the five picked from each index",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed searches with the parts loaded (default 30)")
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before a build is killed (default 3600; 0 for none)"
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to make the temporary folders (default: the system's)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated inputs and outputs")
    parser.add_argument("--markdown", action="store_true", help="also print the results as Markdown tables")
    parser.add_argument("--verbose", action="store_true", help="list the files counted for each first result")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.timeout = args.timeout or None
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM} (set CHROMIUM, or apt-get install chromium)", file=sys.stderr)
        return 1
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return Bench(args, browser).run()
            finally:
                browser.close()
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
