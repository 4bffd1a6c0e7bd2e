"""How a build runs (processes, cache, memory) is one setting, DIRECTORY_BUILD,
validated at start-up like DIRECTORY and read through one object."""

from __future__ import annotations

import subprocess
import sys

import pytest

from directory.build_options import BuildOptions, parse_build_options
from directory.settings import SettingsError

from .conftest import ROOT, SAMPLE, settings_file


def test_the_build_command_options_are_read_back_as_given():
    options = parse_build_options({"jobs": 2, "cache": "/tmp/x", "memory_mb": 500})
    assert options == BuildOptions(jobs=2, cache="/tmp/x", memory_mb=500)
    assert parse_build_options(None) == BuildOptions()


@pytest.mark.parametrize(
    "raw, says",
    [
        ({"job": 2}, r"'job' is not known \(did you mean 'jobs'\?\)"),
        ({"jobs": "2"}, "jobs should be int, not str"),
        ({"jobs": 0}, "jobs must be from 1 to 256"),
        ({"memory_mb": -1}, "memory_mb must be from 0 to 1,000,000"),
        ([2], "should be a dict"),
    ],
)
def test_a_wrong_option_is_refused_in_plain_words(raw, says):
    with pytest.raises(SettingsError, match=says):
        parse_build_options(raw)


def test_a_settings_file_with_a_wrong_option_stops_before_anything_is_built(tmp_path):
    conf = settings_file(tmp_path / "conf.py", 'DIRECTORY_BUILD = {"jobs": "many"}\n')
    done = subprocess.run(
        [sys.executable, "-m", "directory.commands.validate", str(SAMPLE), "-s", str(conf)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "DIRECTORY_BUILD jobs should be int, not str" in done.stderr
