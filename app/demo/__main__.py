"""Developer command: ``python -m app.demo OUT_DIR [--count N] [--seed S] [--variants]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app.demo.fonts import FontNotFoundError
from app.demo.library import generate_image_folder, generate_library, generate_tiff
from app.demo.spec import plan_library


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.demo", description="生成演示用的扫描案卷及标准答案"
    )
    parser.add_argument("out_dir", type=Path, help="输出文件夹")
    parser.add_argument("--count", type=int, default=12, help="案卷数量（默认 12）")
    parser.add_argument("--seed", type=int, default=2024, help="随机种子（默认 2024）")
    parser.add_argument(
        "--variants", action="store_true", help="另将第一卷输出为 JPG 图片文件夹和多页 TIFF"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r正在生成：{done}/{total} 页", end="", flush=True)

    try:
        paths = generate_library(args.out_dir, args.count, args.seed, progress)
        if args.variants:
            first = plan_library(args.count, args.seed)[0]
            generate_image_folder(first, args.out_dir / f"{first.name}-images")
            generate_tiff(first, args.out_dir / f"{first.name}.tif")
    except FontNotFoundError as exc:
        print(f"\n错误：{exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"\n已生成 {len(paths)} 卷案卷，位于 {args.out_dir}，用时 {elapsed:.1f} 秒。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
