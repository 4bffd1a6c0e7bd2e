"""The GitHub Actions workflows in .github/workflows/ keep the hardening rules.

Every workflow file, whoever wrote it, must parse and keep the policy below, and
zizmor (pinned in requirements.in, run offline) must find nothing in the folder;
so must the S3 variant of the publishing workflow that docs/publishing.md offers
(docs/publish-s3.yml).
Each rule is also run against a small workflow that breaks it, so a rule that
could never fail would show here.

The policy: no ``pull_request_target`` trigger; top-level ``permissions: {}``;
every job asks for its own permissions, ``read``/``write``/``none`` by name
(no ``write-all``), writes nothing when a pull request triggers it; only a job
that deploys Pages after the build (``needs``) holds ``pages: write``, and only
a deploy job (``needs``, and Pages or an ``environment``) ``id-token: write``;
every action and reusable workflow pinned to a full
40-hex commit with a ``# vX.Y.Z`` comment naming its release; every checkout
with ``persist-credentials: false``; no ``${{ … }}`` inside ``run:`` (values
reach the shell through ``env:``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(p for p in WORKFLOWS.glob("*") if p.suffix in (".yml", ".yaml"))
EXAMPLES = [ROOT / "docs" / "publish-s3.yml"]  # workflows the docs offer for copying
ZIZMOR = Path(sys.executable).parent / "zizmor"

PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
RELEASE_COMMENT = r"#\s*v\d+\.\d+\.\d+\b"
PERMISSION_VALUES = {"read", "write", "none"}


# --- the policy -----------------------------------------------------------------------


def triggers(workflow: dict) -> set[str]:
    """The events a workflow runs on (YAML 1.1 reads the key ``on`` as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    return set(on or ())


def steps_of(job: dict) -> list[dict]:
    return [step for step in job.get("steps") or [] if isinstance(step, dict)]


def uses_problems(where: str, uses: str, text: str) -> list[str]:
    if uses.startswith("./"):
        return []  # an action of this repository, reviewed with it
    if not PINNED.match(uses):
        return [f"{where}: {uses} is not pinned to a full 40-hex commit SHA"]
    lines = [line for line in text.splitlines() if re.search(rf"uses:\s*['\"]?{re.escape(uses)}", line)]
    if not lines or not all(re.search(RELEASE_COMMENT, line) for line in lines):
        return [f"{where}: {uses} has no '# vX.Y.Z' comment naming its release"]
    return []


def permission_problems(name: str, job: dict, on: set[str]) -> list[str]:
    if "permissions" not in job:
        return [f"job {name} has no permissions of its own"]
    granted = job["permissions"]
    if not isinstance(granted, dict):
        return [f"job {name}: permissions {granted!r} must name each permission (read, write or none)"]
    problems = [
        f"job {name}: {scope}: {value!r} is not read, write or none"
        for scope, value in granted.items()
        if value not in PERMISSION_VALUES
    ]
    writes = sorted(scope for scope, value in granted.items() if value == "write")
    if writes and on & {"pull_request", "pull_request_target"}:
        problems.append(f"job {name} writes ({', '.join(writes)}) in a workflow that pull requests trigger")
    # a deploy job runs after the build (needs) and deploys Pages or to an environment
    pages = any(str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in steps_of(job))
    deploys = bool(job.get("needs")) and (pages or "environment" in job)
    if "pages" in writes and not (pages and deploys):
        problems.append(f"job {name}: pages: write belongs only to a Pages deploy job that needs the build")
    if "id-token" in writes and not deploys:
        problems.append(f"job {name}: id-token: write belongs only to a deploy job that needs the build")
    return problems


def step_problems(name: str, job: dict, text: str) -> list[str]:
    problems = []
    for number, step in enumerate(steps_of(job), 1):
        where = f"job {name} step {number}"
        uses = str(step.get("uses", ""))
        if uses:
            problems += uses_problems(where, uses, text)
        keeps_credentials = (step.get("with") or {}).get("persist-credentials") not in (False, "false")
        if uses.startswith("actions/checkout@") and keeps_credentials:
            problems.append(f"{where}: checkout without persist-credentials: false")
        if "${{" in str(step.get("run", "")):
            problems.append(f"{where}: an expression ${{{{ … }}}} inside run: (pass it through env:)")
    return problems


def policy_problems(text: str) -> list[str]:
    """Every way the workflow ``text`` breaks the policy, in words."""
    workflow = yaml.safe_load(text)
    if not isinstance(workflow, dict) or not isinstance(workflow.get("jobs"), dict):
        return ["not a workflow: no jobs"]
    on = triggers(workflow)
    problems = []
    if "pull_request_target" in on:
        problems.append("runs on pull_request_target (a fork's code with the base's secrets and write token)")
    if "permissions" not in workflow:
        problems.append("no top-level permissions")
    elif workflow["permissions"] != {}:
        problems.append("top-level permissions must be {} (each job asks for its own)")
    for name, job in workflow["jobs"].items():
        problems += permission_problems(name, job, on)
        if "uses" in job:  # a reusable workflow
            problems += uses_problems(f"job {name}", str(job["uses"]), text)
        problems += step_problems(name, job, text)
    return problems


# --- the workflows of this repository -------------------------------------------------


def test_the_folder_holds_the_checks_and_publishing_workflows():
    names = {p.name for p in FILES}
    assert {"checks.yml", "publish.yml", "codeowners.yml"} <= names
    # nothing else hides in the folder (GitHub reads .yml and .yaml only)
    assert sorted(p.name for p in WORKFLOWS.iterdir()) == sorted(names)


@pytest.mark.parametrize("path", FILES + EXAMPLES, ids=[p.relative_to(ROOT).as_posix() for p in FILES + EXAMPLES])
def test_every_workflow_parses_and_keeps_the_policy(path):
    text = path.read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text).get("name"), str), "give the workflow a name"
    assert policy_problems(text) == []


def test_every_pinned_action_names_one_release_everywhere():
    """The same commit is called the same release in every file (a copy-paste of a
    new SHA under an old comment would show here)."""
    seen: dict[str, set[str]] = {}
    for path in FILES + EXAMPLES:
        for uses, release in re.findall(r"uses:\s*(\S+@[0-9a-f]{40})\s*(" + RELEASE_COMMENT + ")", path.read_text()):
            seen.setdefault(uses, set()).add(release.lstrip("# ").strip())
    assert seen and all(len(releases) == 1 for releases in seen.values()), seen


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def runs(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps_of(job))


def test_pull_request_checks():
    workflow = load("checks.yml")
    assert triggers(workflow) == {"pull_request"}
    jobs = workflow["jobs"]
    site = jobs["site"]
    assert "make validate FORMAT=github" in runs(site)
    assert "make html" in runs(site)
    [suite] = [s for s in steps_of(jobs["tests"]) if "make test" in str(s.get("run", ""))]
    assert suite["env"]["CHROMIUM"] == "/usr/bin/google-chrome"  # the browser tests need one: they never skip
    [summary] = [s for s in steps_of(site) if "diff" in str(s.get("run", ""))]
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert 'BASE="$BASE_SHA"' in summary["run"] and '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    [upload] = [s for s in steps_of(site) if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "output/"
    checkout = steps_of(site)[0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    assert all(job["permissions"] == {"contents": "read"} for job in jobs.values())


def test_every_pull_request_runs_the_content_checks_and_a_change_to_the_software_the_tests():
    jobs = load("checks.yml")["jobs"]
    [content_checks] = [s for s in steps_of(jobs["site"]) if s.get("run") == "make check"]
    assert content_checks["env"]["CHROMIUM"] == "/usr/bin/google-chrome" and "if" not in jobs["site"]
    scope = jobs["scope"]
    assert steps_of(scope)[0]["with"]["fetch-depth"] == 0  # the base commit is there to compare with
    [paths] = [s for s in steps_of(scope) if "software-changed.sh" in str(s.get("run", ""))]
    assert paths["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert 'git diff --name-only --no-renames "$BASE_SHA" HEAD' in paths["run"]
    assert '>> "$GITHUB_OUTPUT"' in paths["run"]
    assert scope["outputs"]["software"] == f"${{{{ steps.{paths['id']}.outputs.software }}}}"
    tests = jobs["tests"]
    assert tests["needs"] == "scope" and tests["if"] == "${{ needs.scope.outputs.software == 'true' }}"


def test_every_job_that_runs_make_checks_the_software_out_of_a_councils_submodule():
    """A council's repository (make new-council) copies these workflows and has the
    software in its civic-hub/ submodule: without it, make has nothing to run."""
    for path in FILES:
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            if "make " in runs(job):
                checkout = steps_of(job)[0]
                assert checkout["uses"].startswith("actions/checkout@"), (path.name, name)
                assert checkout["with"].get("submodules") is True, (path.name, name)


def software_changed(lines: str) -> str:
    """What .github/software-changed.sh says of a change, given ``git diff --name-only``'s lines."""
    script = ROOT / ".github" / "software-changed.sh"
    return subprocess.run(["sh", str(script)], input=lines, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    ("paths", "software"),
    [
        (["content/services/friday-lunch-club.yaml"], False),
        (["content/organisations/x.yaml", "content/images/logo.png", "content/postcodes.csv"], False),
        (["pelicanconf.py", "publishconf.py", ".github/CODEOWNERS"], False),
        ([], False),
        (["content/services/x.yaml", "plugins/directory/model.py"], True),
        (["Makefile"], True),
        (["tests/fixtures/sample/services/x.yaml"], True),
        ([".github/workflows/checks.yml"], True),
        ([".github/software-changed.sh"], True),
        (["theme/templates/base.html", "content/pages/about.md"], True),
        (["contentious.txt"], True),  # a name that starts like the folder is not in it
        (["docs/publishing.md"], True),
        (['"content/a\\nb.yaml"'], True),  # a name Git quotes: a doubt runs the tests
    ],
)
def test_the_software_is_changed_by_anything_but_the_councils_files(paths, software):
    assert software_changed("".join(f"{p}\n" for p in paths)) == f"software={str(software).lower()}\n"


def test_the_last_path_counts_without_a_line_break_after_it():
    assert software_changed("content/a.yaml\nMakefile") == "software=true\n"


def test_codeowners_is_proposed_after_a_merge_never_required_of_a_pull_request():
    workflow = load("codeowners.yml")
    on = workflow.get("on", workflow.get(True))
    assert set(on) == {"push", "workflow_dispatch"}  # never on a pull request
    assert on["push"]["branches"] == ["main"] and {"content/**", "pelicanconf.py"} <= set(on["push"]["paths"])
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    script = runs(job)
    assert "make codeowners" in script and "git diff --quiet -- .github/CODEOWNERS" in script
    assert "gh pr create" in script and "gh pr list" in script  # one pull request, updated
    [propose] = [s for s in steps_of(job) if "gh pr create" in str(s.get("run", ""))]
    assert propose["env"]["GH_TOKEN"] == "${{ github.token }}"
    # no pull-request check compares CODEOWNERS with the content any more
    assert "CODEOWNERS" not in runs(load("checks.yml")["jobs"]["site"])


def test_publishing_to_pages():
    workflow = load("publish.yml")
    on = workflow.get("on", workflow.get(True))
    assert on["push"] == {"branches": ["main"]} and on["schedule"] and "workflow_dispatch" in on
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert steps_of(build)[0]["with"]["fetch-depth"] == 0  # dated by the last commit to content/, as locally
    assert "make publish" in runs(build) and "SOURCE_DATE_EPOCH=$(date +%s)" in runs(build)
    [step] = [s for s in steps_of(build) if "make publish" in str(s.get("run", ""))]
    assert step["env"]["SITE_URL"].startswith("${{ vars.SITE_URL")
    [upload] = [s for s in steps_of(build) if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "output/"
    assert "write" not in build["permissions"].values()
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in steps_of(deploy)] == ["actions/deploy-pages"]


# --- each rule fails on a workflow that breaks it -------------------------------------

CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"
DEPLOY = "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"
GOOD = f"""\
name: Example
on:
  pull_request:
  push:
    branches: [main]
permissions: {{}}
jobs:
  build:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    steps:
      - uses: {CHECKOUT} # v7.0.1
        with:
          persist-credentials: false
      - env:
          TITLE: ${{{{ github.event.pull_request.title }}}}
        run: echo "$TITLE"
  reuse:
    permissions:
      contents: read
    uses: octo/workflows/.github/workflows/x.yml@{"a" * 40} # v1.2.3
"""
GOOD_PAGES = f"""\
name: Pages
on:
  push:
    branches: [main]
permissions: {{}}
jobs:
  build:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    steps:
      - run: make publish
  deploy:
    needs: build
    runs-on: ubuntu-24.04
    permissions:
      pages: write
      id-token: write
    steps:
      - uses: {DEPLOY} # v5.0.0
"""


def broken(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


TO_AN_ENVIRONMENT = "      - run: ./deploy\n    environment: production\n"
JOB_READS = "    permissions:\n      contents: read\n    steps:"
EXPRESSION = "${{ github.event.pull_request.title }}"
# (id, the workflow, what is replaced, by what, what the policy then says)
BAD = [
    ("pull-request-target", GOOD, "  pull_request:\n", "  pull_request_target:\n", "pull_request_target"),
    (
        "pull-request-target-alone",
        GOOD_PAGES,
        "on:\n  push:\n    branches: [main]\n",
        "on: pull_request_target\n",
        "pull_request_target",
    ),
    ("no-top-level-permissions", GOOD, "permissions: {}\n", "", "no top-level permissions"),
    ("top-level-write-all", GOOD, "permissions: {}\n", "permissions: write-all\n", "top-level permissions must be {}"),
    ("top-level-read", GOOD, "permissions: {}\n", "permissions:\n  contents: read\n", "must be {}"),
    ("job-without-permissions", GOOD, JOB_READS, "    steps:", "job build has no permissions of its own"),
    ("job-write-all", GOOD, JOB_READS, "    permissions: write-all\n    steps:", "job build: permissions 'write-all'"),
    ("job-unknown-value", GOOD, JOB_READS, JOB_READS.replace("read", "admin"), "'admin' is not read, write or none"),
    (
        "write-on-a-pull-request",
        GOOD,
        JOB_READS,
        JOB_READS.replace("read", "write"),
        "job build writes (contents) in a workflow that pull requests trigger",
    ),
    (
        "pages-write-in-the-build",
        GOOD_PAGES,
        "      contents: read\n",
        "      contents: read\n      pages: write\n",
        "job build: pages: write belongs only to a Pages deploy job",
    ),
    ("deploy-without-needs", GOOD_PAGES, "    needs: build\n", "", "job deploy: id-token: write belongs only"),
    (
        "id-token-in-the-build",
        GOOD_PAGES,
        "      contents: read\n",
        "      contents: read\n      id-token: write\n",
        "job build: id-token: write belongs only to a deploy job",
    ),
    (
        "pages-write-to-an-environment",
        GOOD_PAGES,
        f"      - uses: {DEPLOY} # v5.0.0\n",
        TO_AN_ENVIRONMENT,
        "job deploy: pages: write belongs only to a Pages deploy job",
    ),
    ("unpinned-tag", GOOD, CHECKOUT, "actions/checkout@v7", "not pinned to a full 40-hex commit SHA"),
    ("short-sha", GOOD, CHECKOUT, CHECKOUT[:-30], "not pinned"),
    ("branch", GOOD_PAGES, f"{DEPLOY} # v5.0.0", "actions/deploy-pages@main", "not pinned"),
    ("unpinned-reusable-workflow", GOOD, f"x.yml@{'a' * 40} # v1.2.3", "x.yml@main", "job reuse: octo/"),
    ("pinned-without-a-release-comment", GOOD, f"{CHECKOUT} # v7.0.1", CHECKOUT, "no '# vX.Y.Z' comment"),
    (
        "checkout-keeps-credentials",
        GOOD,
        "persist-credentials: false",
        "fetch-depth: 0",
        "checkout without persist-credentials: false",
    ),
    (
        "checkout-credentials-true",
        GOOD,
        "persist-credentials: false",
        "persist-credentials: true",
        "checkout without persist-credentials: false",
    ),
    (
        "checkout-without-with",
        GOOD,
        "        with:\n          persist-credentials: false\n",
        "",
        "checkout without persist-credentials",
    ),
    ("expression-in-run", GOOD, 'run: echo "$TITLE"', f'run: echo "{EXPRESSION}"', "inside run:"),
    (
        "expression-in-a-block-run",
        GOOD,
        'run: echo "$TITLE"',
        "run: |\n          echo hi\n          echo ${{ env.TITLE }}",
        "inside run:",
    ),
    ("not-a-workflow", "name: x\n", "name: x\n", "name: y\n", "not a workflow"),
]


def test_the_good_examples_keep_the_policy():
    assert policy_problems(GOOD) == []
    assert policy_problems(GOOD_PAGES) == []
    # a deploy to an environment after the build may prove who it is (OpenID Connect)
    to_a_bucket = broken(GOOD_PAGES, "      pages: write\n", "")
    to_a_bucket = broken(to_a_bucket, f"      - uses: {DEPLOY} # v5.0.0\n", TO_AN_ENVIRONMENT)
    assert policy_problems(to_a_bucket) == []


@pytest.mark.parametrize(("base", "old", "new", "says"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_each_rule_fails_on_a_workflow_that_breaks_it(base, old, new, says):
    found = policy_problems(broken(base, old, new))
    assert any(says in problem for problem in found), found


# --- zizmor -------------------------------------------------------------------------


def zizmor(folder: str, cwd: Path) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """zizmor offline, with no configuration or ignore comments to lean on (an
    exception to an audit is a change to this test, reviewed as one)."""
    args = [str(ZIZMOR), "--offline", "--no-config", "--no-ignores", "--no-progress", "--format", "json", folder]
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    return done, json.loads(done.stdout or "[]")


def described(finding: dict) -> str:
    where = finding["locations"][0]
    return f"{finding['ident']}: {where['symbolic']['key']} {where['concrete']['feature']!r}"


def test_zizmor_finds_nothing_in_the_workflows():
    done, findings = zizmor(".github/workflows", ROOT)
    assert [described(f) for f in findings] == []
    assert done.returncode == 0, done.stderr
    for path in FILES:  # every file was read, none skipped as unparseable
        assert f"completed {path.relative_to(ROOT).as_posix()}" in done.stderr, done.stderr


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_zizmor_finds_nothing_in_the_workflows_the_docs_offer(path, tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / path.name).write_bytes(path.read_bytes())
    done, findings = zizmor(".github/workflows", tmp_path)
    assert [described(f) for f in findings] == []
    assert done.returncode == 0 and f"completed .github/workflows/{path.name}" in done.stderr, done.stderr


def test_zizmor_runs_its_audits_here(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(
        "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - uses: actions/checkout@v4\n      - run: echo "${{ github.event.pull_request.title }}"\n'
    )
    done, findings = zizmor(".github/workflows", tmp_path)
    assert done.returncode != 0
    found = {f["ident"] for f in findings}
    assert {"dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"} <= found
