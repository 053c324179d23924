"""``pykata new TOPIC/SLUG``: lay out a new kata's three folders from templates.

It refuses to overwrite anything and prints each file it made, so an author sees at once where
to write the task, the stub, the probes and tests, the solution and the mutants.
"""

from __future__ import annotations

import string
from importlib import resources
from pathlib import Path

from .catalog import Catalog
from .kata import KATA_ID, MODULE_FILE, CatalogError

__all__ = ["scaffold_kata"]


def scaffold_kata(catalog: Catalog, kata_id: str, module: str, title: str) -> list[Path]:
    """Create the files of a new kata; return their paths. Raise CatalogError if it cannot."""
    if not KATA_ID.match(kata_id):
        raise CatalogError(f"{kata_id!r} is not TOPIC/SLUG in kebab-case, e.g. decorators/retry")
    topic = kata_id.split("/")[0]
    if topic not in catalog.topics:
        raise CatalogError(f"the topic {topic!r} is not in katas/topics.toml: add it there first")
    if not MODULE_FILE.match(module):
        raise CatalogError(f"{module!r} is not a module file name such as retry.py")
    root = catalog.root
    existing = [
        p for p in (root / t / kata_id for t in ("katas", "graders", "solutions")) if p.exists()
    ]
    if existing:
        raise CatalogError(f"{existing[0]} already exists: pykata new never overwrites")
    if any(k.module == module for k in catalog.katas):
        raise CatalogError(f"{module} is already used by another kata: module names must be unique")
    name = module.removesuffix(".py")
    values = {"kata_id": kata_id, "title": title, "module": module, "name": name}
    plan = {
        f"katas/{kata_id}/README.md": "README.md",
        f"katas/{kata_id}/kata.toml": "kata.toml",
        f"katas/{kata_id}/{module}": "stub.py",
        f"graders/{kata_id}/probes.py": "probes.py",
        f"graders/{kata_id}/test_{name}.py": "test.py",
        f"solutions/{kata_id}/{module}": "solution.py",
        f"solutions/{kata_id}/mutants/{name}_wrong_answer.py": "mutant.py",
    }
    made = []
    for relative, template in plan.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_render(template, values), encoding="utf-8")
        made.append(path)
    return made


def _render(template: str, values: dict[str, str]) -> str:
    text = (
        resources.files("pykata")
        .joinpath("templates")
        .joinpath(template + ".tmpl")
        .read_text(encoding="utf-8")
    )
    return string.Template(text).substitute(values)
