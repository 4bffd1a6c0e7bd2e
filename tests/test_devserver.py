"""make devserver: rebuilds on change, shows problems in plain words, keeps the
last good site up while an entry is broken."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import CONF, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def status(port: int) -> dict:
    return json.loads(fetch(f"http://127.0.0.1:{port}/_devserver/status.json"))


def tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_devserver_rebuilds_and_survives_a_broken_entry(copy_fixture, tmp_path, build):
    content = copy_fixture()
    port = free_port()
    log = tmp_path / "devserver.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    with open(log, "w") as stderr:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "directory.commands.devserver",
                str(content),
                "-o",
                str(tmp_path / "out"),
                "-s",
                str(CONF),
                "-p",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=stderr,
            stderr=stderr,
        )
    try:
        page = f"http://127.0.0.1:{port}/services/riverside-food-bank/"
        assert wait_for(lambda: "Riverside Food Bank" in fetch(page)), log.read_text()
        assert wait_for(lambda: status(port)["build"] > 0), log.read_text()  # the first build told
        built = status(port)
        assert built["ok"] is True and built["problems"] == []
        # every page loads the devserver's script, which the built site itself never has
        assert '<script src="/_devserver/reload.js" defer></script></head>' in fetch(page)
        assert "/_devserver/" not in (tmp_path / "out/services/riverside-food-bank/index.html").read_text()
        assert "window.location.reload()" in fetch(f"http://127.0.0.1:{port}/_devserver/reload.js")
        service = content / "services/riverside-food-bank.yaml"
        good = service.read_text()
        service.write_text(good.replace("name: Riverside Food Bank", "name: Riverside Food Bank\nnmae: typo"))
        assert wait_for(lambda: "unknown field 'nmae'" in log.read_text()), log.read_text()
        assert "riverside-food-bank.yaml:2:1: error: unknown field 'nmae' (did you mean 'name'?)" in log.read_text()
        assert "Riverside Food Bank" in fetch(page)  # the last good site is still served
        refused = status(port)  # and the pages are told why, the path from the content's folder
        assert refused["ok"] is False and refused["build"] > built["build"]
        assert refused["problems"] == [
            {
                "path": "minimal/services/riverside-food-bank.yaml",
                "line": 2,
                "col": 1,
                "severity": "error",
                "message": "unknown field 'nmae' (did you mean 'name'?)",
            }
        ]
        service.write_text(good.replace("Riverside Food Bank", "Riverside Community Food Bank"))
        assert wait_for(lambda: "Riverside Community Food Bank" in fetch(page)), log.read_text()
        assert wait_for(lambda: status(port)["ok"]), log.read_text()
        assert status(port)["problems"] == [] and status(port)["build"] > refused["build"]
        # the preview, before the whole build (its message follows the files it moved in)
        assert wait_for(lambda: "Showed the change on" in log.read_text()), log.read_text()
        assert wait_for(lambda: log.read_text().count("; watching for changes") == 2), log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
    clean = tmp_path / "clean"
    assert build(content, clean, cache=False)[0] == 0
    assert tree(tmp_path / "out") == tree(clean)  # the served site ends as a clean build makes it


def test_a_change_to_the_settings_starts_the_devserver_again(copy_fixture, tmp_path):
    content = copy_fixture()
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(CONF.read_text().replace('THEME = "theme"', f'THEME = "{ROOT / "theme"}"'))
    conf.write_text(conf.read_text().replace('PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{ROOT / "plugins"}"]'))
    port = free_port()
    log = tmp_path / "devserver.log"
    with open(log, "w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "directory.commands.devserver", str(content), "-o", str(tmp_path / "out")]
            + ["-s", str(conf), "-p", str(port)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
            stdout=stderr,
            stderr=stderr,
        )
    try:
        home = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: "Serving" in log.read_text() and fetch(home)), log.read_text()
        conf.write_text(conf.read_text().replace('"council_name": "', '"council_name": "Greater ', 1))
        assert wait_for(lambda: "starting again" in log.read_text()), log.read_text()
        assert wait_for(lambda: "Greater " in fetch(home)), log.read_text()  # the new settings are used
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_sigterm_during_a_rebuild_stops_the_devserver(copy_fixture, tmp_path):
    """The build inside the devserver turns SIGTERM into an exit code; the devserver must
    then stop too, not go on serving and watching (a CI time-out would hang on it)."""
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "1500", str(content)], check=True)
    output = tmp_path / "out"
    server = subprocess.Popen(
        [sys.executable, "-m", "directory.commands.devserver", str(content), "-o", str(output), "-s", str(CONF)]
        + ["-p", str(free_port())],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wait_for(lambda: list(tmp_path.glob(".out.building-*")), 60), "the first build did not start"
    server.send_signal(signal.SIGTERM)
    _, stderr = server.communicate(timeout=60)
    assert server.returncode == 130, stderr
    assert "stopped by SIGTERM; nothing was changed" in stderr
    assert not output.exists()


def test_a_browser_giving_up_on_a_request_prints_no_traceback(tmp_path, capsys):
    from directory.commands.serve import start

    server = start(tmp_path)
    try:
        for error in (ConnectionResetError(), BrokenPipeError()):
            try:
                raise error
            except ConnectionError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a bug in the server")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a bug in the server" in capsys.readouterr().err
    finally:
        server.shutdown()
        server.server_close()
