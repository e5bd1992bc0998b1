"""``demo``: build the demo library (synthetic scanned dossiers with planted defects).

The demo library is a data folder of its own (``<data folder>/demo``), never the real one;
``--here`` makes the ``--data-dir`` folder itself the demo folder (tests, a trial install)."""

from __future__ import annotations

import argparse
from typing import Any

from app import CLI_NAME
from app.cli.common import open_services
from app.cli.errors import CliError, ExitCode
from app.cli.output import progress_line
from app.config import RunContext
from app.services import Services
from app.tasks import TaskState


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="生成演示案卷库（合成扫描案卷，含已知问题）并导入")
    p.add_argument("--count", type=int, default=None, help="生成多少卷（默认 12）")
    p.add_argument(
        "--campaign",
        action="store_true",
        help="同时识别演示案卷，并建立按预检评分、已签字确认的演示评查活动",
    )
    p.add_argument(
        "--here",
        action="store_true",
        help="在 --data-dir 指定的文件夹中生成（该文件夹即成为演示库；已有真实案卷时拒绝）",
    )
    p.set_defaults(handler=cmd_demo, human=_human)


def _human(r: dict[str, Any]) -> str:
    text = (
        f"演示案卷库已就绪：{r['cases']} 卷，数据文件夹 {r['data_dir']}"
        f'（查看：{CLI_NAME} --data-dir "{r["data_dir"]}" cases）'
    )
    if r.get("campaign"):
        text += f"；演示评查活动编号 {r['campaign']}"
    return text


def cmd_demo(args: argparse.Namespace, ctx: RunContext) -> dict[str, Any]:
    if args.count is not None and not 1 <= args.count <= 200:
        raise CliError("--count 应在 1 到 200 之间。", ExitCode.USAGE)
    services = open_services(ctx) if args.here else Services.open_demo(ctx)
    last = [-1]

    def report(done: int, total: int, message: str) -> None:
        if done != last[0]:
            last[0] = done
            progress_line(f"[{done}/{total}] {message}")

    paths = services.ctx.paths
    count = services.build_demo(TaskState(on_progress=report), count=args.count)
    result: dict[str, Any] = {
        "cases": count,
        "data_dir": str(paths.data_dir),
        "folder": str(paths.demo_sources_dir),
    }
    if args.campaign:
        unread = services.library.unfinished_case_ids()
        if unread:
            processor = services.processor()
            try:
                for n, case_id in enumerate(unread, start=1):
                    progress_line(f"[{n}/{len(unread)}] 正在识别演示案卷……")
                    processor.process(case_id)
            finally:
                processor.close()
        result["campaign"] = services.build_demo_campaign()
    return result
