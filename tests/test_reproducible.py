"""The same commit builds byte-identical output, whatever the time zone, hash
seed or locale of the machine."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import CONF, ROOT, SAMPLE


def build_in_subprocess(output: Path, tz: str, seed: str, **env_extra: str) -> dict[str, str]:
    env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "plugins"), **env_extra}
    env.pop("SOURCE_DATE_EPOCH", None)  # the date must come from the last commit
    result = subprocess.run(
        [sys.executable, "-m", "directory.commands.build", str(SAMPLE), "-o", str(output), "-s", str(CONF)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return {
        str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(output.rglob("*"))
        if p.is_file()
    }


def french_locale(folder: Path) -> dict[str, str]:
    """Environment variables that give a process the fr_FR.UTF-8 locale, compiled
    into ``folder`` (no root needed; the locale sources come with Debian's
    ``locales`` package, which .ci/run installs)."""
    localedef = shutil.which("localedef")
    assert localedef, "localedef not found: apt-get install locales"
    subprocess.run([localedef, "-i", "fr_FR", "-f", "UTF-8", str(folder / "fr_FR.UTF-8")], check=True)
    return {"LOCPATH": str(folder), "LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"}


def test_two_builds_of_the_sample_are_byte_identical(tmp_path):
    first = build_in_subprocess(tmp_path / "a", "Pacific/Auckland", "1")
    second = build_in_subprocess(tmp_path / "b", "America/Los_Angeles", "4242")
    assert len(first) > 150
    assert first == second


def test_a_build_under_another_locale_is_byte_identical(tmp_path):
    (tmp_path / "locales").mkdir()
    english = build_in_subprocess(tmp_path / "c", "Europe/London", "0", LC_ALL="C.UTF-8")
    french = build_in_subprocess(tmp_path / "fr", "Europe/London", "0", **french_locale(tmp_path / "locales"))
    assert "novembre" not in (tmp_path / "fr/consultations/index.html").read_text(encoding="utf-8")
    assert french == english
