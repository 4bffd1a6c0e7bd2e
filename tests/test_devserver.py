"""make devserver: rebuilds on change, shows problems in plain words, keeps the
last good site up while an entry is broken."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

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


def test_devserver_rebuilds_and_survives_a_broken_entry(copy_fixture, tmp_path):
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
        service = content / "services/riverside-food-bank.yaml"
        good = service.read_text()
        service.write_text(good.replace("name: Riverside Food Bank", "name: Riverside Food Bank\nnmae: typo"))
        assert wait_for(lambda: "unknown field 'nmae'" in log.read_text()), log.read_text()
        assert "riverside-food-bank.yaml:2:1: error: unknown field 'nmae' (did you mean 'name'?)" in log.read_text()
        assert "Riverside Food Bank" in fetch(page)  # the last good site is still served
        service.write_text(good.replace("Riverside Food Bank", "Riverside Community Food Bank"))
        assert wait_for(lambda: "Riverside Community Food Bank" in fetch(page)), log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
