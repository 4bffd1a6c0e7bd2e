"""The local editor's backend writes only entry files, and answers only its own
host and the devserver's pages (commands/editor_guard.py, editor_rules.py).

Real decap-server (theme/node_modules), started as ``make cms`` starts it,
behind the real guard, edits a copy of the minimal fixture laid out as the
repository holds it (``<root>/content``, beside ``pelicanconf.py``,
``plugins/`` and ``.github/workflows/``). Every request here is real HTTP;
every refusal must leave every file of the copy as it was.
"""

from __future__ import annotations

import http.client
import json
import os
import stat
from pathlib import Path

import pytest

from directory.commands.cms import editor_backend
from directory.commands.editor_guard import MAX_BODY, ask, site_origins

from .conftest import ROOT

SITE = "http://127.0.0.1:8000"  # the devserver's origin (nothing needs to listen there)
SETTINGS = "SITENAME = 'Civic Hub'\n"
SERVICE = """name: New Thing
organization: riverside-pantry
summary: Something new for everyone.
description: A new thing.
categories: [food-banks]
assured_date: 2025-01-10
"""
COMMIT = {"commitMessage": "Change"}
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="


@pytest.fixture
def editor(copy_fixture, tmp_path):
    """``(root, port, guard)``: the guard's port, in front of decap-server editing ``root``."""
    root = tmp_path / "repository"
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "checks.yml").write_text("on: pull_request\n", encoding="utf-8")
    (root / "plugins").mkdir()
    (root / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    copy_fixture().rename(root / "content")
    with editor_backend(ROOT / "theme", root, "content", 0, site_origins("127.0.0.1", 8000)) as guard:
        yield root, guard.server_address[1], guard


def tree(root: Path) -> dict[str, object]:
    """Every file, folder and link under ``root``: bytes, None, or where the link points."""
    found = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder, name)
            kept = os.readlink(path) if path.is_symlink() else None if path.is_dir() else path.read_bytes()
            found[str(path.relative_to(root))] = kept
    return found


def send(port: int, body, method="POST", host=None, origin=SITE, content_type="application/json", headers=None):
    """``(status, JSON answer, headers)`` of one request to the guard."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {"Host": host or f"127.0.0.1:{port}", "Content-Type": content_type, **(headers or {})}
    if origin:
        sent["Origin"] = origin
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    try:
        connection.request(method, "/api/v1", data if method == "POST" else None, sent)
        response = connection.getresponse()
        answer = response.read()
        return response.status, json.loads(answer) if answer else None, response.headers
    finally:
        connection.close()


def action(name: str, **params) -> dict:
    """A request as Decap's proxy backend sends it, well formed (decap-server would do it)."""
    return {"action": name, "params": {"branch": "main", **params}}


def persist(path: str, raw: str = SERVICE, **extra) -> dict:
    data_file = {"slug": Path(path).stem, "path": path, "raw": raw, **extra}
    options = {"commitMessage": "Create", "useWorkflow": False, "status": "draft"}
    return action("persistEntry", dataFiles=[data_file], assets=[], options=options)


def refused(editor, body, **how) -> str:
    """The guard's reason for refusing ``body``, after checking that nothing changed."""
    root, port, _ = editor
    before = tree(root)
    status, answer, headers = send(port, body, **how)
    assert status == 403, answer
    assert tree(root) == before
    return answer["error"]


def test_a_new_entry_from_the_devservers_page_is_written(editor):
    root, port, _ = editor
    status, answer, headers = send(port, persist("content/services/new-thing.yaml"))
    assert (status, answer) == (200, {"message": "entry persisted"})
    assert (root / "content" / "services" / "new-thing.yaml").read_text(encoding="utf-8") == SERVICE
    assert headers["Access-Control-Allow-Origin"] == SITE and headers["Vary"] == "Origin"


def test_the_editor_reads_the_entries_of_a_kind(editor):
    _, port, _ = editor
    params = {"branch": "main", "folder": "content/services", "extension": "yaml", "depth": 1}
    status, answer, _ = send(port, {"action": "entriesByFolder", "params": params})
    assert status == 200
    assert sorted(e["file"]["path"] for e in answer) == [
        "content/services/money-advice.yaml",
        "content/services/riverside-food-bank.yaml",
    ]


@pytest.mark.parametrize("origin", [SITE, None], ids=["the site's origin", "no origin"])
def test_a_request_for_another_host_is_refused(editor, origin):
    """DNS rebinding: a site whose name now points at 127.0.0.1 is its own origin, and names its own host."""
    root, port, _ = editor
    why = refused(editor, persist("content/services/new-thing.yaml"), host=f"evil.example:{port}", origin=origin)
    assert why == f"the editor's backend answers only as 127.0.0.1:{port} or localhost:{port}"
    assert not (root / "content" / "services" / "new-thing.yaml").exists()


def test_a_page_of_another_local_origin_is_refused(editor):
    root, port, _ = editor
    why = refused(editor, persist("content/services/new-thing.yaml"), origin="http://localhost:9999")
    assert why == "the editor's backend answers only pages of http://127.0.0.1:8000 or http://localhost:8000"
    status, _, headers = send(port, b"", method="OPTIONS", origin="http://localhost:9999")
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert not (root / "content" / "services" / "new-thing.yaml").exists()


def test_the_devservers_preflight_is_answered_for_its_origin_alone(editor):
    _, port, _ = editor
    asked = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    status, _, headers = send(port, b"", method="OPTIONS", origin="http://localhost:8000", headers=asked)
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "http://localhost:8000"
    assert headers["Access-Control-Allow-Methods"] == "POST"
    assert headers["Access-Control-Allow-Headers"] == "Content-Type"


@pytest.mark.parametrize(
    "path",
    [
        "pelicanconf.py",
        ".github/workflows/x.yml",
        "content/../plugins/x.py",
        "content/services/../../pelicanconf.py",
        "content/services/x.py",
        "content/services/.hidden.yaml",
        "content/services/more/x.yaml",
        "content/taxonomy/categories.yaml",
        "content/services/x.yaml\x00.py",
        "{root}/pelicanconf.py",
    ],
)
def test_a_write_anywhere_but_an_entry_file_is_refused(editor, path):
    root = editor[0]
    why = refused(editor, persist(path.format(root=root)))
    assert "is not in a folder of entries" in why or "an entry in content/services/ is a file named like" in why


def test_a_new_entry_outside_the_content_folder_is_refused_whatever_else_it_names(editor):
    body = persist("content/services/new-thing.yaml")
    body["params"]["entry"] = body["params"]["dataFiles"][0] | {"path": "pelicanconf.py"}
    assert "'pelicanconf.py'" in refused(editor, body)
    body = persist("content/services/new-thing.yaml")
    body["params"]["assets"] = [{"path": "plugins/x.py", "content": "cHJpbnQoKQ==", "encoding": "base64"}]
    assert "'plugins/x.py' is not a picture" in refused(editor, body)


def test_moving_an_entry_is_refused(editor):
    why = refused(editor, persist("content/services/money-advice.yaml", newPath="content/services/elsewhere.yaml"))
    assert "does not move entries" in why


def linked_file(root: Path) -> str:
    (root / "content" / "services" / "linked.yaml").symlink_to("../../pelicanconf.py")
    return "content/services/linked.yaml"


def linked_folder(root: Path) -> str:
    for page in (root / "content" / "pages").iterdir():
        page.unlink()
    (root / "content" / "pages").rmdir()
    (root / "content" / "pages").symlink_to("../plugins")
    return "content/pages/x.md"


def hard_link(root: Path) -> str:
    os.link(root / "pelicanconf.py", root / "content" / "services" / "hard.yaml")
    return "content/services/hard.yaml"


@pytest.mark.parametrize("link", [linked_file, linked_folder, hard_link])
def test_a_write_through_a_link_out_of_the_content_folder_is_refused(editor, link):
    root = editor[0]
    path = link(root)
    why = refused(editor, persist(path, raw="import os\n"))
    assert "link" in why
    assert (root / "pelicanconf.py").read_text(encoding="utf-8") == SETTINGS
    assert list((root / "plugins").iterdir()) == []


@pytest.mark.parametrize(
    "body",
    [
        action("deleteFile", path="pelicanconf.py", options=COMMIT),
        action("deleteFile", path=".github/workflows/checks.yml", options=COMMIT),
        action("deleteFiles", paths=["content/../pelicanconf.py"], options=COMMIT),
        action("deleteFiles", paths=["theme/static/images/uploads/a.png", "plugins"], options=COMMIT),
        action("deleteFile", path="content/services/money-advice.yaml", options=COMMIT),
    ],
)
def test_a_delete_of_anything_but_a_picture_is_refused(editor, body):
    refused(editor, body)


@pytest.mark.parametrize(
    "body",
    [
        action("getEntry", path="pelicanconf.py"),
        action("entriesByFiles", files=[{"path": "content/services/money-advice.yaml"}, {"path": "pelicanconf.py"}]),
        action("entriesByFolder", folder=".github/workflows", extension="yml", depth=1),
        action("entriesByFolder", folder="content", extension="", depth=9),
        action("getMedia", mediaFolder="plugins"),
        action("getMediaFile", path="pelicanconf.py"),
        action("unpublishedEntries"),
        {"action": ["getEntry"], "params": {"path": "pelicanconf.py"}},
        ["getEntry", "pelicanconf.py"],
        action("publishUnpublishedEntry", collection="services", slug="money-advice"),
    ],
)
def test_reads_outside_the_entries_and_other_actions_are_refused(editor, body):
    refused(editor, body)


def test_a_picture_goes_into_the_media_folder_and_nothing_else_does(editor):
    root, port, _ = editor
    asset = {"path": "theme/static/images/uploads/logo.png", "content": PNG, "encoding": "base64"}
    status, answer, _ = send(port, action("persistMedia", asset=asset, options=COMMIT))
    assert status == 200 and answer["name"] == "logo.png"
    assert (root / "theme" / "static" / "images" / "uploads" / "logo.png").is_file()
    svg = asset | {"path": "theme/static/images/uploads/logo.svg", "content": "PHN2Zy8+"}
    assert "is not a picture" in refused(editor, action("persistMedia", asset=svg, options=COMMIT))


@pytest.mark.parametrize(
    ("body", "how", "status"),
    [
        (b"", {"headers": {"Content-Length": str(MAX_BODY + 1)}}, 413),
        (b'{"action": "info"', {}, 400),
        (b'{"action": "getEntry", "params": {"path": NaN}}', {}, 400),
        (b'{"action": "info"}', {"content_type": "text/plain"}, 415),
        (b'{"action": "info"}', {"headers": {"Content-Length": "\u00b2"}}, 413),
        (b"", {"method": "GET"}, 405),
    ],
)
def test_what_is_not_a_json_request_of_the_editor_never_arrives(editor, body, how, status):
    root, port, _ = editor
    before = tree(root)
    assert send(port, body, **how)[0] == status
    assert tree(root) == before


def test_decap_server_listens_only_on_a_socket_of_this_user_which_the_guard_alone_uses(editor):
    """The socket's folder is this user's alone; and behind the guard, decap-server
    would write pelicanconf.py if asked: the guard is what keeps it to the entries."""
    root, _, guard = editor
    assert stat.S_ISSOCK(os.stat(guard.socket_path).st_mode)
    assert stat.S_IMODE(os.stat(guard.socket_path.parent).st_mode) == 0o700
    assert ask(guard.socket_path, json.dumps(persist("pelicanconf.py", raw="x = 1\n")).encode())[0] == 200
    assert (root / "pelicanconf.py").read_text(encoding="utf-8") == "x = 1\n"
