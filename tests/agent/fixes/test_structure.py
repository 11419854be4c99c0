"""Blocks and nesting: a step moved into the container around it; ELSE/BREAK that fit nowhere dropped."""

from plugin.testing.flows import NOTIFY, flow
from tests.agent.fakes import fixed_and_valid, input_values, step


def test_an_else_without_its_if_goes_and_its_contents_move_up():
    draft = flow()
    draft["components"] += [step(4, "ELSE", category="flowlogic"), step(5, "log", block=4, message="no VIP")]
    draft["components"][1:3] = [step(2, "log", message="checked"), step(3, "log", message="again")]
    fixed, notes = fixed_and_valid(draft, "bad_nesting")
    assert [c["definition"] for c in fixed["components"]] == ["look_up_record", "log", "log", "log"]
    assert "block" not in fixed["components"][3]


def test_a_break_outside_a_loop_goes():
    draft = flow()
    draft["components"].append(step(4, "BREAK", category="flowlogic"))
    fixed, _ = fixed_and_valid(draft, "bad_nesting")
    assert fixed == NOTIFY


def test_a_step_between_a_container_and_its_contents_moves_in():
    draft = flow()
    draft["components"] += [step(4, "log", message="between"), step(5, "log", block=2, message="inside")]
    fixed, _ = fixed_and_valid(draft, "bad_nesting")
    assert [c.get("block") for c in fixed["components"]] == [None, None, 2, 2, 2]


def test_a_block_naming_no_container_moves_to_the_container_before():
    draft = flow()
    draft["components"][2]["block"] = 1
    fixed, _ = fixed_and_valid(draft, "bad_block")
    assert fixed == NOTIFY


def test_a_dropped_step_takes_its_users_along_to_an_earlier_source():
    draft = flow()
    draft["components"][1:] = [
        step(2, "update_record", record="{{1.record}}", table="sys_user", values="colour=red"),
        step(3, "send_email", to="{{2.record.email}}", subject="s", body="b"),
    ]
    fixed, notes = fixed_and_valid(draft, "unknown_field")
    assert [c["definition"] for c in fixed["components"]] == ["look_up_record", "send_email"]
    assert input_values(fixed["components"][1])["to"] == "{{1.record.email}}"
