"""The flow grammar, fed token by token through xgrammar's GrammarMatcher with the SmolLM2 tokenizer."""

import pytest
import xgrammar as xgr

from models.grammar import MAX_DEPTH, compiled_grammar, continuation_depth, stop_token_ids
from models.serialize import from_text, to_text
from tests.models.flows import FLOW_IDS, FLOWS, RICH


def _matcher(tokenizer, depth=None):
    return xgr.GrammarMatcher(compiled_grammar(tokenizer, depth=depth))


def _feed(matcher, tokenizer, text: str) -> bool:
    return all(matcher.accept_token(t) for t in tokenizer(text, add_special_tokens=False).input_ids)


def _ends(matcher, tokenizer) -> bool:
    return matcher.accept_token(stop_token_ids(tokenizer)[0]) and matcher.is_terminated()


@pytest.mark.parametrize("flow", FLOWS, ids=FLOW_IDS)
def test_whole_flow_text_is_accepted_and_may_stop(smollm2_tokenizer, flow):
    matcher = _matcher(smollm2_tokenizer)
    assert _feed(matcher, smollm2_tokenizer, to_text(flow))
    assert _ends(matcher, smollm2_tokenizer)


def test_stop_token_is_refused_mid_line(smollm2_tokenizer):
    matcher = _matcher(smollm2_tokenizer)
    assert _feed(matcher, smollm2_tokenizer, "record_create | table=")
    assert not matcher.accept_token(stop_token_ids(smollm2_tokenizer)[0])


def test_stop_token_is_the_chat_end_marker(smollm2_tokenizer):
    assert stop_token_ids(smollm2_tokenizer) == [smollm2_tokenizer.convert_tokens_to_ids("<|im_end|>")] == [2]


@pytest.mark.parametrize(
    "prefix, bad",
    [
        ("", "make_coffee | table=incident"),  # unknown trigger
        ("record_create | table=incident\n1 ", "make_coffee | size=large"),  # unknown action
        ("record_create | table=incident\n1 send_email | ", "table=incident"),  # not an input of send_email
        ("record_create | ", "time=09:00:00"),  # not an input of record_create
        ("record_create | table=", "not_a_table"),  # table inputs name catalog tables only
        ("weekly | day_of_week=", "someday"),  # choices only
        ("record_create | table=incident\n1 log | message=x\n", "  2 log | message=y"),  # child of a leaf
        ("record_create | table=incident\n", "0 log | message=x"),  # orders start at 1
        ("record_create | table=incident\n1 log | message=", " x"),  # values do not start with a space
    ],
)
def test_text_outside_the_catalog_is_refused(smollm2_tokenizer, prefix, bad):
    matcher = _matcher(smollm2_tokenizer)
    assert _feed(matcher, smollm2_tokenizer, prefix)
    assert not _feed(matcher, smollm2_tokenizer, bad)


def test_choice_inputs_also_take_one_pill(smollm2_tokenizer):
    matcher = _matcher(smollm2_tokenizer)
    text = "record_create | table=incident\n1 create_incident | priority={{trigger.current.priority}}"
    assert _feed(matcher, smollm2_tokenizer, text) and _ends(matcher, smollm2_tokenizer)


@pytest.mark.parametrize(
    "condition",
    [
        "sys_updated_onRELATIVELT@dayofweek@ago@30^ORdue_dateRELATIVELT@dayofweek@ahead@2",
        "opened_atBETWEENjavascript:gs.dateGenerate('2024-01-01','00:00:00')"
        "@javascript:gs.dateGenerate('2024-01-31','23:59:59')",
        "sys_created_onONLast 7 days@javascript:gs.daysAgoStart(7)@javascript:gs.daysAgoEnd(0)",
    ],
)
def test_date_conditions_with_at_signs_quotes_parentheses_and_blanks_are_accepted(smollm2_tokenizer, condition):
    matcher = _matcher(smollm2_tokenizer)
    text = f"record_update | table=incident | condition={condition}\n1 log | message=stale"
    assert _feed(matcher, smollm2_tokenizer, text) and _ends(matcher, smollm2_tokenizer)


def _split(flow: dict, n: int) -> tuple[dict, str]:
    """The partial flow of the first n components and the text lines that complete it."""
    prefix = {**flow, "components": flow["components"][:n]}
    return prefix, to_text(flow)[len(to_text(prefix)) + 1 :]


@pytest.mark.parametrize("n", [0, 1, 2, 8, 9, 13])
def test_continuation_after_a_prefix_is_accepted_and_parses(smollm2_tokenizer, n):
    prefix, rest = _split(RICH, n)
    matcher = _matcher(smollm2_tokenizer, continuation_depth(prefix))
    assert _feed(matcher, smollm2_tokenizer, rest) and _ends(matcher, smollm2_tokenizer)
    parsed = from_text(to_text(prefix) + "\n" + rest, name=RICH["name"], description=RICH["description"])
    assert parsed == RICH


def test_continuation_may_be_empty_and_has_no_trigger(smollm2_tokenizer):
    assert _ends(_matcher(smollm2_tokenizer, 0), smollm2_tokenizer)
    assert not _feed(_matcher(smollm2_tokenizer, 0), smollm2_tokenizer, "record_create | table=incident")


def test_continuation_is_no_deeper_than_the_prefix_allows(smollm2_tokenizer):
    prefix, _ = _split(RICH, 8)  # ends with an IF inside a FOREACH: next line at depth <= 2
    assert continuation_depth(prefix) == 2
    matcher = _matcher(smollm2_tokenizer, 2)
    assert not _feed(matcher, smollm2_tokenizer, "      9 log | message=too deep")


@pytest.mark.parametrize("n, depth", [(0, 0), (1, 0), (2, 1), (3, 1), (7, 1), (8, 2), (9, 2), (13, 1), (14, 0)])
def test_continuation_depth(n, depth):
    assert continuation_depth({**RICH, "components": RICH["components"][:n]}) == depth


def test_nesting_stops_at_max_depth(smollm2_tokenizer):
    lines = ["record_create | table=incident"] + [f"{'  ' * d}{d + 1} IF | condition=a=b" for d in range(MAX_DEPTH)]
    matcher = _matcher(smollm2_tokenizer)
    assert _feed(matcher, smollm2_tokenizer, "\n".join(lines))
    assert not _feed(matcher, smollm2_tokenizer, f"\n{'  ' * MAX_DEPTH}99 log | message=x")


def test_grammars_are_compiled_once_per_tokenizer(smollm2_tokenizer):
    assert compiled_grammar(smollm2_tokenizer) is compiled_grammar(smollm2_tokenizer)
    assert compiled_grammar(smollm2_tokenizer, depth=1) is not compiled_grammar(smollm2_tokenizer)


def test_the_placeholder_action_is_not_in_the_grammar():
    from models.grammar import continuation_grammar, flow_grammar
    from schemas.catalog import PLACEHOLDER, default_catalog

    assert PLACEHOLDER in default_catalog().actions
    assert f'"{PLACEHOLDER}"' not in flow_grammar() and f'"{PLACEHOLDER}"' not in continuation_grammar(2)
