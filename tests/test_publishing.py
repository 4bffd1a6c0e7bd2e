"""The hosting configuration docs/publishing.md describes: netlify.toml builds what
the Makefile's publish target builds, and docs/s3-sync.sh uploads every file of a
build once, with the content types of hosting.py, assets before pages, deleting last.

The S3 script runs against a stand-in ``aws`` that records each call and works out
which files it would upload with the AWS CLI's documented filter rules (filters apply
in order, the last that matches wins, everything is included by default); no bucket
is reached from here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import tomllib

import pytest

from directory.hosting import CONTENT_TYPES

from .conftest import ROOT, SAMPLE, settings_file

NETLIFY = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
SCRIPT = ROOT / "docs" / "s3-sync.sh"


# --- Netlify -------------------------------------------------------------------------


def make_dry_run(*args: str) -> str:
    done = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def make_build(target: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        ["make", "--no-print-directory", target, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr
    return done


def canonical(page) -> str:
    return re.search(r'rel="canonical" href="([^"]*)"', page.read_text(encoding="utf-8"))[1]


def test_local_builds_link_to_their_port_and_publishing_to_the_councils_address(tmp_path):
    """One place for the address: the council's site_url, which make publish uses
    (publishconf.py as it is, beside the council's settings); make html links to
    the local server on whatever PORT; a host's preview address (SITE_URL) is
    used for its build, which names it."""
    site = tmp_path / "site"
    site.mkdir()
    settings_file(
        site / "pelicanconf.py", "DIRECTORY = {**DIRECTORY, 'site_url': 'https://directory.council.example'}\n"
    )
    shutil.copy(ROOT / "publishconf.py", site)
    files = [f"INPUTDIR={SAMPLE}", f"CONFFILE={site / 'pelicanconf.py'}", f"PUBLISHCONF={site / 'publishconf.py'}"]
    make_build("html", "PORT=8123", f"OUTPUTDIR={tmp_path / 'local'}", *files)
    assert canonical(tmp_path / "local/index.html") == "http://localhost:8123/"
    published = make_build("publish", "PORT=8123", f"OUTPUTDIR={tmp_path / 'public'}", *files)
    assert canonical(tmp_path / "public/index.html") == "https://directory.council.example/"
    assert " for https://directory.council.example: " in published.stderr
    preview = {**os.environ, "SITE_URL": "https://deploy-preview-7--council.netlify.app"}
    previewed = make_build("publish", f"OUTPUTDIR={tmp_path / 'preview'}", *files, env=preview)
    assert canonical(tmp_path / "preview/index.html") == "https://deploy-preview-7--council.netlify.app/"
    assert " for https://deploy-preview-7--council.netlify.app: " in previewed.stderr


def test_netlify_publishes_the_folder_make_publish_builds_into():
    build_line = make_dry_run("publish").splitlines()[-1]
    output = re.search(r" -o (\S+)", build_line)[1]
    assert "-s " + str(ROOT / "publishconf.py") in build_line
    assert output == str(ROOT / NETLIFY["build"]["publish"])


def test_the_docs_show_the_netlify_toml_there_is():
    doc = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    [shown] = re.findall(r"```toml\n(.*?)```", doc, re.DOTALL)
    assert tomllib.loads(shown) == NETLIFY


def commands() -> dict[str, str]:
    found = {"production": NETLIFY["build"]["command"]}
    found.update({name: context["command"] for name, context in NETLIFY.get("context", {}).items()})
    return found


def netlify_runs(command: str, **netlify_env: str) -> list[str]:
    """What ``make`` receives when Netlify runs ``command`` in bash with its own
    variables: the target, SITE_URL and SOURCE_DATE_EPOCH (``make`` stood in by
    a shell function, which sees the command's assignments as make would)."""
    script = 'make() { printf "%s\\n" "$*" "$SITE_URL" "${SOURCE_DATE_EPOCH-unset}"; }\n' + command
    env = {"PATH": os.environ["PATH"], **netlify_env}
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=30, check=True)
    return done.stdout.splitlines()


NETLIFY_ENV = {"URL": "https://directory.example.org", "DEPLOY_PRIME_URL": "https://deploy-preview-7--dir.netlify.app"}


@pytest.mark.parametrize(("context", "command"), commands().items())
def test_every_netlify_build_runs_make_publish_linking_to_itself(context, command):
    target, site_url, epoch = netlify_runs(command, **NETLIFY_ENV)
    assert target == "publish"
    assert site_url == NETLIFY_ENV["URL" if context == "production" else "DEPLOY_PRIME_URL"]
    assert epoch in ("", "unset")  # dated by its commit


def test_a_build_hooks_build_is_dated_now():
    before = int(time.time())
    target, _, epoch = netlify_runs(NETLIFY["build"]["command"], **NETLIFY_ENV, INCOMING_HOOK_TITLE="nightly")
    assert target == "publish" and before <= int(epoch) <= time.time() + 1


# --- S3 ------------------------------------------------------------------------------

STAND_IN = r"""#!/usr/bin/env python3
import fnmatch, json, os, sys
from pathlib import Path

args = sys.argv[1:]
assert args[:2] == ["s3", "sync"], args
source, dest = Path(args[2]), args[3]
filters, options, i = [], {}, 4
while i < len(args):
    name = args[i]
    if name in ("--exclude", "--include"):
        filters.append((name, args[i + 1])); i += 2
    elif name in ("--content-type", "--cache-control", "--endpoint-url"):
        options[name] = args[i + 1]; i += 2
    else:
        options[name] = True; i += 1

def included(path):
    keep = True
    for name, pattern in filters:
        if fnmatch.fnmatchcase(path, pattern):
            keep = name == "--include"
    return keep

files = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
with open(os.environ["AWS_LOG"], "a") as log:
    log.write(json.dumps({"dest": dest, "options": options, "files": [f for f in files if included(f)]}) + "\n")
"""


@pytest.fixture
def aws(tmp_path):
    """A stand-in ``aws`` on PATH; returns the calls it received."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "aws").write_text(STAND_IN)
    (bin_dir / "aws").chmod(0o755)
    log = tmp_path / "aws.log"

    def run(output, *extra_env) -> tuple[subprocess.CompletedProcess, list[dict]]:
        env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "AWS_LOG": str(log),
            **dict(extra_env),
        }
        done = subprocess.run(
            ["bash", str(SCRIPT), "s3://directory-bucket", str(output)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        return done, calls

    return run


@pytest.fixture
def built(tmp_path):
    """An output folder with a file of every kind the build writes, and one of none."""
    out = tmp_path / "output"
    names = [
        "index.html",
        "404.html",
        "services/food-bank/index.html",
        "theme/css/main.css",
        "theme/js/search.js",
        "theme/images/favicon.svg",
        "images/share.png",
        "search/index.json",
        "openreferral/services/page/1.json",
        "feeds/services.atom",
        "calendars/consultations.ics",
        "sitemap.xml",
        "robots.txt",
        "theme/fonts/a.woff2",
        "site.webmanifest",
        "_headers",
        "_redirects",
    ]
    for name in names:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(name)
    return out


def test_the_script_knows_every_content_type_of_hosting_py():
    table = dict(re.findall(r'^\s*(?:PAGES=)?"(\.\w+)\|([^|]+)\|', SCRIPT.read_text(encoding="utf-8"), re.MULTILINE))
    assert table == CONTENT_TYPES


def test_every_file_goes_up_once_typed_assets_first_pages_then_deletions(aws, built):
    done, calls = aws(built)
    assert done.returncode == 0, done.stderr
    assert {c["dest"] for c in calls} == {"s3://directory-bucket"}
    *uploads, last = calls
    # deleting comes last, and only deletes (sizes match what was just uploaded)
    assert last["options"].get("--delete") and last["options"].get("--size-only")
    assert not any(c["options"].get("--delete") for c in uploads)
    uploaded = [f for c in uploads for f in c["files"]]
    expected = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()} - {"_headers", "_redirects"}
    assert sorted(uploaded) == sorted(expected)  # each once
    for call in uploads:
        for name in call["files"]:
            suffix = os.path.splitext(name)[1]
            assert call["options"].get("--content-type") == CONTENT_TYPES.get(suffix), name
            assert call["options"]["--cache-control"].startswith("public, max-age=")
    # the pages go up after everything they refer to
    page_calls = [i for i, c in enumerate(uploads) if any(f.endswith(".html") for f in c["files"])]
    assert page_calls == [len(uploads) - 1]
    assert sorted(uploads[-1]["files"]) == sorted(f for f in expected if f.endswith(".html"))
    assert uploads[-1]["options"]["--cache-control"] == "public, max-age=300"
    css = next(c for c in uploads if "theme/css/main.css" in c["files"])
    assert css["options"]["--cache-control"] == "public, max-age=3600"
    assert "--endpoint-url" not in last["options"]


def test_another_providers_endpoint_is_passed_to_every_call(aws, built):
    done, calls = aws(built, ("S3_ENDPOINT", "https://s3.example.net"))
    assert done.returncode == 0, done.stderr
    assert calls and all(c["options"]["--endpoint-url"] == "https://s3.example.net" for c in calls)


def test_nothing_is_uploaded_or_deleted_without_a_built_site(aws, tmp_path):
    (tmp_path / "empty").mkdir()
    done, calls = aws(tmp_path / "empty")
    assert done.returncode == 1
    assert "index.html is missing: build the site first" in done.stderr
    assert calls == []
