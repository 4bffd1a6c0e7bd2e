"""The widget's budgets, measured: script size, data size, render time.

    python bench/widgets.py                      # generate and build 10,000 services
    python bench/widgets.py --site OUTPUT        # measure a site already built
    python bench/widgets.py --sizes 1000,10000 --runs 30

For each size it generates a synthetic directory (``generate.py``), builds it, and
prints:

- the embed script and its stylesheet, raw and gzipped (budget: script ≤ 10 KB gz);
- the data files, gzipped, by kind and filter: how many, median, 95th percentile and
  largest (budget: one category's file at 10,000 services < 20 KB gz);
- the time from the last data file arriving to the widget's list being in the page
  (budget: ≤ 100 ms for 5 results), over ``--runs`` fresh page loads in headless
  Chromium, for the largest category and a median one: a host page on a second origin
  with a strict CSP embeds the widget, the page records when the ``civic-hub-render``
  event fires, and the Resource Timing API says when each data file's last byte came.

Needs the project's environment (Playwright) and Chromium (``CHROMIUM``, default
``/usr/bin/chromium``).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETTINGS = REPO / "tests" / "fixtures" / "sampleconf.py"  # the software's own settings, not a council's
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import REFERENCE_DATE  # noqa: E402

from directory.commands.check_budgets import WIDGET_CATEGORY_DATA, WIDGET_SCRIPT  # noqa: E402
from directory.commands.serve import start  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCRIPT_BUDGET = WIDGET_SCRIPT.limit  # the budgets make check holds every site to (one table)
DATA_BUDGET = WIDGET_CATEGORY_DATA.limit
RENDER_BUDGET_MS = 100
RENDER = """
window.__bench = {};
document.addEventListener('civic-hub-render', () => {
  window.__bench.rendered = performance.now();
  window.__bench.items = document.querySelector('civic-hub-directory').shadowRoot.querySelectorAll('li').length;
}, true);
"""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build(size: int, work: Path) -> Path:
    content, output = work / "content", work / "output"
    subprocess.run([sys.executable, str(REPO / "bench/generate.py"), str(size), str(content), "--quiet"], check=True)
    epoch = str(int(REFERENCE_DATE.timestamp()))
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "plugins"),
        "SOURCE_DATE_EPOCH": epoch,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-m", "directory.commands.build", str(content), "-o", str(output)]
    subprocess.run([*command, "-s", str(SETTINGS)], cwd=REPO, env=env, check=True, capture_output=True)
    return output


def sizes_report(site: Path) -> dict[str, list[tuple[int, str]]]:
    widget = site / "widget" / "v1"
    script, styles = (widget / "civic-hub.js").read_bytes(), (widget / "civic-hub.css").read_bytes()
    verdict = "within" if gz(script) <= SCRIPT_BUDGET else "OVER"
    print(f"  script civic-hub.js: {kb(len(script))} raw, {kb(gz(script))} gzipped ({verdict} the 10 KB budget)")
    print(f"  styles civic-hub.css: {kb(len(styles))} raw, {kb(gz(styles))} gzipped")
    groups: dict[str, list[tuple[int, str]]] = {}
    for path in sorted((widget / "data").rglob("*.json")):
        parts = path.relative_to(widget / "data").parts
        if len(parts) == 3:  # services/category/food-banks.json
            group = "/".join(parts[:2])
        else:  # services.json: every one; services/category.json: the values there are
            group = f"{parts[0]} (every one)" if len(parts) == 1 else f"{parts[0]} (filter values)"
            group = group.replace(".json", "")
        groups.setdefault(group, []).append((gz(path.read_bytes()), path.stem))
    print(f"  {'data files (gzipped)':<34}{'files':>7}{'median':>11}{'p95':>11}{'largest':>11}")
    for group, found in groups.items():
        values = [n for n, _ in found]
        row = f"  {group:<34}{len(found):>7}{kb(statistics.median(values)):>11}"
        print(row + f"{kb(percentile(values, 95)):>11}{kb(max(values)):>11}")
    categories = sorted(groups["services/category"])
    largest = categories[-1]
    verdict = "within" if largest[0] < DATA_BUDGET else "OVER"
    print(f"  largest category file: {largest[1]} {kb(largest[0])} ({verdict} the 20 KB budget)")
    return groups


class HostPage(BaseHTTPRequestHandler):
    body = ""
    policy = ""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Security-Policy", self.policy)
        self.end_headers()
        html = f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>{self.body}'
        self.wfile.write(html.encode())

    def log_message(self, *args):
        pass


def render_times(site: Path, category: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    directory = start(site)
    base = f"http://127.0.0.1:{directory.server_address[1]}"
    HostPage.policy = (
        f"default-src 'none'; script-src {base}; style-src {base}; connect-src {base}; frame-src {base}; img-src {base}"
    )
    HostPage.body = (
        f'<script src="{base}/widget/v1/civic-hub.js" defer></script>'
        f'<civic-hub-directory category="{category}" limit="5"></civic-hub-directory>'
    )
    host = ThreadingHTTPServer(("127.0.0.1", 0), HostPage)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--no-first-run"])
            for _ in range(runs):
                context = browser.new_context()
                context.add_init_script(RENDER)
                page = context.new_page()
                page.goto(f"http://localhost:{host.server_address[1]}/")
                page.wait_for_function("() => window.__bench.rendered")
                result = page.evaluate(
                    """() => {
                      const data = performance.getEntriesByType('resource')
                        .filter(e => e.name.includes('/widget/v1/data/'));
                      return {arrived: Math.max(...data.map(e => e.responseEnd)), ...window.__bench};
                    }"""
                )
                assert result["items"] == 5, result
                times.append(result["rendered"] - result["arrived"])
                context.close()
            browser.close()
    finally:
        host.shutdown()
        directory.shutdown()
    return times


def measure(site: Path, runs: int) -> None:
    groups = sizes_report(site)
    categories = sorted(groups["services/category"])
    for label, (size, slug) in (("largest", categories[-1]), ("median", categories[len(categories) // 2])):
        times = render_times(site, slug, runs)
        p50, p95, worst = statistics.median(times), percentile(times, 95), max(times)
        verdict = "within" if p95 <= RENDER_BUDGET_MS else "OVER"
        print(
            f"  render 5 results, {label} category ({slug}, {kb(size)}): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"max {worst:.1f} ms after the data arrived ({verdict} the 100 ms budget, {runs} runs)"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Measure the widget's script, data and render time.")
    parser.add_argument("--sizes", default="10000", help="numbers of services, comma-separated (default 10000)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of generating one")
    parser.add_argument("--runs", type=int, default=20, help="page loads per measurement (default 20)")
    args = parser.parse_args(argv)
    if args.site:
        print(f"{args.site}:")
        measure(args.site, args.runs)
        return 0
    for size in (int(n) for n in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"widgets-{size}-") as work:
            print(f"{size:,} services:")
            measure(build(size, Path(work)), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
