"""The plugin keeps the shape docs/architecture.md describes: small modules, no
import cycle, every file written from outputs/, every kind listed in kinds.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from directory.kinds import KINDS

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "directory"
MAX_LINES = 300


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the plugin."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The plugin's modules that ``name`` imports (anywhere in the file)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in known else base)
    return {m for m in found if m in known and m != name}


def test_no_module_is_over_three_hundred_lines():
    long = {name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_there_is_no_import_cycle():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph["directory.outputs"]  # the walk sees relative imports
    visiting, done = [], set()

    def visit(name):
        if name in done:
            return
        assert name not in visiting, " -> ".join([*visiting[visiting.index(name) :], name])
        visiting.append(name)
        for target in sorted(graph[name]):
            visit(target)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_only_outputs_write_files():
    writers = {
        name
        for name, path in modules().items()
        if ".write_file(" in path.read_text() or ".write_feed(" in path.read_text()
    }
    assert writers and all(name.startswith("directory.outputs") for name in writers)


def test_kinds_are_listed_only_in_kinds_py():
    folders = {k.folder for k in KINDS}
    listed = []
    for name, path in modules().items():
        if name == "directory.kinds":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
            if isinstance(node, ast.Dict | ast.List | ast.Tuple | ast.Set) and items:
                names = {i.value for i in items if isinstance(i, ast.Constant) and i.value in folders}
                if len(names) > 1:
                    listed.append(f"{name}:{node.lineno} {sorted(names)}")
    assert listed == []


def sort_keys_that_fold_case(source: str) -> list[int]:
    """Lines of ``source`` where a sort's ``key=`` folds case itself (lower() or casefold())."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "key" and re.search(r"\.(lower|casefold)\(\)", ast.unparse(keyword.value)):
                    found.append(node.lineno)
    return found


def test_name_order_is_one_rule():
    """ "In name order" is relations.name_order everywhere: no sort folds case its own way."""
    folded = [
        f"{name}:{line}" for name, path in modules().items() for line in sort_keys_that_fold_case(path.read_text())
    ]
    assert folded == []
    assert sort_keys_that_fold_case("sorted(xs, key=lambda x: x.name.lower())") == [1]


def test_no_test_names_the_councils_content_or_settings():
    """The tests build from their own pinned sample (tests/fixtures/sample and
    sampleconf.py), so they pass whatever a council keeps in content/ and
    pelicanconf.py; CI also runs them with content/ hidden (.ci/run)."""
    # the project's folder (ROOT, or a parent of a test's own file), then the council's files
    council = re.compile(r'(\bROOT|__file__\)\S*?) / "(content|pelicanconf\.py)"|from pelicanconf import')
    named = [
        f"{path.relative_to(ROOT)}: {found.group(0)}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path.parent.name != "fixtures" and path != Path(__file__)
        for found in council.finditer(path.read_text(encoding="utf-8"))
    ]
    assert named == []
