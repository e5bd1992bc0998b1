"""``line_each``: a list command words one row; the listing and the empty sentence follow."""

from __future__ import annotations

from app.cli.output import line_each


@line_each("没有扣分。")
def _deductions(r: dict[str, object]) -> str:
    """The deductions, one a line."""
    return f"{r['id']}  {r['reason']}"


def test_one_line_a_row_or_the_empty_sentence() -> None:
    rows = [{"id": 1, "reason": "未告知"}, {"id": 2, "reason": "超期"}]
    assert _deductions(rows) == "1  未告知\n2  超期"
    assert _deductions([]) == "没有扣分。"
    assert _deductions.__doc__ == "The deductions, one a line."
