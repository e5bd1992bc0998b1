"""Edits made behind the program's back with a database tool or a file manager; each must
be found by ``db verify`` (the audit chain) or ``db check`` (tables against the log,
letters against numbers, files against their hashes).

Out of reach by design, so not counted: someone who edits a record *and* its audit entry
and then recomputes the whole chain (tamper evidence, not a signature)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.services import Services
from benchmarks.reliability.world import World


def _sql(world: World, *statements: str) -> None:
    connection = sqlite3.connect(world.data_dir / "library.sqlite3")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def _append(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\n%edited")


def _original(world: World) -> Path:
    return next((world.data_dir / "library").glob("*/*.pdf"))


def _attachment(world: World) -> Path:
    return next((world.data_dir / "library" / "rectification").rglob("*.pdf"))


def _with_reply(world: World) -> None:
    services = Services.open(world.context())
    try:
        services.rectification().record_reply(
            world.opinions[0], world.context().effective_today(), files=[world.reply_file]
        )
    finally:
        services.close()


CASES: dict[str, Callable[[World], None]] = {
    "审计记录的操作人被改": lambda w: _sql(w, "UPDATE audit_log SET who = '他人' WHERE id = 3"),
    "审计记录的内容被改": lambda w: _sql(
        w,
        "UPDATE audit_log SET after = '{\"points\": 0}' WHERE entity = 'deduction' AND id = (SELECT min(id) FROM audit_log WHERE entity = 'deduction')",
    ),
    "中间的审计记录被删": lambda w: _sql(w, "DELETE FROM audit_log WHERE id = 5"),
    "最新的审计记录被删": lambda w: _sql(
        w, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"
    ),
    "插入伪造的审计记录": lambda w: _sql(
        w,
        "INSERT INTO audit_log (at, who, entity, entity_id, action, digest) VALUES ('2026-09-01 00:00:00', '他人', 'deduction', '1', 'delete', '"
        + "0" * 64
        + "')",
    ),
    "扣分分值被改": lambda w: _sql(w, "UPDATE deductions SET points = 0 WHERE id = 1"),
    "扣分理由被改": lambda w: _sql(w, "UPDATE deductions SET reason = '无' WHERE id = 2"),
    "扣分被删除": lambda w: _sql(w, "DELETE FROM deductions WHERE id = 3"),
    "直接插入扣分": lambda w: _sql(
        w,
        "INSERT INTO deductions (review_id, item_id, count, points, reason, origin, created_at, updated_at) VALUES (1, 'P-3.4', 1, 1.0, '补录', 'manual', '2026-09-01', '2026-09-01')",
    ),
    "签字确认被伪造": lambda w: _sql(
        w,
        "INSERT INTO reviewers (name, active, created_at) VALUES ('冒名组长', 1, '2026-09-01')",
        "UPDATE reviews SET signed_off_by = (SELECT max(id) FROM reviewers) WHERE id = 1",
    ),
    "文书被删除（文号悬空）": lambda w: _sql(
        w, "PRAGMA foreign_keys = OFF", "DELETE FROM letters WHERE id = 2"
    ),
    "文书的文号被改": lambda w: _sql(
        w, "UPDATE letters SET number_text = '司监意〔2026〕9号' WHERE id = 1"
    ),
    "文号登记被删": lambda w: _sql(w, "DELETE FROM issued_numbers WHERE id = 1"),
    "文号序列被调回": lambda w: _sql(w, "UPDATE letter_sequences SET next_number = 1"),
    "案卷原件被改": lambda w: _append(_original(w)),
    "案卷原件被删": lambda w: _original(w).unlink(),
    "整改回复材料被改": lambda w: (_with_reply(w), _append(_attachment(w))),
}


@dataclass
class TamperReport:
    caught: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return len(self.caught) + len(self.missed)


def findings(world: World) -> list[str]:
    """What ``db verify`` and ``db check`` say about the world (errors only)."""
    services = Services.open(world.context())
    try:
        audit = services.verify_audit()
        checked = services.check_database()
    finally:
        services.close()
    return [p["message"] for p in audit["problems"]] + [
        p["message"] for p in checked["problems"] if p["severity"] == "error"
    ]


def run_tamper(
    template: World, workdir: Path, names: tuple[str, ...] | None = None
) -> TamperReport:
    report = TamperReport()
    clean = template.copy_to(workdir / "clean")
    if findings(clean):  # the untouched world must be clean, or nothing below means anything
        raise AssertionError(f"未改动的数据已有问题：{findings(clean)}")
    for n, name in enumerate(names or tuple(CASES)):
        world = template.copy_to(workdir / f"case-{n}")
        CASES[name](world)
        (report.caught if findings(world) else report.missed).append(name)
    return report
