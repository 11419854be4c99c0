"""The training mix: a sample of the synthetic train split, the hand-written human train split
(repeated, so its few hundred rows weigh against thousands of synthetic ones), and repair rows
made from both (half from human targets)."""

from dataclasses import dataclass
from random import Random

from schemas.datagen import human_corpus
from schemas.datagen.repairs import Settle, repair_rows


@dataclass(frozen=True)
class Mix:
    synthetic: int = 0  # synthetic train rows kept (a seeded sample); 0 = all
    human_copies: int = 0  # times each human train row appears
    repairs: int = 0  # repair rows (task "repair")
    seed: int = 0
    settle: Settle | None = None  # what the SLM is shown of a broken flow (the agent's fixes); see repair_rows


def training_mix(synthetic_rows: list[dict], mix: Mix) -> list[dict]:
    """The shuffled train rows of `mix`; never a row of the human test split."""
    rng = Random(mix.seed)
    keep = mix.synthetic if 0 < mix.synthetic < len(synthetic_rows) else len(synthetic_rows)
    synthetic = rng.sample(synthetic_rows, keep)
    human = human_corpus.load("train") if mix.human_copies or mix.repairs else []
    from_human = min(mix.repairs // 2, len(human)) if human else 0
    repairs = repair_rows(human, from_human, mix.seed, "repair-human", mix.settle)
    repairs += repair_rows(synthetic_rows, mix.repairs - len(repairs), mix.seed, "repair-synthetic", mix.settle)
    rows = human_corpus.guard_training_rows(synthetic + human * mix.human_copies + repairs)
    rng.shuffle(rows)
    return rows
