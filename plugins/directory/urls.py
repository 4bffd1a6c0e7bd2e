"""Where each kind of object lives on the site: one place for every URL."""

from __future__ import annotations

from . import model

PREFIX = {
    model.Service: "services",
    model.Organisation: "organisations",
    model.Location: "locations",
    model.Consultation: "consultations",
}
VOCABULARY_PREFIX = {"categories": "categories", "areas": "areas"}


def url_for(obj) -> str:
    """Root-relative URL of a model object ("" when it has no page)."""
    if isinstance(obj, model.Term):
        prefix = VOCABULARY_PREFIX.get(obj.vocabulary)
        return f"/{prefix}/{obj.slug}/" if prefix else ""
    if isinstance(obj, model.Page):
        return f"/{obj.slug}/"
    if isinstance(obj, model.Location) and obj.slug is None:
        return ""
    return f"/{PREFIX[type(obj)]}/{obj.slug}/"


def save_as(url: str) -> str:
    """The output file for a root-relative URL ('/a/b/' -> 'a/b/index.html')."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path
