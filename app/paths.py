"""Where the bundled, read-only parts of the product live (templates, resources, checklists).

The product runs in three shapes, and this module is the one place that tells them apart:

- a source tree (a checkout, or an editable install): ``templates/`` and ``resources/`` sit
  beside the ``app`` package, at the top of the checkout;
- an installed wheel: the build maps them into the package as ``app/_bundled/templates`` and
  ``app/_bundled/resources`` (``[tool.hatch.build.targets.wheel.force-include]`` in
  ``pyproject.toml``), because nothing beside ``site-packages/app`` belongs to us;
- a PyInstaller bundle: the spec copies them to the top of the bundle (``sys._MEIPASS``).

Checklists and calendars live inside ``scoring`` in every shape.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any

_BUNDLED = "_bundled"


def project_root() -> Path:
    """The folder holding ``app/``, ``scoring/`` (and, outside a wheel, ``templates/``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def _data_folder(name: str) -> Path:
    """``templates`` or ``resources``: inside the installed package first, else the tree's."""
    packaged = Path(str(resources.files("app"))) / _BUNDLED / name
    if packaged.is_dir():
        return packaged
    return project_root() / name


def resources_dir() -> Path:
    return _data_folder("resources")


def read_yaml(path: Path) -> Any:
    """A YAML data file as loaded (``None`` when it is empty)."""
    import yaml  # here: a module that only asks for a folder does not load the YAML parser

    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def resource_yaml(name: str, path: Path | None = None) -> Any:
    """``resources/<name>`` as loaded, or ``path`` instead: a file in the same format (a
    test's, a province's own)."""
    return read_yaml(path or resources_dir() / name)


def templates_dir() -> Path:
    return _data_folder("templates")


def bundled_checklists_dir() -> Path:
    return Path(str(resources.files("scoring"))) / "checklists"
