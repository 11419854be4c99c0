"""Request wording helpers and spec rendering."""

from random import Random

import pytest

from schemas.datagen.context import Ctx
from schemas.datagen.realise import join, typo
from schemas.datagen.spec import Spec, Step, render
from schemas.datagen.triggers import Trig


def test_typo_touches_one_filler_word_only():
    text = "When a P1 incident is created, post to #it-ops on Slack"
    for seed in range(20):
        changed = typo(Random(seed), text)
        diff = [(a, b) for a, b in zip(text.split(" "), changed.split(" ")) if a != b]
        assert len(diff) == 1 and diff[0][0] == "When"


def test_typo_gives_up_without_filler_words():
    assert typo(Random(0), "Post to #it-ops on Slack") is None


def test_join_ends_the_sentence_after_a_branching_phrase():
    text = join(Random(0), ["ask for approval; if approved, log it", "email bob"], [True])
    assert text == "ask for approval; if approved, log it. Then email bob"


def _spec(steps: list[Step]) -> Spec:
    trig = Trig(type="daily", inputs={"time": "09:00:00"}, phrase="daily at 9am", ctx=Ctx(kind="schedule"))
    return Spec(name="Daily - Log", trig=trig, steps=steps)


def test_render_numbers_steps_in_pre_order_and_resolves_references():
    look = Step(key="a", definition="look_up_records", inputs={"table": "incident", "conditions": "active=true"})
    loop = Step(
        key="b",
        category="flowlogic",
        definition="FOREACH",
        inputs={"items": "{{@a.records}}"},
        children=[Step(key="c", definition="log", inputs={"message": "{{@b.item.number}}"})],
    )
    flow = render(_spec([look, loop]), "desc")
    assert [(c["order"], c.get("block")) for c in flow["components"]] == [(1, None), (2, None), (3, 2)]
    assert flow["components"][1]["inputs"][0]["value"] == "{{1.records}}"
    assert flow["components"][2]["inputs"][0]["value"] == "{{2.item.number}}"


def test_render_names_a_dangling_reference():
    with pytest.raises(KeyError, match="@zz"):
        render(_spec([Step(key="a", definition="log", inputs={"message": "{{@zz.record}}"})]), "")
