"""A new council's own files, from a few answers (``make new-council``).

Pure: the answers in, ``{path in the new repository: bytes}`` out. The
council's files (content skeleton, taxonomy to adapt, pages, images, settings,
workflows, README) are separate from the software's, which the new repository
takes as a pinned submodule (``commands/new_council.py`` adds it), so an upgrade
never touches a file the council edits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template

from ..words import format_date

HERE = Path(__file__).resolve().parent
SUBMODULE = "civic-hub"  # where the software sits in a council's repository
# the software's files a council's repository starts with a copy of, as they are (not
# the issue forms' config.yml: its contact link is made from the answers)
COPIED = (".github/workflows/*.yml", ".github/ISSUE_TEMPLATE/[!c]*.yml", ".github/software-changed.sh")
# the taxonomy a council starts from and adapts: its areas are its own
TAXONOMY = ("categories", "accessibility", "audiences", "synonyms")
PAGES = ("about", "accessibility", "privacy")


@dataclass(frozen=True)
class Answers:
    council_name: str
    site_name: str
    site_url: str
    contact_email: str
    brand_colour: str
    repository_url: str
    maintainers: tuple[str, ...]
    logo: Path | None = None
    share_image: Path | None = None
    id_namespace: str = ""  # empty: a new one (it never changes after)


def with_namespace(answers: Answers) -> Answers:
    """The answers with an id namespace of their own: a random UUID, made once."""
    if answers.id_namespace:
        return answers
    return Answers(**{**answers.__dict__, "id_namespace": str(uuid.uuid4())})


def image_path(image: Path | None) -> str:
    """Where an image given as an answer is on the site (copied to content/images/)."""
    return f"/images/{image.name}" if image else ""


def directory_settings(answers: Answers) -> dict:
    """The DIRECTORY settings the answers make, as pelicanconf.py will hold them."""
    settings = {
        "council_name": answers.council_name,
        "site_name": answers.site_name,
        "site_url": answers.site_url,
        "contact_email": answers.contact_email,
        "repository_url": answers.repository_url,
        "maintainers": list(answers.maintainers),
        "brand_colour": answers.brand_colour,
        "id_namespace": answers.id_namespace,
    }
    if answers.logo:
        settings["logo"] = image_path(answers.logo)
    if answers.share_image:
        settings["share_image"] = image_path(answers.share_image)
    return settings


def council_files(answers: Answers, today: date, software: Path) -> dict[str, bytes]:
    """Every file of the new repository but the submodule and CODEOWNERS."""
    values = _values(answers, today)
    files = {
        "Makefile": _fill("files/Makefile", values),
        "pelicanconf.py": _fill("files/pelicanconf.py.in", values),
        "publishconf.py": (software / "publishconf.py").read_bytes(),  # the same for every council
        "README.md": _fill("files/README.md", values),
        ".gitignore": (HERE / "files/gitignore").read_bytes(),
        ".github/dependabot.yml": (HERE / "files/dependabot.yml").read_bytes(),
        ".github/ISSUE_TEMPLATE/config.yml": _fill("files/issue-config.yml", values),
        "content/taxonomy/areas.yaml": _areas(answers).encode(),
    }
    for name in TAXONOMY:
        files[f"content/taxonomy/{name}.yaml"] = (HERE / f"taxonomy/{name}.yaml").read_bytes()
    for name in PAGES:
        files[f"content/pages/{name}.md"] = _fill(f"pages/{name}.md", values)
    for image in (answers.logo, answers.share_image):
        if image:
            files[f"content{image_path(image)}"] = image.read_bytes()
    for pattern in COPIED:
        for path in sorted(software.glob(pattern)):
            files[path.relative_to(software).as_posix()] = path.read_bytes()
    return files


def _values(answers: Answers, today: date) -> dict[str, str]:
    settings = directory_settings(answers)
    values = {name: str(value) for name, value in settings.items()}
    values |= {f"{name}_literal": _literal(value) for name, value in settings.items()}
    values["today"] = today.isoformat()
    values["today_in_words"] = format_date(today)
    images = "".join(
        f"    {_literal(name)}: {_literal(settings[name])},  # in content/images/\n"
        for name in ("logo", "share_image")
        if name in settings
    )
    values["images"] = images
    return values


def _literal(value) -> str:
    """A Python literal of a string or a list of strings, in double quotes as the file's others."""
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fill(template: str, values: dict[str, str]) -> bytes:
    return Template((HERE / template).read_text(encoding="utf-8")).substitute(values).encode()


def _areas(answers: Answers) -> str:
    return (
        f"# The areas of {answers.council_name}'s area that residents browse by (wards,\n"
        "# towns or neighbourhoods): replace this one with yours. A service names the areas\n"
        "# it covers; one that names none covers them all. postcode_districts (like LS1)\n"
        '# let "near me" find the area of a postcode.\n'
        "\n"
        "whole-area:\n"
        "  name: The whole area\n"
        f"  description: Everywhere {answers.council_name} serves.\n"
    )
