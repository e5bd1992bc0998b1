"""Take a screenshot of the real window on an X screen (run under Xvfb for the README).

    Xvfb :99 -screen 0 1400x900x24 &
    DISPLAY=:99 .venv/bin/python installer/screenshot.py --data-dir DIR --out docs/screenshots/main-window.png

The whole X screen is grabbed, so what is saved is what a user's screen would show.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.config import Paths, RunContext
from app.ui.application import create_application, open_main_window
from app.ui.qt import QtCore


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--checklists", action="store_true", help="open the checklist dialog too")
    args = parser.parse_args()

    app = create_application()
    window = open_main_window(RunContext(Paths(args.data_dir)))
    window.resize(1360, 840)
    window.move(20, 20)
    window.show()
    if window.model.rowCount():
        window.table.selectRow(0)

    def shoot() -> None:
        if args.checklists:
            from app.ui.checklist_dialog import ChecklistDialog

            dialog = ChecklistDialog(window.services.checklists, window)
            dialog.move(120, 80)
            dialog.show()
            app.processEvents()
        screen = app.primaryScreen()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        screen.grabWindow(0).save(str(args.out))
        app.quit()

    QtCore.QTimer.singleShot(1500, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
