"""The validator-driven repair loop: take the first problem (structure, then names, then pills,
then values, then missing inputs), try its candidate repairs nearest first, keep the first that
leaves fewer problems, and go again until the flow is valid or nothing helps."""

import re
from collections.abc import Iterator

from agent.fixes.defaults import default_values
from agent.fixes.flowdict import Where, inputs, owner, owner_definition, owner_label
from agent.fixes.inputs import DROP_KINDS, node_at, value_candidates
from agent.fixes.names import fix_owner_input_names, fix_scopes
from agent.fixes.renumber import renumber
from agent.fixes.structure import dropping, structure_candidates
from agent.fixes.trial import Candidate, Trial
from schemas.catalog import Catalog
from schemas.problems import Problem
from schemas.validation import ValidationContext, flow_view

_INPUT = re.compile(r"^/(trigger|components/(\d+))/inputs(?:/(\d+)/(name|value))?$")
_COMPONENT = re.compile(r"^/components/(\d+)(/block|/definition|/order|/scope)?$")
_PILL_CODES = frozenset(
    {
        "bad_pill",
        "pill_unknown_step",
        "pill_future_step",
        "pill_out_of_scope",
        "pill_unknown_output",
        "pill_unknown_flow_var",
    }
)
_RANK = {"block": 0, "component": 1, "names": 2, "pills": 3, "value": 4, "missing": 5}
MAX_STEPS = 500
SETTLE_DEPTH = 2

Target = tuple  # (kind, where[, index])


def _target(problem: Problem) -> Target | None:
    if (match := _INPUT.match(problem.path)) is not None:
        where: Where = "trigger" if match.group(1) == "trigger" else int(match.group(2))
        if match.group(3) is None:
            return ("missing", where)
        return ("names", where) if match.group(4) == "name" else ("value", where, int(match.group(3)))
    if problem.code != "schema" and (match := _COMPONENT.match(problem.path)) is not None:
        return ("block" if problem.code == "bad_block" else "component", int(match.group(1)))
    return None


def targets(problems: list[Problem]) -> list[tuple[Target, set[str]]]:
    """Fixable targets with their problem codes, in the order they are worked on."""
    found: dict[Target, set[str]] = {}
    for problem in problems:
        if (target := _target(problem)) is not None:
            found.setdefault(target, set()).add(problem.code)

    def rank(pair: tuple[Target, set[str]]) -> int:
        kind, codes = pair[0][0], pair[1]
        return _RANK["pills"] if kind == "value" and codes & _PILL_CODES else _RANK[kind]

    return sorted(found.items(), key=rank)


def _missing(flow: dict, catalog: Catalog, where: Where) -> Iterator[Candidate]:
    definition = owner_definition(flow, where, catalog)
    ctx = ValidationContext(catalog, flow_view(flow))
    here = node_at(ctx, where)
    if definition is None or here is None:
        return
    present = {i["name"] for i in inputs(owner(flow, where))}
    label = owner_label(flow, where)
    for name, spec in definition.inputs.items():
        if not spec.required or name in present:
            continue
        for value in default_values(flow, ctx, here, where, name, spec):
            yield f"{label}: added required input '{name}' = {value!r}", _adding(where, name, value)
        if where != "trigger" and spec.type.kind in DROP_KINDS:
            yield dropping(flow, where, catalog, f"nothing can fill its required {name}")


def _adding(where: Where, name: str, value: str):
    return lambda flow: owner(flow, where).setdefault("inputs", []).append({"name": name, "value": value})


def _keeping(where: Where, name: str, keep: int):
    def edit(flow: dict) -> None:
        items = owner(flow, where)["inputs"]
        owner(flow, where)["inputs"] = [i for k, i in enumerate(items) if k == keep or i.get("name") != name]

    return edit


def _renaming(where: Where, catalog: Catalog):
    def edit(flow: dict) -> None:
        spec = owner_definition(flow, where, catalog)
        if spec is not None:
            fix_owner_input_names(owner(flow, where), spec, owner_label(flow, where))

    return edit


def _names(flow: dict, catalog: Catalog, where: Where) -> list[Candidate]:
    """An input given more than once: keep one of them (the trial keeps the best, the first on ties).
    Unknown inputs (the definition changed under them): renamed or dropped."""
    names = [i.get("name") for i in owner(flow, where).get("inputs", [])]
    twice = next((n for n in names if names.count(n) > 1), None)
    label = owner_label(flow, where)
    if twice is None:
        return [(f"{label}: input names fixed", _renaming(where, catalog))]
    keeps = [k for k, n in enumerate(names) if n == twice]
    return [
        (f"{label}: kept input '{twice}' #{pos + 1} of {len(keeps)}", _keeping(where, twice, k))
        for pos, k in enumerate(keeps)
    ]


def _whole(fix, catalog: Catalog, note: str) -> Candidate:
    """A whole-flow pass as a candidate."""

    def edit(flow: dict) -> None:
        fix(flow, catalog)

    return note, edit


def _attempt(trial: Trial, target: Target, codes: set[str]) -> str | None:
    flow, catalog = trial.flow, trial.catalog
    kind, where = target[0], target[1]
    if kind == "value":
        return trial.first(value_candidates(flow, catalog, where, target[2], codes))
    if kind == "missing":
        return trial.first(_missing(flow, catalog, where))
    if kind == "names":
        return trial.best(_names(flow, catalog, where))
    if codes & {"duplicate_order", "order_gap", "order_not_sorted"}:
        return trial.first([_whole(renumber, catalog, "renumbered components")])
    if "wrong_scope" in codes:
        return trial.first([_whole(fix_scopes, catalog, "scopes from the catalog")])
    if codes & {"unknown_action", "unknown_flowlogic"}:
        return None  # no catalog name is close: which step was meant is for the repair model (or a person)
    ctx = ValidationContext(catalog, flow_view(flow))
    here = node_at(ctx, where)
    return trial.first(structure_candidates(flow, ctx, here, where)) if here is not None else None


def fix_problems(flow: dict, catalog: Catalog, depth: int = SETTLE_DEPTH) -> list[str]:
    """Fix `flow` in place, one problem at a time; the notes of what changed. A dropped step is
    judged after a nested repair of what pointed at it (nested `depth` deep: a dropped lookup may
    take its loop with it)."""
    trial = Trial(flow, catalog, (lambda f: fix_problems(f, catalog, depth - 1)) if depth else None)
    notes: list[str] = []
    tried: set[Target] = set()
    for _ in range(MAX_STEPS):
        todo = [(t, codes) for t, codes in targets(trial.problems) if t not in tried]
        if not todo:
            break
        target, codes = todo[0]
        note = _attempt(trial, target, codes)
        if note is None:
            tried.add(target)
        else:
            notes.append(note)
            tried.clear()
    return notes
