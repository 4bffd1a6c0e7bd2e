"""Every page of the sample is valid HTML as an outside checker sees it:
html-validate (pinned in theme/package.json) with its recommended preset, the
checker GOV.UK Frontend runs on its own markup."""

from __future__ import annotations

import subprocess

from .conftest import ROOT, SAMPLE

HTML_VALIDATE = ROOT / "theme/node_modules/.bin/html-validate"


def test_every_page_of_the_sample_passes_html_validate(build, tmp_path):
    code, out = build(SAMPLE)
    assert code == 0
    pages = sorted(str(p) for p in out.rglob("*.html"))
    assert len(pages) > 150
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(ROOT / "theme/.htmlvalidate.json"), "--formatter", "text", *pages],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
