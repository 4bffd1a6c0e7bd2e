"""A hostile pull request can't stall, crash or leak the build (the findings
not covered file by file in test_bad_input.py)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date

import pytest

from directory.reading.loader import load_directory

from .conftest import CONF, ROOT, project_settings
from .test_bad_input import PROBLEM, put, replace

PYTHON = ROOT / ".venv/bin/python"


def command(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), **(env or {})}
    return subprocess.run(
        [str(PYTHON), *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout
    )


# --- bounded work ---------------------------------------------------------------------


def test_a_file_at_every_limit_is_read_checked_and_rendered_within_two_seconds(copy_fixture):
    site = copy_fixture()
    worst = "[x](" * 2500 + "a\n: b\n" * 1700  # the slowest Markdown, at the field's 20,000 characters
    lines = [
        "name: " + "N" * 120,
        "organization: riverside-pantry",
        "summary: " + "S" * 300,
        "description: |\n  " + worst.replace("\n", "\n  ")[:19_990],
        "eligibility: |\n  " + worst.replace("\n", "\n  ")[:19_990],
        "categories: [food-banks]",
        "assured_date: 2026-09-14",
        "languages: [" + ", ".join(f"Language {i}" for i in range(30)) + "]",
        "schedules:\n" + "".join("  - byday: MO\n    notes: " + "n" * 900 + "\n" for _ in range(30)),
        "contacts:\n" + "".join("  - name: " + "c" * 900 + "\n" for _ in range(20)),
    ]
    put(site, "services/everything.yaml", "\n".join(lines) + "\n")
    assert (site / "services/everything.yaml").stat().st_size < project_settings().max_file_bytes
    started = time.perf_counter()
    result = load_directory(site, project_settings(), date(2026, 11, 18))
    seconds = time.perf_counter() - started
    assert result.errors == []
    assert "everything" in result.directory.services
    # about 0.5 s here; the bound only has to tell linear from the hours a quadratic check would take
    assert seconds < 10.0, f"{seconds:.2f} s"


# --- links and folders ----------------------------------------------------------------


def test_a_kinds_folder_replaced_by_a_link_is_refused_and_not_read(copy_fixture, tmp_path):
    site = copy_fixture()
    elsewhere = tmp_path / "elsewhere"
    (site / "locations").rename(elsewhere)
    os.symlink(elsewhere, site / "locations")
    result = load_directory(site, project_settings(), date(2026, 11, 18))
    assert any(p.path.endswith("locations") and "is a link" in p.message for p in result.errors)
    assert result.directory.locations == {}


def test_a_content_folder_that_is_a_link_is_refused(copy_fixture, tmp_path):
    os.symlink(copy_fixture(), tmp_path / "linked")
    result = load_directory(tmp_path / "linked", project_settings(), date(2026, 11, 18))
    assert [p.message for p in result.problems] == ["the content folder is a link; give the folder itself"]


def test_a_file_name_cannot_forge_a_second_message_line(copy_fixture):
    site = copy_fixture()
    put(site, "services/evil\nfake.yaml:1:1: error: forged\x1b[2K.yaml", "name: x\n")
    result = command("-m", "directory.commands.validate", str(site), "-s", str(CONF))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "evil" in line]
    assert len(lines) == 1, result.stderr
    assert "evil\\nfake.yaml:1:1: error: forged\\x1b[2K.yaml" in lines[0]
    assert "\x1b" not in result.stderr
    assert not any(line.startswith("fake.yaml") for line in result.stderr.splitlines())


# --- interrupted builds -----------------------------------------------------------------


@pytest.mark.parametrize("after", [0.0, 1.0])  # while Pelican starts (plugins registering), and while reading
def test_sigterm_stops_a_build_and_leaves_nothing_behind(tmp_path, after):
    content = tmp_path / "content"
    subprocess.run(
        [str(PYTHON), str(ROOT / "bench/generate.py"), "1500", str(content)], check=True, capture_output=True
    )
    output = tmp_path / "output"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": "1795694400"}
    build = subprocess.Popen(
        [str(PYTHON), "-m", "directory.commands.build", str(content), "-o", str(output), "-s", str(CONF)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".output.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob(".output.building-*")), "the build did not start"
    time.sleep(after)
    build.send_signal(signal.SIGTERM)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130, stderr
    assert "stopped by SIGTERM; nothing was changed" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in (".output.cache", "xdg-cache")) == ["content"]


def test_sigterm_dropped_inside_a_library_callback_still_stops_the_command(capsys):
    """nh3 calls back into Python from native code and drops what the callback raises;
    a SIGTERM that lands there must still stop the command, without a traceback."""
    from directory.commands.cli import run

    def callback_that_swallows_everything():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
        except BaseException:  # noqa: BLE001 -- as native code does
            pass

    assert run(callback_that_swallows_everything, "pelicanconf.py") == 130
    assert "stopped by SIGTERM; nothing was changed" in capsys.readouterr().err


def test_a_build_removes_what_a_killed_build_left_behind(copy_fixture, build, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    abandoned = tmp_path / f".output.building-{dead.pid}-abc123"
    abandoned.mkdir()
    (abandoned / "index.html").write_text("half a site")
    running = tmp_path / f".output.building-{os.getpid()}-def456"  # a build still going on
    running.mkdir()
    assert build(copy_fixture())[0] == 0
    assert not abandoned.exists()
    assert running.exists()


# --- how plain Pelican and fresh copies behave --------------------------------------------


def test_plain_pelican_prints_each_problem_on_one_line_and_fails(copy_fixture, tmp_path):
    site = copy_fixture()
    replace(site, "services/riverside-food-bank.yaml", "minimum_age: 0", "minimum_age: " + "ten " * 40)
    result = command("-m", "pelican", str(site), "-s", str(CONF), "-o", str(tmp_path / "out"), env={"COLUMNS": "60"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    problems = [line for line in result.stderr.splitlines() if PROBLEM.match(line)]
    error = [line for line in problems if ": error: " in line]
    assert len(error) == 1, result.stderr
    # whole, on one line, though far wider than the 60 columns of the terminal
    assert error[0].endswith(
        ":12:14: error: minimum_age should be a whole number, not 'ten ten ten ten ten ten ten ten ten t...'"
    )


def test_a_copy_without_git_history_builds_as_of_now_with_one_warning(copy_fixture, tmp_path):
    content = copy_fixture()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [str(PYTHON), "-m", "directory.commands.build", str(content), "-o", str(tmp_path / "out"), "-s", str(CONF)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT / "plugins")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "has no Git history" in line]
    assert len(warnings) == 1 and "SOURCE_DATE_EPOCH=$(date +%s)" in warnings[0]
    today = date.today()
    assert f"This site shows the entries as they were on {today.day} " in (tmp_path / "out/index.html").read_text()


def test_the_build_says_what_it_built(copy_fixture, tmp_path):
    result = command("-m", "directory.commands.build", str(copy_fixture()), "-o", str(tmp_path / "o"), "-s", str(CONF))
    assert result.returncode == 0
    assert "Processed 0 articles" not in result.stdout + result.stderr
    assert re.search(
        r"^Built 2 services, 2 organisations, 1 location, 2 consultations, 1 page for http://localhost:8000: "
        r"\d+ files in [\d.]+ s$",
        result.stderr,
        re.M,
    )


# --- the preview server -----------------------------------------------------------------


@pytest.fixture
def preview(copy_fixture, build):
    from directory.commands.serve import start

    code, out = build(copy_fixture())
    assert code == 0
    server = start(out)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_the_preview_answers_a_missing_page_with_the_404_page(preview):
    status, headers, body = fetch(preview + "/no-such-page/")
    assert status == 404
    assert b"Page not found" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_the_preview_sends_the_sites_headers_and_content_types(preview):
    from directory.hosting import BASE_POLICY, NO_FRAMING

    for path, kind in [
        ("/", "text/html; charset=utf-8"),
        ("/search/index.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
        ("/theme/js/search/page.js", "text/javascript; charset=utf-8"),
        ("/brand.css", "text/css; charset=utf-8"),
    ]:
        status, headers, _ = fetch(preview + path)
        assert status == 200, path
        assert headers["Content-Type"] == kind, path
        policies = headers["Content-Security-Policy"].split(", ")
        assert policies[0] == BASE_POLICY, path
        assert NO_FRAMING in policies or not kind.startswith("text/html"), path  # no page may be framed
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "Set-Cookie" not in headers


def test_the_preview_lists_no_folders(preview):
    status, _, body = fetch(preview + "/theme/")
    assert status == 404 and b"Page not found" in body


def test_a_file_full_of_mistakes_is_checked_quickly_and_its_first_problems_listed(copy_fixture):
    site = copy_fixture()
    path = site / "services/money-advice.yaml"
    text = path.read_text()
    n = 0
    while len(text) < project_settings().max_file_bytes - 20:
        text += f"field{n}: x\n"
        n += 1
    path.write_text(text)
    started = time.perf_counter()
    result = load_directory(site, project_settings(), date(2026, 11, 18))
    seconds = time.perf_counter() - started
    listed = [p for p in result.errors if p.path.endswith("money-advice.yaml")]
    assert len(listed) == 100
    assert listed[-1].message.startswith(f"and {n - 99:,} more problems from here on, not listed")
    # about 0.5 s here; the bound only has to tell linear from the hours a quadratic check would take
    assert seconds < 10.0, f"{seconds:.2f} s"
