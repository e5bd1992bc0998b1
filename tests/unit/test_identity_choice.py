"""Whom 我的身份 offers: the person at the machine, then the review groups, each once."""

from __future__ import annotations

from app.identity import UNNAMED_ACTOR, people_to_offer


def test_the_current_person_first_then_each_group_member_once() -> None:
    groups = [["甲", "乙", "赵组长"], ["乙", " 丙 ", "", UNNAMED_ACTOR, "评查人"]]
    assert people_to_offer(groups, "乙") == ["乙", "甲", "赵组长", "丙"]


def test_nobody_named_yet_offers_the_groups_only() -> None:
    assert people_to_offer([["甲"]], "") == ["甲"]
    assert people_to_offer([], "") == []
