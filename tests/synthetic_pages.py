"""Synthetic dossier pages for the pre-check tests: a title at the top, body lines below.

Why shared: the readers of records by title (lawful time, enforcement time, 公示, 法制审核)
look at a page's title band, so every such test needs the same page geometry."""

from __future__ import annotations

from pathlib import Path

from app.casefiles.splitting import PageInput, TextLine
from scoring.checklist_loader import load_checklist

ROOT = Path(__file__).resolve().parents[1]
PENALTY = load_checklist(ROOT / "scoring/checklists/penalty-assembled.yaml")
COERCION = load_checklist(ROOT / "scoring/checklists/coercion-assembled.yaml")


def page(title: str, *body: str) -> PageInput:
    """An A4 page in PDF points: the title at the top, the body lines below it."""
    lines = [TextLine(title, ((200, 60), (400, 60), (400, 80), (200, 80)), 0.99)]
    for n, text in enumerate(body):
        y = 200 + 30 * n
        lines.append(TextLine(text, ((60, y), (540, y), (540, y + 20), (60, y + 20)), 0.99))
    return PageInput(lines, 595, 842)
