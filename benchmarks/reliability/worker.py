"""A process that does one kind of work over and over until it is killed:
``python -m benchmarks.reliability.worker OP WORLD_JSON SEED``.

After each operation the product reports as done (the service call returned, as the CLI
would then print it) the worker prints one JSON line, the *acknowledgement*: the kill
harness holds every acknowledged record to be in the database after the kill. ``ready``
is printed once the services are open, so kills land in the work, not in start-up."""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.documents.letter_requests import OpinionRequest
from app.review.letter_dates import date_sign_offs
from app.review.reviews import DeductionUpdate
from app.services import Services, restore_database
from benchmarks.reliability.world import DEPARTMENTS, ITEM, LEAD, TODAY, World


def ack(**record: Any) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def scoring(services: Services, world: World, rng: random.Random) -> None:
    """Deduct, change and withdraw deductions (every edit a reviewer saves)."""
    # The deductions of earlier runs are this run's to edit too (the ledger knows them).
    mine = [int(i) for i in sys.argv[4:]]
    n = 0
    while True:
        n += 1
        case = rng.choice(world.cases)
        roll = rng.random()
        if mine and roll < 0.2:
            gone = mine.pop(rng.randrange(len(mine)))
            ack(kind="intent", op="delete", id=gone)
            services.reviews.delete_deduction(gone)
            ack(kind="deleted", id=gone)
        elif mine and roll < 0.4:
            target, reason = rng.choice(mine), f"改为：笔录第{n}页未签名"
            ack(kind="intent", op="update", id=target, reason=reason)
            services.reviews.update_deduction(target, DeductionUpdate(reason=reason))
            ack(kind="updated", id=target, reason=reason)
        else:
            change = services.reviews.deduct(
                world.campaign, case, ITEM, 1, f"第{n}处：笔录未签名", page=1
            )
            assert change.deduction_id is not None
            mine.append(change.deduction_id)
            ack(kind="deduction", id=change.deduction_id)


def importing(services: Services, world: World, rng: random.Random) -> None:
    """Import dossiers (each a new file: the seed with bytes of its own appended)."""
    folder = Path(tempfile.mkdtemp(prefix="imports-", dir=world.data_dir.parent))
    seed = world.seed_pdf.read_bytes()
    n = 0
    while True:
        n += 1
        source = folder / f"卷宗-{rng.random():.12f}-{n}.pdf"
        source.write_bytes(seed + f"\n%{source.name}\n".encode())
        outcome = services.library.import_path(source, rng.choice(DEPARTMENTS), "penalty")
        ack(kind="case", id=outcome.id)


def reading(services: Services, world: World, rng: random.Random) -> None:
    """OCR: first resume what an earlier kill interrupted, then read dossiers again."""
    processor = services.processor()
    try:
        for case in services.library.unfinished_case_ids():
            processor.process(case)
            ack(kind="resumed", id=case)
        while True:
            case = rng.choice(world.cases)
            processor.process(case, redo=True)
            ack(kind="ocr", id=case)
    finally:
        processor.close()


def issuing(services: Services, world: World, rng: random.Random) -> None:
    """A campaign scored and signed off, then its opinions issued (numbers taken)."""
    out = Path(tempfile.mkdtemp(prefix="papers-", dir=world.data_dir.parent))
    letters = services.letters()
    n = 0
    while True:
        n += 1
        campaign = services.campaigns.create(
            f"专项抽查{rng.random():.9f}", "spotcheck", "2026Q2"
        ).id
        services.campaigns.add_cases(campaign, list(world.cases))
        for case in world.cases:
            services.reviews.deduct(campaign, case, ITEM, 1, "从轻情节未适用", page=1)
            services.reviews.signoff(campaign, case, lead=LEAD)
        date_sign_offs(services.db, campaign, TODAY)  # its opinions are dated TODAY
        for department in DEPARTMENTS:
            issued = letters.issue_opinion(
                OpinionRequest(campaign, department, TODAY, deadline=TODAY + timedelta(days=40)),
                out / f"意见书-{n}-{department}.docx",
            )
            ack(kind="letter", number=issued.number)


def replying(services: Services, world: World, rng: random.Random) -> None:
    """Record replies with a document, send them back, record again."""
    rect = services.rectification()
    # Replies of earlier runs were dated up to the day passed on (a verdict may not come
    # before a reply); this run goes on after it.
    day = date.fromisoformat(sys.argv[4]) + timedelta(days=1) if len(sys.argv) > 4 else TODAY
    while True:
        day += timedelta(days=1)
        number = rng.choice(world.opinions)
        info = rect.record_reply(number, day, files=[world.reply_file], note=f"第{day}次回复")
        ack(kind="reply", number=number, on=day.isoformat(), replies=len(info.replies))
        rect.verify(number, day, accept=False, note="材料不全，退回")
        ack(kind="returned", number=number, on=day.isoformat())


def restoring(services: Services, world: World, rng: random.Random) -> None:
    """Restore one backup, then the other, and so on."""
    services.close()
    n = 0
    while True:
        n += 1
        chosen = world.backups[n % 2]
        restore_database(world.context(), chosen)
        ack(kind="restored", file=chosen.name)


OPERATIONS: dict[str, Callable[[Services, World, random.Random], None]] = {
    "scoring": scoring,
    "import": importing,
    "ocr": reading,
    "letter": issuing,
    "reply": replying,
    "restore": restoring,
}


def main(argv: list[str]) -> None:
    op, world_json, seed = argv[:3]
    world = World.from_json(Path(world_json).read_text(encoding="utf-8"))
    services = Services.open(world.context())
    ack(kind="ready")
    OPERATIONS[op](services, world, random.Random(int(seed)))


if __name__ == "__main__":
    main(sys.argv[1:])
