"""Where the bundled, read-only parts of the product live (templates, resources, checklists).

The product ships as a source tree (editable install) or as a PyInstaller bundle; in both
cases these folders sit beside the ``app`` package.
"""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder holding ``app/``, ``scoring/``, ``templates/`` and ``resources/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def templates_dir() -> Path:
    return project_root() / "templates"


def bundled_checklists_dir() -> Path:
    return project_root() / "scoring" / "checklists"
