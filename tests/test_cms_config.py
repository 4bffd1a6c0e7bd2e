"""The web editor's configuration (/admin/config.yml) is made from the schemas:
every property of every editable kind is a field, required exactly where the
schema requires it, every reference a relation into the kind it names or a
select of the vocabulary's terms, every enum a select of the schema's values.
And the editor's page, headers and settings: its own policy and nobody else's,
out of the sitemap and search, the local backend only where ``make cms`` asks."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from directory.cms.config import EDITABLE, backend, config, origins
from directory.hosting import BASE_POLICY, editor_policy
from directory.kinds import KINDS, VOCABULARY
from directory.reading.loader import load_directory
from directory.reading.schemas import inlined
from directory.settings import SettingsError, parse_settings

from .conftest import CONF, FIXTURES, ROOT, SAMPLE, project_settings, settings_file
from .headers import header_blocks

SAMPLE_EPOCH = "1795694400"
LOCAL = "http://127.0.0.1:18181/api/v1"


def build_site(output: Path, conf: Path = CONF, **environment) -> Path:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": SAMPLE_EPOCH, **environment}
    command = [sys.executable, "-m", "directory.commands.build", str(SAMPLE), "-o", str(output), "-s"]
    result = subprocess.run([*command, str(conf)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("cms") / "output")


@pytest.fixture(scope="module")
def written(sample) -> dict:
    text = (sample / "admin/config.yml").read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text  # no YAML aliases: each list written out
    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def directory():
    return load_directory(SAMPLE, project_settings(), date(2026, 11, 26)).directory


def by_name(fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in fields}


def branch_of(schema: dict) -> dict:
    """Of a oneOf (a service's locations: a file name or a place written out), the file name."""
    return next((b for b in schema.get("oneOf", ()) if b.get("type") == "string"), schema)


def check_object(schema: dict, fields: list[dict], path: str, kind, taxonomy, problems: list[str]) -> None:
    """Every property of ``schema`` against the Decap fields made for it."""
    made = by_name(fields)
    required = set(schema.get("required", ()))
    references = dict(kind.references)
    for name, prop in schema.get("properties", {}).items():
        where = f"{kind.name}: {path}{name}"
        field = made.get(name)
        if field is None:
            problems.append(f"{where}: no field")
            continue
        if field["required"] != (name in required):
            problems.append(f"{where}: required is {field['required']}, the schema says {name in required}")
        many = prop.get("type") == "array"
        items = branch_of(prop.get("items", {})) if many else prop
        target = references.get(f"{path}{name}")
        if target in VOCABULARY:
            slugs = sorted(taxonomy[target])
            if field["widget"] != "select" or sorted(o["value"] for o in field["options"]) != slugs:
                problems.append(f"{where}: not a select of every term of {target}")
        elif target:
            wanted = ("relation", target, "{{slug}}")
            if (field["widget"], field.get("collection"), field.get("value_field")) != wanted:
                problems.append(f"{where}: not a relation to the file names of {target}")
        elif "enum" in items:
            values = [o["value"] if isinstance(o, dict) else o for o in field.get("options", ())]
            if field["widget"] != "select" or values != items["enum"]:
                problems.append(f"{where}: not a select of {items['enum']}")
        elif items.get("type") == "object":
            inner = f"{path}{name}{'.*' if many else ''}."
            check_object(items, field.get("fields", []), inner, kind, taxonomy, problems)
        if (target or "enum" in items) and field.get("multiple", False) != many:
            problems.append(f"{where}: multiple is {field.get('multiple', False)}, the type {prop.get('type')}")


def test_every_editable_kind_is_one_folder_collection(written):
    assert [c["name"] for c in written["collections"]] == [k.folder for k in EDITABLE]
    assert {k.name for k in EDITABLE} == {"service", "organisation", "location", "consultation", "page"}
    for kind, collection in zip(EDITABLE, written["collections"], strict=True):
        assert collection["folder"] == f"content/{kind.folder}"
        suffixes = {p.suffix.lstrip(".") for p in (SAMPLE / kind.folder).iterdir()}
        assert suffixes == {collection["extension"]}, kind.name  # as the sample's files are named
        assert collection["format"] == ("yaml-frontmatter" if collection["extension"] == "md" else "yaml")
        assert collection["delete"] is False  # Decap deletes a published entry past review
        assert collection["identifier_field"] in by_name(collection["fields"])


def test_every_field_of_every_schema_is_in_its_collection_as_the_schema_says(written, directory):
    problems = []
    for kind, collection in zip(EDITABLE, written["collections"], strict=True):
        schema = inlined(kind.name)
        extra = {"body"} if collection["format"] == "yaml-frontmatter" else set()
        assert set(by_name(collection["fields"])) == set(schema["properties"]) | extra, kind.name
        check_object(schema, collection["fields"], "", kind, directory.taxonomy, problems)
    assert problems == []


def test_every_reference_a_kind_makes_is_a_relation_or_a_select(written):
    """Each of kinds.py's references lands on a field (none is lost in the walk)."""
    collections = {c["name"]: c for c in written["collections"]}
    missing = []
    for kind in EDITABLE:
        for path, target in kind.references:
            fields, found = collections[kind.folder]["fields"], None
            for part in path.split(".*."):
                *parents, last = part.split(".")
                for name in parents:
                    fields = by_name(fields)[name]["fields"]
                found = by_name(fields).get(last)
                fields = (found or {}).get("fields", [])
            if path == "locations.*.accessibility":  # inside a place written out: the relation names files
                assert found is None
                continue
            if not found or found["widget"] not in ("relation", "select"):
                missing.append(f"{kind.name}: {path} -> {target}")
    assert missing == []


def test_dates_times_and_markdown_have_the_widgets_and_formats_the_reader_wants(written):
    services = by_name(written["collections"][0]["fields"])
    assert services["assured_date"]["widget"] == "datetime"
    assert (services["assured_date"]["format"], services["assured_date"]["time_format"]) == ("YYYY-MM-DD", False)
    schedule = by_name(services["schedules"]["fields"])
    assert (schedule["opens_at"]["format"], schedule["opens_at"]["date_format"]) == ("HH:mm", False)
    assert "default" not in schedule["freq"]  # a default inside a list adds an item to every new service
    description = services["description"]
    assert description["widget"] == "markdown" and description["sanitize_preview"] is True
    assert description["editor_components"] == []  # no images to upload, no code blocks
    consultation = by_name(next(c for c in written["collections"] if c["name"] == "consultations")["fields"])
    assert consultation["opens"]["format"] == "YYYY-MM-DD HH:mm"
    assert consultation["body"]["widget"] == "markdown" and consultation["body"]["required"] is False


def every_field(fields):
    for f in fields:
        yield f
        yield from every_field(f.get("fields", ()))


def test_hints_and_choices_are_in_plain_words(written):
    """A volunteer fills in a form: no file names, formats or codes in what it says."""
    jargon = ("content/", ".yaml", "file name", "true when", "YYYY", "HH:MM", "Markdown", "WEEKLY", "MONTHLY")
    fields = [f for c in written["collections"] for f in every_field(c["fields"])]
    said = [f.get("hint", "") for f in fields] + [
        o["label"] if isinstance(o, dict) else o for f in fields for o in f.get("options", ())
    ]
    assert [s for s in said if any(word in s for word in jargon)] == []
    services = by_name(written["collections"][0]["fields"])
    assert services["free"]["hint"] == "Tick if it costs nothing."
    assert services["organization"]["hint"] == "The organisation that runs it."
    assert services["organization"]["display_fields"] == ["name"]  # chosen by name, stored as the file name
    assert services["organization"]["value_field"] == "{{slug}}"
    freq = by_name(services["schedules"]["fields"])["freq"]
    assert freq["options"] == [{"label": "Every week", "value": "WEEKLY"}, {"label": "Every month", "value": "MONTHLY"}]
    byday = by_name(services["schedules"]["fields"])["byday"]
    assert byday["hint"].startswith("Tick the days") and "MO" not in byday["hint"]


def test_a_schedules_days_are_ticked_not_written_as_codes(written):
    """The site's own "days" widget (admin.js) shows days and weeks as ticks and
    stores the codes the file keeps, so Decap still checks them by the schema's pattern."""
    services = by_name(written["collections"][0]["fields"])
    byday = by_name(services["schedules"]["fields"])["byday"]
    schedule = inlined("service")["properties"]["schedules"]["items"]["properties"]["byday"]
    assert byday["widget"] == "days" and byday["required"] is False
    assert byday["pattern"][0] == schedule["pattern"]
    assert [f["name"] for f in every_field(written["collections"][0]["fields"]) if f.get("widget") == "days"] == [
        "byday"
    ]
    script = (ROOT / "theme/static/js/admin.js").read_text(encoding="utf-8")
    assert 'registerWidget("days"' in script  # the widget the configuration names exists


def test_no_list_is_reordered_by_dragging_alone(written):
    """Decap reorders a list's items by dragging only (WCAG 2.5.7): off in every list."""

    def lists(fields):
        for f in fields:
            if f.get("widget") == "list":
                yield f
            yield from lists(f.get("fields", ()))

    found = [f for c in written["collections"] for f in lists(c["fields"])]
    assert len(found) >= 5  # phones, contacts, schedules, cost options, languages…
    assert [f["name"] for f in found if f.get("allow_reorder") is not False] == []


def test_the_backend_is_the_repository_and_every_save_a_pull_request(written):
    assert written["backend"] == {
        "name": "github",
        "repo": "millbrook-council/directory",
        "branch": "main",
        "open_authoring": True,
        "auth_scope": "public_repo",
    }
    assert written["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in written


def test_the_editor_page_is_noindex_and_in_neither_the_sitemap_nor_search(sample):
    page = (sample / "admin/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert '<script src="/theme/vendor/decap/decap-cms.js" defer></script>' in page
    assert (sample / "theme/vendor/decap/decap-cms.js").stat().st_size > 1_000_000  # served from the site itself
    assert "/admin/" not in (sample / "sitemap.xml").read_text()
    search = "".join(p.read_text() for p in (sample / "search").rglob("*.json"))
    assert "/admin" not in search


def policies(blocks, pattern) -> list[str]:
    prefix = "Content-Security-Policy: "
    return [line.removeprefix(prefix) for line in blocks.get(pattern, []) if line.startswith(prefix)]


def test_the_editor_has_its_own_policy_and_every_other_page_keeps_the_sites(sample):
    blocks = header_blocks(sample)
    editor = editor_policy(("https://api.github.com",), ("https://avatars.githubusercontent.com",))
    assert policies(blocks, "/admin/*") == [editor, "frame-ancestors 'none'"]
    assert "Content-Security-Policy" not in "".join(blocks["/*"])  # else both would be enforced on /admin/
    for top in sorted(p for p in sample.iterdir() if p.name != "admin"):
        pattern = f"/{top.name}/*" if top.is_dir() else f"/{top.name}"
        assert policies(blocks, pattern)[0] == BASE_POLICY, pattern
    script = next(d for d in editor.split("; ") if d.startswith("script-src"))
    assert script == "script-src 'self' 'unsafe-eval'"  # never 'unsafe-inline': no inline code runs there
    page = (sample / "admin/index.html").read_text(encoding="utf-8").replace("&#39;", "'")
    assert f'content="{editor}"' in page


def test_make_cms_builds_talk_to_the_local_backend_and_publish_builds_never(tmp_path):
    local = build_site(tmp_path / "local", CIVIC_HUB_CMS_LOCAL_BACKEND=LOCAL)
    data = yaml.safe_load((local / "admin/config.yml").read_text())
    assert data["local_backend"] == {"url": LOCAL}
    assert data["backend"]["name"] == "github"  # Decap switches to the local backend only when it answers
    assert "http://127.0.0.1:18181" in policies(header_blocks(local), "/admin/*")[0]
    published = build_site(tmp_path / "published", FIXTURES / "samplepublishconf.py", CIVIC_HUB_CMS_LOCAL_BACKEND=LOCAL)
    data = yaml.safe_load((published / "admin/config.yml").read_text())
    assert "local_backend" not in data and "127.0.0.1" not in (published / "_headers").read_text()


def test_gitlab_has_its_own_backend_without_open_authoring(directory):
    settings = parse_settings({"repository_url": "https://gitlab.council.example/digital/directory"})
    assert backend(settings) == {
        "name": "gitlab",
        "repo": "digital/directory",
        "branch": "main",
        "api_root": "https://gitlab.council.example/api/v4",
    }
    assert origins(settings) == (("https://gitlab.council.example",), ("https://gitlab.council.example",))
    signed_in = parse_settings({"repository_url": "https://github.com/a/b", "cms_auth_url": "https://auth.a.example"})
    assert backend(signed_in)["base_url"] == "https://auth.a.example"
    assert config(signed_in, directory)["backend"]["open_authoring"] is True


@pytest.mark.parametrize(
    "setting, value",
    [
        ("cms_local_backend", "http://192.168.1.5:8081/api/v1"),  # another machine could write the content
        ("cms_local_backend", "https://127.0.0.1:8081/api/v1"),
        ("cms_auth_url", "http://auth.example"),
        ("cms_auth_url", "https://auth.example/path"),
    ],
)
def test_the_editors_settings_are_checked(setting, value):
    with pytest.raises(SettingsError, match=setting):
        parse_settings({setting: value})


def test_a_site_without_a_repository_has_no_editor(tmp_path):
    conf = settings_file(tmp_path / "conf.py", "DIRECTORY = {**DIRECTORY, 'repository_url': ''}\n")
    site = build_site(tmp_path / "output", conf)
    assert not (site / "admin").exists()
    assert header_blocks(site)["/*"][0] == f"Content-Security-Policy: {BASE_POLICY}"  # as before the editor


def test_kinds_without_fields_are_left_to_git():
    assert {k.name for k in KINDS} - {k.name for k in EDITABLE} == {"taxonomy", "synonyms"}
