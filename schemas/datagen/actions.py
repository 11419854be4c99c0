"""Pick a random action (one or two steps) that fits the context."""

from random import Random

from schemas.datagen import integrations, messaging, records
from schemas.datagen.context import Ctx
from schemas.datagen.spec import Step

_SINGLE = messaging.BUILDERS * 3 + integrations.BUILDERS + records.SINGLE * 2


def pick_action(rng: Random, ctx: Ctx, exclude: tuple[str, ...] = (), allow_multi: bool = True) -> list[Step]:
    """One action (or a lookup + action pair) valid for the context; never a tag in `exclude`."""
    for _ in range(50):
        if allow_multi and ctx.person and rng.random() < 0.12:
            steps = rng.choice(records.MULTI)(rng, ctx)
        else:
            step = rng.choice(_SINGLE)(rng, ctx)
            steps = [step] if step else None
        if steps and steps[0].tag not in exclude:
            return steps
    return [messaging.log(rng, ctx)]


def pick_leaf(rng: Random, ctx: Ctx, exclude: tuple[str, ...] = ()) -> Step:
    """A single-step action (for branches and loops)."""
    return pick_action(rng, ctx, exclude, allow_multi=False)[0]
