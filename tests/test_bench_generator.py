"""The benchmark's synthetic directories are valid content: if the schemas
change, the benchmark must still measure real builds, not failed ones."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from directory.reading.loader import load_directory
from directory.settings import parse_settings

from .conftest import ROOT


def test_a_generated_directory_loads_without_errors(tmp_path):
    out = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "120", str(out)], check=True, capture_output=True)
    result = load_directory(out, parse_settings({"postcode_file": "postcodes.csv"}), date(2026, 11, 26))
    assert result.errors == []
    assert result.directory.postcodes  # a place for every postcode the entries use
    assert len(result.directory.services) == 120
    assert len(result.directory.organisations) >= 15
    assert result.directory.consultations


def test_a_directory_of_copied_sample_services_loads_without_errors(tmp_path):
    out = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "bench/copies.py"), "200", str(out)], check=True, capture_output=True)
    result = load_directory(out, parse_settings({"postcode_file": "postcodes.csv"}), date(2026, 11, 26))
    assert result.errors == []
    services = result.directory.services
    assert len(services) == 200
    assert len({s.name for s in services.values()}) == 200  # every copy under a name of its own
    assert services["baby-bank-1"].organization == services["baby-bank"].organization


def test_the_benchmarks_edit_leaves_every_generated_service_valid(tmp_path):
    """run.py's and devserver.py's one edit, made to each service: quoted summaries too."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from run import edit
    finally:
        sys.path.remove(str(ROOT / "bench"))
    out = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "60", str(out)], check=True, capture_output=True)
    services = sorted((out / "services").glob("*.yaml"))
    assert any(p.read_text().count('summary: "') for p in services)
    for path in services:
        edit(path)
    result = load_directory(out, parse_settings({"postcode_file": "postcodes.csv"}), date(2026, 11, 26))
    assert result.errors == []
    assert all(s.summary.endswith(" Open to all.") for s in result.directory.services.values())
