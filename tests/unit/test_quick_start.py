"""快速上手 as a state machine: the bundled three steps, what ends each, 下一步 and 跳过."""

from __future__ import annotations

from app.quick_start import Tour, load_steps


def test_the_bundled_walk_is_open_review_issue() -> None:
    steps = load_steps()
    assert [s.title for s in steps] == ["打开案卷", "评查", "出具意见书"]
    assert [s.done_when for s in steps] == [
        ("window:DossierWindow",),
        ("window:ScoringWindow", "changed:review"),
        ("window:DocumentsDialog", "changed:letters"),
    ]
    assert all(s.text and s.target for s in steps)


def test_a_step_ends_when_its_events_happened_in_order() -> None:
    tour = Tour(load_steps())
    assert tour.caption() == "第 1 步，共 3 步"
    assert not tour.happened("window:ScoringWindow")  # not this step's
    assert tour.happened("window:DossierWindow") and tour.index == 1
    # A review change before the scoring window opened (the demo campaign) does not count.
    assert not tour.happened("changed:review")
    assert not tour.happened("window:ScoringWindow")
    assert tour.index == 1
    assert tour.happened("changed:review") and tour.step is not None
    assert tour.step.title == "出具意见书"
    assert not tour.happened("changed:letters")  # the demo campaign's, not the user's
    assert not tour.happened("window:DocumentsDialog")
    assert tour.happened("changed:letters") and tour.finished
    assert tour.caption() == "" and tour.step is None
    assert not tour.happened("changed:letters")


def test_next_skip_and_restart() -> None:
    tour = Tour(load_steps())
    tour.happened("window:ScoringWindow")
    tour.next()
    assert tour.index == 1
    assert not tour.happened("changed:review")  # the step's events start afresh
    tour.skip()
    assert tour.finished
    tour.restart()
    assert tour.index == 0 and tour.step is not None and tour.step.title == "打开案卷"
