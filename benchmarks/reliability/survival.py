"""What must hold after a kill: the data folder opens, the database passes its integrity and
consistency checks (``db check``) and the audit chain (``db verify``), and every record the
killed process had acknowledged is there (records lost = acknowledged and missing).

The worker is sequential, so at most one operation was under way when the kill came: the
one whose ``intent`` was announced last. It may or may not have committed; both are right."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app.errors import user_message
from app.services import Services
from benchmarks.reliability.world import World


@dataclass
class Ledger:
    """Everything acknowledged so far in one world, over all its kills."""

    deductions: dict[int, str | None] = field(default_factory=dict)  # id → reason (None: any)
    deleted: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    letters: set[str] = field(default_factory=set)
    replies: Counter[str] = field(default_factory=Counter)  # opinion → replies acknowledged
    pending: dict[str, Any] | None = None  # the last intent not acknowledged as done
    last_day: str | None = None  # the latest reply date acknowledged (ISO)

    def take(self, lines: list[str]) -> int:
        """Record a run's acknowledgements; how many records they named."""
        self.pending = None
        count = 0
        for line in lines:
            record = json.loads(line)
            kind = record["kind"]
            if kind == "intent":
                self.pending = record
                continue
            self.pending = None
            count += kind != "ready"
            if kind == "deduction":
                self.deductions[record["id"]] = None
            elif kind == "updated":
                self.deductions[record["id"]] = record["reason"]
            elif kind == "deleted":
                self.deductions.pop(record["id"], None)
                self.deleted.add(record["id"])
            elif kind == "case":
                self.cases.add(record["id"])
            elif kind == "letter":
                self.letters.add(record["number"])
            if "on" in record:
                self.last_day = max(self.last_day or "", record["on"])
            if kind == "reply":
                self.replies[record["number"]] = max(
                    self.replies[record["number"]], record["replies"]
                )
        return count

    def live_deductions(self) -> list[int]:
        return sorted(self.deductions)


@dataclass
class Verdict:
    opened: bool
    problems: list[str]
    lost: int
    duplicated_numbers: int
    audit_intact: bool
    sound: bool

    @property
    def survived(self) -> bool:
        return self.opened and not self.problems and not self.lost and not self.duplicated_numbers


def _rows(services: Services, query: str) -> list[tuple[Any, ...]]:
    # The harness reads the tables the way an auditor would; no service lists them all.
    from sqlalchemy import text

    with services.db.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(query))]


def _lost(services: Services, ledger: Ledger) -> list[str]:
    pending = ledger.pending or {}
    stored = dict(_rows(services, "SELECT id, reason FROM deductions"))
    missing = []
    for deduction, reason in ledger.deductions.items():
        in_flight = pending.get("id") == deduction
        if deduction not in stored:
            if not (in_flight and pending.get("op") == "delete"):
                missing.append(f"扣分 {deduction} 丢失")
        elif (
            reason is not None
            and stored[deduction] != reason
            and not (in_flight and stored[deduction] == pending.get("reason"))
        ):
            missing.append(f"扣分 {deduction} 的修改丢失")
    cases = {r[0] for r in _rows(services, "SELECT id FROM case_files")}
    missing += [f"案卷 {c} 丢失" for c in sorted(ledger.cases - cases)]
    letters = {r[0] for r in _rows(services, "SELECT number_text FROM letters")}
    missing += [f"文书 {n} 丢失" for n in sorted(ledger.letters - letters)]
    counts = dict(
        _rows(
            services,
            "SELECT l.number_text, count(r.id) FROM letters l JOIN rectifications c ON"
            " c.letter_id = l.id JOIN rectification_replies r ON r.rectification_id = c.id"
            " GROUP BY l.number_text",
        )
    )
    missing += [f"{n} 的整改回复丢失" for n, k in ledger.replies.items() if counts.get(n, 0) < k]
    return missing


def duplicated_numbers(services: Services) -> int:
    issued = [r[0] for r in _rows(services, "SELECT number_text FROM issued_numbers")]
    lettered = [r[0] for r in _rows(services, "SELECT number_text FROM letters")]
    return sum(n - 1 for n in Counter(issued).values()) + sum(
        n - 1 for n in Counter(lettered).values()
    )


def verify(world: World, ledger: Ledger, *, restore_counts: set[int] | None = None) -> Verdict:
    """Open the world as the program does after a crash and hold it to every rule."""
    try:
        services = Services.open(world.context())
    except Exception as exc:  # the verdict names it; the run goes on
        return Verdict(False, [f"无法打开：{user_message(exc)}"], 0, 0, False, False)
    try:
        problems: list[str] = []
        checked = services.check_database()
        problems += [p["message"] for p in checked["problems"] if p["severity"] == "error"]
        audit = services.verify_audit()
        problems += [p["message"] for p in audit["problems"]]
        if restore_counts is not None:
            count = _rows(services, "SELECT count(*) FROM deductions")[0][0]
            if count not in restore_counts:
                problems.append(f"恢复后有 {count} 条扣分，既不是原库也不是备份")
        lost = _lost(services, ledger)
        return Verdict(
            True,
            problems + lost,
            len(lost),
            duplicated_numbers(services),
            audit["intact"],
            checked["sound"],
        )
    finally:
        services.close()
