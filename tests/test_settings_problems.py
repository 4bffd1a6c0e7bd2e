"""A council's DIRECTORY settings: every problem in one run, each at the file and
line that holds it, with the help a person needs; the images the settings name;
the Millbrook sample's values refused when publishing a council's own site."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from directory.sample_values import SHARE_IMAGE_SHA256
from directory.settings_checks import darker_shade
from directory.settings_source import Place, key_places

from .conftest import FIXTURES, ROOT, SAMPLE, settings_file

DEMONSTRATION = "This is a demonstration directory: Millbrook Borough Council and its entries are made up."


def run_command(*args: str) -> subprocess.CompletedProcess:
    """A real command in a process of its own, as a person runs it from the repository."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("CIVIC_HUB_LOCAL_URL", None)
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def line_of(path: Path, text: str) -> int:
    """The line of ``path`` that holds ``text`` (once)."""
    [line] = [n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in row]
    return line


def errors_in(stderr: str) -> dict[str, tuple[str, str]]:
    """``{key: (place, message)}`` of each ``place: error: DIRECTORY key …`` line."""
    found = {}
    for place, message in re.findall(r"^(.*?): error: (DIRECTORY .*)$", stderr, re.MULTILINE):
        key = re.match(r"DIRECTORY (?:setting ')?(\w+)", message)[1]
        assert key not in found, stderr  # one problem per setting
        found[key] = (place, message)
    return found


def contrast_with_white(hex_colour: str) -> float:
    """WCAG 2.x relative luminance with the sRGB standard's own threshold (0.04045)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return (1 + 0.05) / (luminance + 0.05)


# --- every problem at once, each at its line ------------------------------------------


@pytest.mark.parametrize("command", ["validate", "build"])
def test_three_problems_are_reported_in_one_run_each_at_its_line(tmp_path, command):
    conf = settings_file(
        tmp_path / "pelicanconf.py",
        "DIRECTORY = {\n"
        "    **DIRECTORY,\n"
        "    'brand_colour': '#5aa0d0',\n"
        "    'id_namespace': 'not-a-uuid',\n"
        "    'postcode_file': 'missing.csv',\n"
        "}\n",
    )
    output = tmp_path / "output"
    extra = ["-o", str(output)] if command == "build" else []
    done = run_command(f"directory.commands.{command}", str(SAMPLE), "-s", str(conf), *extra)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    found = errors_in(done.stderr)
    assert sorted(found) == ["brand_colour", "id_namespace", "postcode_file"], done.stderr
    for key, text in (("brand_colour", "#5aa0d0"), ("id_namespace", "not-a-uuid"), ("postcode_file", "missing.csv")):
        assert found[key][0] == f"{conf}:{line_of(conf, text)}:5", done.stderr
    assert "its contrast is 2.8:1" in found["brand_colour"][1]
    assert 'python3 -c "import uuid; print(uuid.uuid4())"' in found["id_namespace"][1]
    assert "never change it" in found["id_namespace"][1]
    missing = os.path.relpath(SAMPLE / "missing.csv", ROOT)
    assert f"names missing.csv, but {missing} does not exist" in found["postcode_file"][1]
    assert len(done.stderr.splitlines()) == 3  # nothing else: the settings stop the command before the content
    assert not output.exists()


def test_the_darker_shade_suggested_is_of_the_same_hue_and_really_passes(tmp_path):
    conf = settings_file(tmp_path / "pelicanconf.py", "DIRECTORY = {**DIRECTORY, 'brand_colour': '#f47738'}\n")
    done = run_command("directory.commands.validate", str(SAMPLE), "-s", str(conf))
    [(place, message)] = errors_in(done.stderr).values()
    assert place == f"{conf}:{line_of(conf, '#f47738')}:27"
    ratio = contrast_with_white("#f47738")
    assert f"its contrast is {int(ratio * 10) / 10}:1" in message  # rounded down, never up to 4.5
    suggested = re.search(r"(#[0-9a-f]{6}), has enough", message)[1]
    assert contrast_with_white(suggested) >= 4.5
    for colour in ("#f47738", "#ffdd00", "#00ffe0", "#777777", "#d4351c", "#85994b", "#ffffff"):
        shade = darker_shade(colour)
        assert contrast_with_white(shade) >= 4.5, colour
        assert contrast_with_white(shade) < 6, colour  # darker just enough, not black
        red, green, blue = (int(shade[i : i + 2], 16) for i in (1, 3, 5))
        was = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        assert [red, green, blue].index(max(red, green, blue)) == was.index(max(was)) or max(was) == min(was)


def test_a_key_is_named_in_the_file_that_writes_it(tmp_path):
    """publishconf.py spreads pelicanconf.py's DIRECTORY: a key it writes itself
    is found there, the others in pelicanconf.py (followed through the import)."""
    pelicanconf = settings_file(tmp_path / "pelicanconf.py", "DIRECTORY = {**DIRECTORY, 'brand_colour': '#ffdd00'}\n")
    publishconf = tmp_path / "publishconf.py"
    published = (ROOT / "publishconf.py").read_text(encoding="utf-8")
    publishconf.write_text(published.replace('"publishing": True,', '"publishing": True,\n    "page_size": 0,'))
    done = run_command("directory.commands.validate", str(SAMPLE), "-s", str(publishconf))
    found = errors_in(done.stderr)
    assert sorted(found) == ["brand_colour", "page_size"], done.stderr
    assert found["brand_colour"][0] == f"{pelicanconf}:{line_of(pelicanconf, '#ffdd00')}:27"
    assert found["page_size"][0] == f"{publishconf}:{line_of(publishconf, 'page_size')}:5"


def test_where_each_key_is_written(tmp_path):
    base = tmp_path / "base.py"
    base.write_text("DIRECTORY = {\n    'site_url': 'https://a.example',\n    'logo': '/images/a.svg',\n}\n")
    conf = tmp_path / "conf.py"
    conf.write_text(
        "from base import *\n"
        "DIRECTORY = {**DIRECTORY, 'logo': '/images/b.svg', 'site_url': X or DIRECTORY['site_url']}\n"
        "DIRECTORY['page_size'] = 3\n"
    )
    places = key_places(conf)
    assert places == {
        "site_url": Place(str(base), 2, 5),  # carried on: where its value is written
        "logo": Place(str(conf), 2, 27),
        "page_size": Place(str(conf), 3, 1),
    }
    made = tmp_path / "made.py"
    made.write_text("DIRECTORY = dict(logo='/images/a.svg')\n")
    assert key_places(made) == {}
    assert str(Place("conf.py")) == "conf.py"


# --- images ---------------------------------------------------------------------------


def test_the_sample_share_image_is_the_councils_image_copied_to_the_site(tmp_path, build):
    assert hashlib.sha256((SAMPLE / "images/share.png").read_bytes()).hexdigest() == SHARE_IMAGE_SHA256
    code, output = build(SAMPLE)
    assert code == 0
    assert (output / "images/share.png").read_bytes() == (SAMPLE / "images/share.png").read_bytes()
    page = (output / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="http://localhost:8000/images/share.png">' in page


@pytest.mark.parametrize(
    ("setting", "value", "missing"),
    [
        ("logo", "/images/logo.svg", "images/logo.svg"),
        ("share_image", "/theme/images/share.png", "static/images/share.png"),
    ],
)
def test_an_image_the_settings_name_must_exist(tmp_path, setting, value, missing):
    conf = settings_file(tmp_path / "pelicanconf.py", f"DIRECTORY = {{**DIRECTORY, {setting!r}: {value!r}}}\n")
    done = run_command("directory.commands.validate", str(SAMPLE), "-s", str(conf))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    [(place, message)] = errors_in(done.stderr).values()
    assert place == f"{conf}:{line_of(conf, value)}:27"
    assert re.fullmatch(rf"DIRECTORY {setting} names {value}, but \S*{missing} does not exist", message), message


def test_an_image_elsewhere_on_the_site_is_refused(tmp_path):
    conf = settings_file(tmp_path / "pelicanconf.py", "DIRECTORY = {**DIRECTORY, 'logo': '/search/logo.svg'}\n")
    done = run_command("directory.commands.validate", str(SAMPLE), "-s", str(conf))
    [(_, message)] = errors_in(done.stderr).values()
    assert "is not an image of this site: put the image in" in message


# --- the sample's values when publishing ----------------------------------------------


def council_site(tmp_path: Path, extra: str) -> Path:
    """A council's two settings files: its pelicanconf.py (the sample's, with
    ``extra``) and the project's publishconf.py as it is."""
    site = tmp_path / "site"
    site.mkdir()
    settings_file(site / "pelicanconf.py", extra)
    shutil.copy(ROOT / "publishconf.py", site)
    return site


def test_the_samples_values_are_refused_when_a_council_publishes(tmp_path):
    site = council_site(tmp_path, "DIRECTORY = {**DIRECTORY, 'demonstration': False}\n")
    output = tmp_path / "output"
    done = run_command("directory.commands.build", str(SAMPLE), "-o", str(output), "-s", str(site / "publishconf.py"))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    found = errors_in(done.stderr)
    sample = FIXTURES / "sampleconf.py"
    expected = ("contact_email", "repository_url", "maintainers", "share_image", "id_namespace")
    assert sorted(found) == sorted(expected), done.stderr
    for key in expected:
        place, message = found[key]
        written = f'"{key}":'
        assert place == f"{os.path.relpath(sample, ROOT)}:{line_of(sample, written)}:5", done.stderr
        assert "Millbrook sample's" in message, message
    assert 'python3 -c "import uuid; print(uuid.uuid4())"' in found["id_namespace"][1]
    assert not output.exists()


def test_the_samples_address_is_named_where_the_council_wrote_it(tmp_path):
    site = council_site(
        tmp_path,
        "DIRECTORY = {**DIRECTORY, 'site_url': 'https://directory.millbrook.example', 'demonstration': False}\n",
    )
    done = run_command("directory.commands.validate", str(SAMPLE), "-s", str(site / "publishconf.py"))
    place, message = errors_in(done.stderr)["site_url"]
    assert place == f"{site / 'pelicanconf.py'}:{line_of(site / 'pelicanconf.py', 'millbrook.example')}:27"
    assert "is the Millbrook sample's address; put your directory's own" in message


def test_the_samples_values_are_allowed_in_a_local_build(tmp_path):
    site = council_site(tmp_path, "DIRECTORY = {**DIRECTORY, 'demonstration': False}\n")
    done = run_command("directory.commands.validate", str(SAMPLE), "-s", str(site / "pelicanconf.py"))
    assert done.returncode == 0, done.stderr


def test_the_demonstration_publishes_them_and_says_it_is_made_up(tmp_path):
    output = tmp_path / "output"
    conf = FIXTURES / "samplepublishconf.py"
    done = run_command("directory.commands.build", str(SAMPLE), "-o", str(output), "-s", str(conf))
    assert done.returncode == 0, done.stderr
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 50
    # every page of the site; not the editor, nor the frames other sites embed (/embed/<slice>/)
    frames = [p for p in pages if p.relative_to(output).parts[0] == "embed" and p.parent != output / "embed"]
    for page in sorted(set(pages) - set(frames) - {output / "admin/index.html"}):
        assert DEMONSTRATION in page.read_text(encoding="utf-8"), page
    assert (output / "images/share.png").is_file()


def test_a_councils_own_site_has_no_demonstration_banner(tmp_path, build):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    conf = settings_file(tmp_path / "pelicanconf.py", "DIRECTORY = {**DIRECTORY, 'demonstration': False}\n")
    code, output = build(content, conf=conf)
    assert code == 0
    assert DEMONSTRATION not in (output / "index.html").read_text(encoding="utf-8")
