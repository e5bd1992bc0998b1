"""The review group and the 分工 through the CLI: create with a lead, assign, see one's part,
score only one's own cases, only the lead signs off."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli_campaign import seed_library
from tests.support import run_cli


def test_team_flow(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    created = run_cli(
        tmp_path,
        "campaign", "create", "--name", "二季度抽查", "--kind", "spotcheck",
        "--period", "2024Q2", "--reviewer", "甲", "--reviewer", "乙", "--lead", "赵组长",
        "--json",
    )  # fmt: skip
    assert created.code == 0, created.stderr
    assert (created.json()["reviewers"], created.json()["leads"]) == (["甲", "乙"], ["赵组长"])
    campaign = str(created.json()["id"])
    assert run_cli(tmp_path, "campaign", "add", campaign, *map(str, ids)).code == 0

    no_reviewer = run_cli(tmp_path, "campaign", "assign", campaign, str(ids[0]))
    assert no_reviewer.code != 0 and "--reviewer" in no_reviewer.stderr
    given = run_cli(
        tmp_path, "campaign", "assign", campaign, str(ids[0]), "--reviewer", "甲", "--json"
    )
    assert given.code == 0, given.stderr
    assert given.json()["cases"][0]["reviewers"] == ["甲"]
    rest = run_cli(tmp_path, "campaign", "assign", campaign, "--auto", "--json")
    assert rest.code == 0, rest.stderr
    assert sorted(c["case_id"] for c in rest.json()["cases"]) == ids[1:]

    seen = run_cli(tmp_path, "campaign", "show", campaign, "--viewer", "甲", "--json")
    mine = [c["case_id"] for c in seen.json()["cases"]]
    assert ids[0] in mine and len(mine) < len(ids)
    assert seen.json()["visibility"]["role"] == "reviewer"
    lead_view = run_cli(tmp_path, "campaign", "show", campaign, "--viewer", "赵组长", "--json")
    assert len(lead_view.json()["cases"]) == len(ids)

    other = next(i for i in ids if i not in mine)
    refused = run_cli(
        tmp_path, "review", "deduct", campaign, str(other), "P-2.2",
        "--count", "1", "--reason", "笔录未签名", "--reviewer", "甲",
    )  # fmt: skip
    assert refused.code != 0 and "没有分配给 甲" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = run_cli(
        tmp_path, "review", "deduct", campaign, str(ids[0]), "P-2.2",
        "--count", "1", "--reason", "笔录未签名", "--reviewer", "甲",
    )  # fmt: skip
    assert done.code == 0, done.stderr

    not_lead = run_cli(tmp_path, "review", "signoff", campaign, str(ids[0]), "--lead", "甲")
    assert not_lead.code != 0 and "只有本活动的组长" in not_lead.stderr
    signed = run_cli(
        tmp_path, "review", "signoff", campaign, str(ids[0]), "--lead", "赵组长", "--json"
    )
    assert signed.code == 0 and signed.json()["signed_off"] is True

    team = run_cli(tmp_path, "campaign", "team", campaign, "--json")
    by_name = {m["name"]: m for m in team.json()["members"]}
    assert by_name["甲"]["assigned"] >= 1 and by_name["甲"]["scored"] == 1
    assert by_name["赵组长"]["role"] == "lead"
