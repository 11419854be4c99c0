"""Compose a trigger and a few units (actions, flow logic, loops) into a flow spec."""

from random import Random

from schemas.catalog import default_catalog
from schemas.datagen import coverage, dated, logic, lookups
from schemas.datagen.actions import pick_action
from schemas.datagen.context import Ctx
from schemas.datagen.spec import Spec, Step, walk
from schemas.datagen.triggers import Trig, sample_trigger

MAX_COMPONENTS = 8


def _unit(
    rng: Random, ctx: Ctx, index: int, used: tuple[str, ...], with_dates: bool, with_coverage: bool = False
) -> list[Step] | None:
    if with_coverage and (steps := coverage.unit(rng, ctx, index)):
        return steps
    if ctx.rec is None:
        if index == 0 or rng.random() < 0.15:
            return rng.choice(lookups.SCHEDULE_UNITS + (dated.UNITS if with_dates else []))(rng, ctx)
        return pick_action(rng, ctx, exclude=used)
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(logic.UNITS)(rng, ctx)
    if roll < 0.36:
        return lookups.for_each(rng, ctx)
    return pick_action(rng, ctx, exclude=used)


def _size(steps: list[Step]) -> int:
    return len(list(walk(steps)))


def flow_name(trig: Trig, steps: list[Step]) -> str:
    """Short deterministic title: what starts it and what it mainly does."""
    catalog = default_catalog()
    head = catalog.triggers[trig.type].label
    if trig.type.startswith("record"):
        head = f"{trig.ctx.label[0].upper()}{trig.ctx.label[1:]} {head}"
    main = next((s for s in steps if s.category != "flowlogic" and s.definition != "look_up_records"), steps[0])
    return f"{head} - {catalog.definition(main.category, main.definition).label}"


def build_spec(rng: Random, with_dates: bool = False, with_coverage: bool = False) -> Spec:
    """A random flow spec; `with_dates` lets schedules look up records by date (schemas.datagen.dated),
    `with_coverage` adds the most asked-for constructs (schemas.datagen.coverage)."""
    trig = coverage.sample_trigger(rng) if with_coverage else sample_trigger(rng)
    n_units = rng.choices([1, 2, 3, 4], weights=[35, 35, 20, 10])[0]
    steps: list[Step] = []
    for index in range(n_units * 3):
        if index >= n_units and steps:
            break
        used = tuple(s.tag for s, _ in walk(steps))
        unit = _unit(rng, trig.ctx, len(steps), used, with_dates, with_coverage)
        if not unit or _size(steps + unit) > MAX_COMPONENTS:
            continue
        if unit[0].definition == "IF" and unit[0].children[0].definition == "ENDFLOW":
            if steps:
                continue
            n_units += 1
        steps.extend(unit)
    if not steps or steps[-1].children[:1] and steps[-1].children[0].definition == "ENDFLOW":
        steps.append(pick_action(rng, trig.ctx, allow_multi=False)[0])
    return Spec(name=flow_name(trig, steps), trig=trig, steps=steps)
