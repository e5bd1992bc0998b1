"""Form-like documents: 案卷封面, 卷内目录, 立案/延长/结案审批表, 送达回证, 备考表, 证据清单.

Each builder returns a :class:`Doc`: the canonical name (this corpus's own), the title as
printed (sectors print different ones), its pages and the page of each fact it states.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from benchmarks.foreign.case import Case
from benchmarks.foreign.pages import LEFT, RIGHT, Builder, Page

_CN_DIGITS = "〇一二三四五六七八九"


@dataclass
class Doc:
    name: str  # canonical name, e.g. 行政处罚告知书 (what the benchmark maps to the product)
    title: str  # as printed on the page
    pages: list[Page]
    facts: dict[str, int] = field(default_factory=dict)  # fact key -> page index in the doc


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def numeral_date(day: date) -> str:
    """二〇二四年七月二十七日: how many organs still print the date under the seal."""

    def small(n: int) -> str:
        if n < 10:
            return _CN_DIGITS[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")

    year = "".join(_CN_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{small(day.month)}月{small(day.day)}日"


def _done(b: Builder, name: str, title: str) -> Doc:
    return Doc(name, title, b.pages, dict(b.facts))


def cover(case: Case, pages_total: int) -> Doc:
    b = Builder()
    b.space(12)
    b.line(case.organ, size=7.0, anchor="m", role="hei")
    b.space(6)
    title = "行政处罚案卷"
    b.title(title, 11.0, spaced=True)
    b.space(14)
    d = case.dates
    rows = [
        ("案    号", case.case_no),
        ("当 事 人", case.party.name),
        ("案    由", case.cause),
        ("立案日期", cn_date(d["filed"]) if "filed" in d else cn_date(d["decided"])),
        ("结案日期", cn_date(d["closed"])),
        ("处理结果", f"罚款人民币{case.fine}元"),
        ("本卷页数", f"共{pages_total}页"),
        ("保管期限", "长期" if case.fine < 10000 else "永久"),
    ]
    b.form(rows, 40)
    b.space(30)
    b.line("全宗号：          目录号：          案卷号：", size=4.6, anchor="m")
    return _done(b, "案卷封面", title)


def toc(rows: list[tuple[str, int, int, date | None]], compact_dates: bool) -> Doc:
    """卷内目录: 序号, 文件名称, 页号 (printed page numbers, 起-止), 日期, 备注."""
    b = Builder()
    b.title("卷内目录", 9.0, spaced=True)
    table = [["序号", "文件名称", "页号", "日期", "备注"]]
    for n, (title, first, last, day) in enumerate(rows, start=1):
        pages = str(first) if first == last else f"{first}-{last}"
        shown = ""
        if day is not None:
            shown = f"{day:%Y%m%d}" if compact_dates else f"{day:%Y.%m.%d}"
        table.append([str(n), title, pages, shown, ""])
    b.table(table, [14, 74, 22, 28, 16], size=4.4)
    return _done(b, "卷内目录", "卷内目录")


def filing(case: Case) -> Doc:
    b = Builder()
    title = case.titles.get("filing", "立案审批表")
    b.title(title)
    b.line(f"编号：{case.case_no.replace('罚', '立', 1)}", size=4.4, anchor="r")
    d = case.dates
    label = "发现日期" if case.sector in ("market", "ecology") else "发现时间"
    b.mark("discovered")
    party_rows = [("当事人", case.party.name)]
    if case.party.is_org:
        party_rows += [
            ("统一社会信用代码", case.party.id_no),
            ("法定代表人", case.party.representative),
        ]
    else:
        party_rows += [("身份证号码", case.party.id_no)]
    rows = [
        ("案件来源", "日常监督检查发现" if case.sector != "transport" else "路面巡查发现"),
        (label, cn_date(d["discovered"])),
        *party_rows,
        ("住所（住址）", case.party.address),
        ("案由", case.cause),
        ("简要案情", f"经查，当事人涉嫌{case.violation}，违反了{case.basis}的规定。"),
        (
            "承办人意见",
            f"建议立案调查。  承办人：{case.officers[0][0]} {case.officers[1][0]}  {cn_date(d['filed'])}",
        ),
        ("承办机构意见", f"同意。  负责人：{case.officers[1][0]}  {cn_date(d['filed'])}"),
        ("机关负责人意见", f"同意立案。  {cn_date(d['filed'])}"),
    ]
    b.form(rows, 38)
    b.mark("filed")
    return _done(b, "立案审批表", title)


def extension(case: Case) -> Doc:
    b = Builder()
    title = "延长办案期限审批表"
    b.title(title)
    d = case.dates
    rows = [
        ("案号", case.case_no),
        ("当事人", case.party.name),
        ("案由", case.cause),
        ("立案日期", cn_date(d["filed"])),
        ("延长理由", "案情复杂，涉案物品需送检，不能在立案之日起九十日内作出处理决定。"),
        ("延长期限", "三十日"),
        ("承办人意见", f"建议延长办案期限三十日。  {cn_date(d['extended'])}"),
        ("机关负责人意见", f"同意延长办案期限三十日。  {cn_date(d['extended'])}"),
    ]
    b.form(rows, 38)
    return _done(b, "延长办案期限审批表", title)


def receipt(case: Case, served_what: str, number: str, key: str, when: date) -> Doc:
    """送达回证 (one page): the document served, to whom, how, the recipient's date last."""
    b = Builder()
    b.title("送达回证", 9.0, spaced=True)
    rows = [
        ("送达文书名称及文号", f"{served_what}（{number}）"),
        ("受送达人", case.party.name),
        ("送达地点", case.party.address),
        ("送达方式", "直接送达"),
        ("送达人", f"{case.officers[0][0]}、{case.officers[1][0]}"),
        (
            "受送达人签名或盖章",
            f"{case.party.representative or case.party.name}    {cn_date(when)}",
        ),
        ("备注", ""),
    ]
    b.form(rows, 48)
    b.mark(key)
    return _done(b, "送达回证", "送达回证")


def closing(case: Case) -> Doc:
    b = Builder()
    title = "结案审批表"
    b.title(title)
    d = case.dates
    rows = [("案号", case.case_no), ("当事人", case.party.name), ("案由", case.cause)]
    if "filed" in d:
        rows.append(("立案日期", cn_date(d["filed"])))
    rows += [
        ("处罚决定", f"罚款人民币{case.fine}元"),
        ("执行情况", "当事人已按期缴纳罚款，处罚决定已履行完毕。"),
        ("承办人意见", f"建议结案。  {case.officers[0][0]}  {cn_date(d['closed'])}"),
        ("机关负责人意见", f"同意结案。  {cn_date(d['closed'])}"),
    ]
    b.form(rows, 38)
    b.mark("closed")
    return _done(b, "结案审批表", title)


def archive_note(case: Case, pages_total: int) -> Doc:
    b = Builder()
    b.title("备考表", 9.0, spaced=True)
    b.space(6)
    b.para(f"本卷共有文件材料{pages_total}页，其中文字材料{max(pages_total - 2, 1)}页，照片2张。")
    b.para("立卷人对本卷材料的完整性、准确性负责。")
    b.space(40)
    b.line(f"立卷人：{case.officers[0][0]}", anchor="r")
    b.line(f"检查人：{case.officers[1][0]}", anchor="r")
    b.line(f"立卷时间：{cn_date(case.dates['closed'])}", anchor="r")
    return _done(b, "备考表", "备考表")


def evidence_list(case: Case) -> Doc:
    b = Builder()
    b.title("证据清单")
    rows = [["序号", "证据名称", "来源", "页数"]]
    for n, item in enumerate(["营业执照复印件", "现场检查笔录", "现场照片", "询问笔录"], start=1):
        rows.append([str(n), item, "执法人员调取" if n == 1 else "执法人员制作", "1"])
    b.table(rows, [16, 70, 44, RIGHT - LEFT - 130])
    b.space(8)
    b.line(f"证据提供人（签名）：{case.party.representative or case.party.name}", size=4.6)
    return _done(b, "证据材料", "证据清单")


def blank() -> Page:
    return Page(blank=True)
