"""Order and nesting: duplicate_order, order_gap, order_not_sorted, bad_block, bad_nesting."""

from tests.schemas.conftest import make_step, pairs


def _flow(*components: object) -> dict:
    trigger = {"type": "daily", "inputs": [{"name": "time", "value": "08:00:00"}]}
    return {"trigger": trigger, "components": list(components)}


def _log(order: int, block: int | None = None) -> dict:
    return make_step("action", "log", order, block=block, message="hi")


def _if(order: int, block: int | None = None) -> dict:
    return make_step("flowlogic", "IF", order, block=block, condition="{{trigger.run_start_time}}ISNOTEMPTY")


def test_duplicate_order_points_at_the_second_use():
    assert pairs(_flow(_log(1), _log(1), _log(3))) == [("duplicate_order", "/components/1/order")]


def test_order_outside_one_to_n_is_a_gap():
    assert pairs(_flow(_log(1), _log(2), _log(4))) == [("order_gap", "/components/2/order")]
    assert pairs(_flow(_log(0), _log(1))) == [("order_gap", "/components/0/order")]


def test_junk_components_still_count_towards_n():
    assert pairs(_flow(_log(1), 5, _log(3))) == [("schema", "/components/1")]


def test_unsorted_orders():
    assert pairs(_flow(_log(2), _log(1), _log(3))) == [("order_not_sorted", "/components/1/order")]


def test_block_naming_no_component():
    assert pairs(_flow(_if(1), _log(2, block=7))) == [("bad_block", "/components/1/block")]


def test_block_naming_a_non_container():
    assert pairs(_flow(_log(1), _log(2, block=1))) == [("bad_block", "/components/1/block")]


def test_block_naming_a_later_component():
    assert ("bad_block", "/components/0/block") in pairs(_flow(_log(1, block=2), _if(2)))


def test_else_must_follow_if_in_the_same_block():
    flow = _flow(_log(1), make_step("flowlogic", "ELSE", 2), _log(3, block=2))
    assert pairs(flow) == [("bad_nesting", "/components/1")]


def test_else_inside_the_if_it_should_follow_is_misplaced():
    flow = _flow(_if(1), _log(2, block=1), make_step("flowlogic", "ELSE", 3, block=1), _log(4, block=3))
    assert pairs(flow) == [("bad_nesting", "/components/2")]


def test_elseif_chain_is_valid():
    elseif = make_step("flowlogic", "ELSEIF", 3, condition="{{trigger.run_start_time}}ISEMPTY")
    otherwise = make_step("flowlogic", "ELSE", 5)
    flow = _flow(_if(1), _log(2, block=1), elseif, _log(4, block=3), otherwise, _log(6, block=5))
    assert pairs(flow) == []


def test_catch_must_follow_try():
    flow = _flow(_log(1), make_step("flowlogic", "CATCH", 2), _log(3, block=2))
    assert pairs(flow) == [("bad_nesting", "/components/1")]


def test_break_outside_a_loop():
    assert pairs(_flow(_if(1), make_step("flowlogic", "BREAK", 2, block=1))) == [("bad_nesting", "/components/1")]


def test_continue_nested_in_an_if_inside_a_loop_is_valid():
    loop = make_step("flowlogic", "DOUNTIL", 1, condition="{{trigger.run_start_time}}ISNOTEMPTY")
    assert pairs(_flow(loop, _if(2, block=1), make_step("flowlogic", "CONTINUE", 3, block=2))) == []


def test_component_between_a_container_and_its_contents():
    assert pairs(_flow(_if(1), _log(2, block=1), _log(3), _log(4, block=1))) == [("bad_nesting", "/components/2")]


def test_nested_containers_close_in_order():
    flow = _flow(_if(1), _if(2, block=1), _log(3, block=2), _log(4, block=1), _log(5))
    assert pairs(flow) == []
