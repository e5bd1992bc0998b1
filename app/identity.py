"""Who is working at this machine: one object every service reads, and the one place that
names somebody when nobody is named.

``Services`` owns a single :class:`Identity`; every service gets the same instance, so a
change of 我的身份 is seen by all services at once (no service is rebuilt, no window holds
a stale one). The fallback wording for the audit log lives here and nowhere else, and a
fallback is never stored as a person: :meth:`Identity.require` refuses work that would
record a reviewer when no name was given.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import UserError

# What the audit log shows for an action nobody was named for (never a reviewer's name).
UNNAMED_ACTOR = "（未填写姓名）"
# What the audit log shows for work the program did by itself (demo build, migrations).
SYSTEM_ACTOR = "系统"

NAME_REQUIRED = "请先填写您的姓名（窗口：评查 → 我的身份；命令行：settings set reviewer_name 姓名 或 --reviewer 姓名）。"


@dataclass
class Identity:
    """The person at the machine (as the settings name them)."""

    name: str = ""

    def __post_init__(self) -> None:
        self.name = (self.name or "").strip()

    def set(self, name: str) -> None:
        self.name = (name or "").strip()

    @property
    def known(self) -> bool:
        return bool(self.name)

    @property
    def actor(self) -> str:
        """The name for the audit log: the person, or the fallback that says nobody was named."""
        return self.name or UNNAMED_ACTOR

    def require(self, given: str | None = None) -> str:
        """A name to record as a reviewer or signer: ``given`` if set, else the person at the
        machine; refuses (Chinese message) rather than store a placeholder as a person."""
        name = (given or "").strip() or self.name
        if not name:
            raise UserError(NAME_REQUIRED)
        return name


def people_to_offer(groups: Iterable[Iterable[str]], current: str = "") -> list[str]:
    """The names 我的身份 offers: the person at the machine first, then the review groups'
    members in the order given (the open campaign's group first), each once and never a
    placeholder. Choosing beats typing: a typo would make a new person."""
    offered: list[str] = []
    for name in itertools.chain([current], *groups):
        name = (name or "").strip()
        if name and not is_placeholder(name) and name not in offered:
            offered.append(name)
    return offered


def is_placeholder(name: str | None) -> bool:
    """Names the program used to store when nobody was named (old libraries hold them)."""
    return (name or "").strip() in {"", "评查人", "组长", "评查人员", UNNAMED_ACTOR, SYSTEM_ACTOR}


def as_identity(who: Identity | str | None) -> Identity:
    """The identity a service reads: the one ``Services`` handed over (shared, so a change of
    我的身份 reaches every service), or a fixed one for a script or test that passed a name."""
    if isinstance(who, Identity):
        return who
    return Identity(who or "")
