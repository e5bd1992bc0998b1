"""Full-text search speed over a 10,000-page library (prints figures; asserts nothing).

Builds a temporary SQLite library at schema head with synthetic but realistic OCR text
(lines of case-file phrases wrapped at a fixed width, so words break across lines), indexes
it with ``index_pages``, and times ``search()`` end to end (index query + exact check of the
candidates + snippets, ``limit=200``) for terms of 1, 2, 3 and 4+ characters and for
two-term AND queries: median and p95 per group. Target: <= 50 ms.

For comparison it also times the alternative the OCR notes describe: an FTS5 ``trigram``
table (3+ character terms) with a ``+text LIKE`` scan for 1-2 character terms.

    python benchmarks/search_benchmark.py [--pages 10000] [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.casefiles.search import fts_expression, parse_query, search
from app.casefiles.search_index import index_pages
from app.store import repositories
from app.store.database import Database
from app.store.migrations import ensure_ready

PHRASES = [
    "当事人",
    "某某商贸有限公司",
    "统一社会信用代码",
    "法定代表人",
    "住所地",
    "询问笔录",
    "现场检查笔录",
    "送达回证",
    "行政处罚决定书",
    "行政处罚告知书",
    "立案审批表",
    "案件调查终结报告",
    "涉嫌销售超过保质期的食品",
    "违反了《中华人民共和国食品安全法》",
    "第三十四条第十项",
    "依据第一百二十四条第一款",
    "责令改正",
    "没收违法所得",
    "罚款人民币30,000元",
    "执法人员",
    "执法证号",
    "出示执法证件",
    "告知陈述申辩权",
    "被询问人",
    "询问人",
    "记录人",
    "以上笔录我已看过，与我说的相符",
    "签名",
    "捺指印",
    "受送达人",
    "送达方式",
    "直接送达",
    "留置送达",
    "送达地点",
    "收件人签收",
    "年",
    "月",
    "日",
    "上午",
    "下午",
    "经查",
    "证据如下",
    "营业执照复印件",
    "身份证复印件",
    "现场照片",
    "抽样检验报告",
    "复议",
    "诉讼",
    "六十日内",
    "六个月内",
    "缴纳罚款",
    "逾期不缴纳",
    "每日按罚款数额的百分之三加处罚款",
    "负责人审批意见",
    "同意立案",
    "承办人",
    "审核人",
    "合议",
    "集体讨论",
    "听证",
    "陈述申辩",
    "无异议",
]
LINE_WIDTH = 28

QUERIES = {
    "1 char": ["罚", "证", "签", "缴", "章"],
    "2 chars": ["送达", "笔录", "罚款", "签名", "听证"],
    "3 chars": ["决定书", "当事人", "审批表", "执法证", "保质期"],
    "4+ chars": ["询问笔录", "行政处罚决定书", "〔2024〕15号", "30,000元", "统一社会信用代码"],
    "2-term AND": ["送达 罚款", "询问笔录 签名", "听证 无异议", "〔2024〕15号 罚款", "复议 诉讼"],
}


def page_text(rng: random.Random, case_no: int) -> str:
    """About 600 characters of case-file prose, wrapped into OCR-like lines."""
    parts = [f"县市监罚〔2024〕{case_no}号"]
    while sum(map(len, parts)) < rng.randint(450, 750):
        parts.append(rng.choice(PHRASES))
        parts.append(rng.choice("，。：；、") if rng.random() < 0.4 else "")
    flat = "".join(parts)
    return "\n".join(flat[i : i + LINE_WIDTH] for i in range(0, len(flat), LINE_WIDTH))


def build(db: Database, pages: int, seed: int = 7) -> tuple[list[str], float]:
    rng = random.Random(seed)
    texts: list[str] = []
    per_case = 40
    started = time.perf_counter()
    with db.session() as s:
        for case_index in range(pages // per_case):
            case = repositories.add_case_file(
                s,
                sha256=f"{case_index:064x}",
                original_name=f"案卷{case_index}.pdf",
                stored_path=f"{case_index}.pdf",
                source_kind="pdf",
            )
            for page in range(1, per_case + 1):
                texts.append(page_text(rng, case_index + 1))
                s.add(repositories.Page(case_file_id=case.id, index=page, ocr_text=texts[-1]))
            s.flush()
            index_pages(s, case.id)
    return texts, time.perf_counter() - started


def timings(
    run: Callable[[str], object], queries: list[str], rounds: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per query (CPU time is less disturbed when other
    processes share the cores)."""
    wall, cpu = [], []
    for _ in range(rounds):
        for query in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            run(query)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def report(label: str, samples: tuple[list[float], list[float]]) -> None:
    wall, cpu = samples
    p95 = statistics.quantiles(wall, n=20)[-1]
    cpu_p95 = statistics.quantiles(cpu, n=20)[-1]
    print(
        f"  {label:<12} wall median {statistics.median(wall):7.2f} ms  p95 {p95:7.2f} ms"
        f"   | CPU median {statistics.median(cpu):7.2f} ms  p95 {cpu_p95:7.2f} ms"
    )


def trigram_alternative(texts: list[str], folder: Path, rounds: int) -> None:
    """The other design: trigram FTS5 over the joined text, ``+body LIKE`` for 1-2 chars."""
    file = folder / "trigram.sqlite3"
    connection = sqlite3.connect(file)
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
    started = time.perf_counter()
    with connection:
        connection.executemany(
            "INSERT INTO t(rowid, body) VALUES (?, ?)",
            ((i, text.replace("\n", "")) for i, text in enumerate(texts, start=1)),
        )
    print(
        f"  trigram index built in {time.perf_counter() - started:.1f} s, "
        f"file {file.stat().st_size / 1e6:.1f} MB"
    )

    def run(query: str) -> object:
        clauses, params = [], []
        for term in query.split():
            if len(term) >= 3:
                clauses.append("t MATCH ?")
                params.append('"' + term.replace('"', '""') + '"')
            else:
                clauses.append("+body LIKE ?")
                params.append(f"%{term}%")
        sql = f"SELECT rowid FROM t WHERE {' AND '.join(clauses)} ORDER BY rowid LIMIT 200"
        return connection.execute(sql, params).fetchall()

    for label, queries in QUERIES.items():
        report(label, timings(run, queries, rounds))
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(
        f"SQLite {sqlite3.sqlite_version}, {args.pages} pages, {os.cpu_count()} cores, load {load:.1f}"
    )
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = ensure_ready(f"sqlite:///{folder / 'library.sqlite3'}", folder / "backups")
        texts, seconds = build(db, args.pages)
        db.engine.dispose()
        size = sum(p.stat().st_size for p in folder.glob("library.sqlite3*")) / 1e6
        print(
            f"  {len(texts)} pages, {sum(map(len, texts)) / len(texts):.0f} chars/page; "
            f"stored and indexed in {seconds:.1f} s; library file {size:.1f} MB"
        )
        with sqlite3.connect(folder / "library.sqlite3") as raw:
            pages_only = (
                raw.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'page_search%'"
                ).fetchone()[0]
                if _has_dbstat(raw)
                else None
            )
        if pages_only:
            print(f"  of which the page_search index: {pages_only / 1e6:.1f} MB")
        print("per-character FTS5 + exact check, search() end to end (limit=200):")
        for label, queries in QUERIES.items():
            hits = [len(search(db, q)) for q in queries]
            report(label, timings(lambda q: search(db, q), queries, args.rounds))
            print(f"  {'':<12} hits per query (capped at 200): {hits}")
        print("per-character FTS5, index query only (rowids, limit=200):")
        with db.engine.connect() as connection:
            raw = connection.connection.driver_connection

            def ids_only(query: str) -> object:
                match = fts_expression(parse_query(query))
                sql = "SELECT rowid FROM page_search WHERE page_search MATCH ? ORDER BY rowid"
                return raw.execute(sql + " LIMIT 200", (match,)).fetchall()  # type: ignore[union-attr]

            for label, queries in QUERIES.items():
                report(label, timings(ids_only, queries, args.rounds))
        db.dispose()
        print("alternative: trigram FTS5 + '+body LIKE' for 1-2 characters (raw SQL, ids only):")
        trigram_alternative(texts, folder, args.rounds)


def _has_dbstat(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("SELECT 1 FROM dbstat LIMIT 1")
    except sqlite3.OperationalError:
        return False
    return True


if __name__ == "__main__":
    main()
