"""``python -m app`` opens the window; ``python -m app COMMAND …`` runs the command line.

This module is the only place that knows both faces: the CLI never imports the UI.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    # In a frozen build (PyInstaller) a spawned OCR or render worker is this same executable
    # started with multiprocessing's arguments: freeze_support runs the worker and exits
    # before any argument parsing. Elsewhere it does nothing.
    import multiprocessing

    multiprocessing.freeze_support()
    from app.cli.main import context_from, execute, parse

    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        from app.ui.application import run_window

        return run_window(context_from(args), quit_after_start=args.quit_after_start)
    return int(execute(args))


if __name__ == "__main__":
    sys.exit(main())
