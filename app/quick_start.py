"""快速上手: the three-step walk through the demo (打开案卷 → 评查 → 出具意见书), as a plain
state machine: which step the user is on and what ends it.

The steps are data (``resources/quick_start.yaml``); the window reports what the user did as
events (``window:DossierWindow`` when a dossier opens, ``changed:letters`` when a stored
change carries that flag) and the tour moves on when a step's events have all happened, in
order. Plain Python so the order and the skipping are tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.paths import resource_yaml

STEPS_FILE = "quick_start.yaml"


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    target: str  # what the window highlights (a name it resolves)
    done_when: tuple[str, ...]  # events that end the step, in order


def load_steps(path: Path | None = None) -> list[Step]:
    """The steps of ``resources/quick_start.yaml`` (or ``path``)."""
    raw = resource_yaml(STEPS_FILE, path) or {}
    return [
        Step(
            title=str(s["title"]),
            text=str(s["text"]).strip(),
            target=str(s["target"]),
            done_when=tuple(str(e) for e in s["done_when"]),
        )
        for s in raw.get("steps", [])
    ]


@dataclass
class Tour:
    """Where the user is in the walk; ``index == len(steps)`` once finished or skipped."""

    steps: list[Step]
    index: int = 0
    _seen: int = field(default=0, repr=False)  # events of the current step already seen

    @property
    def finished(self) -> bool:
        return self.index >= len(self.steps)

    @property
    def step(self) -> Step | None:
        return None if self.finished else self.steps[self.index]

    def caption(self) -> str:
        """ "第 2 步，共 3 步" for the guide's header ("" once finished)."""
        return "" if self.finished else f"第 {self.index + 1} 步，共 {len(self.steps)} 步"

    def happened(self, event: str) -> bool:
        """The user did ``event``; True when that ended the current step."""
        step = self.step
        if step is None or step.done_when[self._seen] != event:
            return False
        self._seen += 1
        if self._seen < len(step.done_when):
            return False
        self.next()
        return True

    def next(self) -> None:
        """下一步: on to the next step whether or not this one was done."""
        if not self.finished:
            self.index += 1
            self._seen = 0

    def skip(self) -> None:
        """跳过: the walk ends here."""
        self.index = len(self.steps)
        self._seen = 0

    def restart(self) -> None:
        self.index = self._seen = 0


__all__ = ["Step", "Tour", "load_steps"]
