"""Turn a spec into the request a person would type: clause order, joiners, casing, typos."""

from random import Random

from schemas.datagen import vocab
from schemas.datagen.spec import Spec, Step

# More ways to join steps and open a request (the opt-in coverage data only).
VARIED_JOINERS = [", then ", " and ", ". Then ", "; after that, ", ", and then ", ". Also ", ", next "]
VARIED_OPENERS = [
    "Create a flow: ",
    "I need a flow that runs ",
    "Can you set up a flow - ",
    "Build me a workflow: ",
    "Automate this: ",
    "Workflow please: ",
    "We need a flow: ",
]


def join(rng: Random, parts: list[str], complex_: list[bool] | None = None, variety: bool = False) -> str:
    """Join step phrases; a phrase with its own branches or loop ends its sentence."""
    if len(parts) == 1:
        return parts[0]
    style = rng.random()
    plain = ", then " if style < 0.5 else (" and " if style < 0.8 else ". Then ")
    if variety:
        plain = rng.choice(VARIED_JOINERS)
    text = parts[0]
    for i, part in enumerate(parts[1:]):
        if complex_ and complex_[i]:
            sep = ". Then "
        elif i == len(parts) - 2 and plain == ", then " and style < 0.2:
            sep = " and "
        else:
            sep = plain
        text += sep + part
    return text


def _is_complex(steps: list[Step], i: int) -> bool:
    return bool(steps[i].children) or (i + 1 < len(steps) and bool(steps[i + 1].children) and not steps[i + 1].phrase)


def typo(rng: Random, text: str) -> str | None:
    """Swap or drop a letter in one non-essential word; None if none fits."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if w.lower() in vocab.TYPO_WORDS]
    if not spots:
        return None
    i = rng.choice(spots)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
    return " ".join(words)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def realise(rng: Random, spec: Spec, variety: bool = False) -> tuple[str, bool]:
    """The request text and whether a typo was put in; `variety` draws from more joiners and openers."""
    spoken = [i for i, s in enumerate(spec.steps) if s.phrase]
    flags = [_is_complex(spec.steps, i) for i in spoken]
    body = join(rng, [spec.steps[i].phrase for i in spoken], flags, variety)
    trig = spec.trig.phrase
    roll = rng.random()
    if len(spoken) > 1 and any(flags):
        roll = min(roll, 0.59)
    if roll < 0.6:
        text = f"{_cap(trig)}, {body}"
    elif roll < 0.85:
        text = f"{_cap(body)} {trig}"
    else:
        openers = VARIED_OPENERS if variety else ["Create a flow: ", "New flow - ", "Flow: ", "Please build this: "]
        text = rng.choice(openers) + f"{trig}, {body}"
    text += rng.choice([".", ".", ".", ""])
    if rng.random() < 0.05:
        text = text.lower()
    if rng.random() < 0.06:
        changed = typo(rng, text)
        if changed:
            return changed, True
    return text, False
