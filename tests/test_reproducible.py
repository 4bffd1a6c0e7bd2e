"""The same commit builds byte-identical output, whatever the time zone or hash seed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def build_in_subprocess(output: Path, tz: str, seed: str) -> dict[str, str]:
    env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("SOURCE_DATE_EPOCH", None)  # the date must come from the last commit
    result = subprocess.run(
        [sys.executable, "-m", "directory.commands.build", "content", "-o", str(output), "-s", "pelicanconf.py"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return {
        str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(output.rglob("*")) if p.is_file()
    }


def test_two_builds_of_the_sample_are_byte_identical(tmp_path):
    first = build_in_subprocess(tmp_path / "a", "Pacific/Auckland", "1")
    second = build_in_subprocess(tmp_path / "b", "America/Los_Angeles", "4242")
    assert len(first) > 150
    assert first == second
