"""Kept for existing imports: the job runner is :mod:`app.ui.taskman` (one writer, one pool).

``failure_message`` stays importable from here until it moves to ``app.errors``.
"""

from __future__ import annotations

from app.ui.taskman import Job, TaskManager, failure_message

__all__ = ["Job", "TaskManager", "failure_message"]
