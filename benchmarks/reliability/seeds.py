"""Good inputs for every importer, the starting point of each mutation: a dossier as PDF,
PNG, JPEG and multi-page TIFF; the four Excel tables (案件台账, 执法人员名册, a province's
评查标准, 纠错案件台账); a bundled checklist YAML; the bundled 意见书 template; the State
Council's 2026 holiday notice."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from pathlib import Path

import openpyxl
from PIL import Image, ImageDraw

from benchmarks.reliability.world import write_pdf

ROOT = Path(__file__).resolve().parents[2]
Rows = list[list[object]]

CATALOGUE: Rows = [
    ["某县行政处罚案件台账"],
    ["序号", "案号", "案件名称", "当事人", "执法单位", "立案日期", "处罚种类/金额", "承办人"],
    *[
        [n, f"某市监罚〔2026〕{n}号", "销售过期食品案", f"某某商行{n}", "某县市场监督管理局",
         dt.date(2026, 3, n), "罚款5000元", "张三、李四"]
        for n in range(1, 7)
    ],
]  # fmt: skip
ROSTER: Rows = [
    ["某县司法局行政执法人员名册"],
    [],
    ["序号", "姓名", "执法证号", "执法类别", "有效期", "所属单位"],
    [1, "高杰", "32051754256", "市场监管", "2023-01-01至2026-12-31", "某县市场监督管理局"],
    [2, "唐桂英", "32053191692", "市场监管", "2020年1月1日至2024年12月31日", "某县市场监督管理局"],
]
CHECKLIST: Rows = [
    ["某省行政处罚案卷评查标准（2025年版）"],
    ["序号", "评查类别", "评查项目", "分值", "评分细则", "否决项"],
    *[
        [n + 1, "执法主体" if n < 3 else ("执法程序" if n < 7 else ""), f"评查项目{n + 1}", 10,
         "每处扣2分", "是" if n == 0 else ""]
        for n in range(10)
    ],
]  # fmt: skip
LEDGER: Rows = [
    ["2026年第三季度行政复议、行政诉讼纠错案件台账"],
    ["序号", "执法单位", "案号", "纠错方式", "纠错机关", "纠错日期", "纠错结果", "纠错原因"],
    [1, "某县市场监督管理局", "某市监罚〔2026〕12号", "行政复议", "某县人民政府", "2026年9月3日",
     "撤销", "未履行事先告知程序"],
    [2, "某县交通运输局", "某交罚〔2026〕5号", "行政诉讼", "某区人民法院", dt.datetime(2026, 7, 15),
     "确认违法", "超期送达"],
]  # fmt: skip
TABLES = {"catalogue": CATALOGUE, "roster": ROSTER, "checklist_excel": CHECKLIST, "ledger": LEDGER}


def xlsx(rows: Rows, sheet: str = "Sheet1") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.create_sheet("说明").append(["本表由法制科维护"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def wild_cell(rng: random.Random) -> object:
    """A cell a careless or hostile table might hold."""
    from benchmarks.reliability.mutate import INTERESTING

    makers: list[Callable[[], object]] = [
        lambda: None,
        lambda: rng.choice(INTERESTING).replace("\x00", ""),
        lambda: rng.randint(-(10**12), 10**12),
        lambda: rng.random() * 10 ** rng.randint(-5, 300),
        lambda: dt.date(rng.randint(1900, 2100), rng.randint(1, 12), rng.randint(1, 28)),
        lambda: rng.choice(["=1/0", "=A1", "=SUM(A:A)"]),
        lambda: "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(rng.randint(1, 30))),
    ]
    return rng.choice(makers)()


def wild_table(rows: Rows, rng: random.Random) -> bytes:
    """The table with cells replaced, rows dropped or repeated, columns shifted."""
    out = [list(r) for r in rows]
    for _ in range(rng.randint(1, 8)):
        r = rng.randrange(len(out))
        choice = rng.randrange(4)
        if choice == 0 and out[r]:
            out[r][rng.randrange(len(out[r]))] = wild_cell(rng)
        elif choice == 1 and len(out) > 1:
            del out[r]
        elif choice == 2:
            out.insert(r, list(out[rng.randrange(len(out))]))
        else:
            out[r] = [wild_cell(rng)] + out[r] if rng.random() < 0.5 else out[r][1:]
    cleaned = [[c.replace("\x00", "") if isinstance(c, str) else c for c in row] for row in out]
    try:
        return xlsx(cleaned, rng.choice(["Sheet1", "台账", "名册", "评查标准", "纠错台账"]))
    except Exception:  # openpyxl refuses a few cells (control characters): keep the seed
        return xlsx(rows)


def image(kind: str) -> bytes:
    img = Image.new("RGB", (96, 128), "white")
    ImageDraw.Draw(img).rectangle((10, 10, 80, 30), fill="black")
    out = io.BytesIO()
    if kind == "tiff":
        img.save(out, "TIFF", save_all=True, append_images=[img.rotate(90, expand=True)])
    else:
        img.save(out, kind.upper())
    return out.getvalue()


def pdf(folder: Path) -> bytes:
    return write_pdf(folder / "seed.pdf", "行政处罚决定书", pages=2).read_bytes()


def seed_bytes(target: str, folder: Path) -> bytes:
    makers: dict[str, Callable[[], bytes]] = {
        "pdf": lambda: pdf(folder),
        "png": lambda: image("png"),
        "jpeg": lambda: image("jpeg"),
        "tiff": lambda: image("tiff"),
        "checklist_yaml": lambda: (
            ROOT / "scoring/checklists/coercion-assembled.yaml"
        ).read_bytes(),
        "docx_template": lambda: (ROOT / "templates/opinion.docx").read_bytes(),
        "holiday_notice": lambda: (ROOT / "tests/fixtures/holiday_notices/2026.txt").read_bytes(),
    }
    if target in TABLES:
        return xlsx(TABLES[target])
    return makers[target]()
