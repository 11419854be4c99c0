"""Greedy decoding's one result type, and the transformers decoding loop every local HF model uses.

The llama.cpp loop is `models.llama_engine`; both return `Generation`. Transformers is imported
only inside `hf_generate`, so the llama.cpp path never loads torch.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Generation:
    """One decoded output: the model's own text, how many tokens it took, whether it stopped by itself."""

    text: str
    n_tokens: int
    finished: bool
    prompt_tokens: int | None = None
    timed_out: bool = False


class EngineBusy(RuntimeError):
    """The local model's queue is full: try again shortly."""


def stop_ids(tokenizer, pieces: tuple[str, ...]) -> list[int]:
    """The ids of `pieces` that the tokenizer knows as single tokens, then its EOS."""
    ids = [tokenizer.convert_tokens_to_ids(p) for p in pieces] + [tokenizer.eos_token_id]
    return list(dict.fromkeys(i for i in ids if i is not None and i != tokenizer.unk_token_id))


def hf_generate(
    model,
    tokenizer,
    prompts: list[str],
    max_new_tokens: int,
    stops: list[int],
    logits_processor=None,
    stop_strings: list[str] | None = None,
) -> list[Generation]:
    """Greedy decoding of `prompts` as one left-padded batch; each row's text ends at its first stop.
    Generation stops at the current deadline (models.deadline), if there is one."""
    import torch
    from transformers import LogitsProcessorList

    from models.deadline import remaining

    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else stops[0]
    batch = tokenizer(prompts, return_tensors="pt", padding=True, padding_side="left", add_special_tokens=False)
    extra: dict = {"tokenizer": tokenizer, "stop_strings": stop_strings} if stop_strings else {}
    if (left := remaining()) is not None:
        extra["max_time"] = left  # transformers' MaxTimeCriteria: checked after every token
    with torch.inference_mode():
        out = model.generate(
            **batch,
            max_new_tokens=max_new_tokens,
            do_sample=False,
            eos_token_id=stops,
            pad_token_id=pad_id,
            logits_processor=LogitsProcessorList(logits_processor or []),
            **extra,
        )
    sizes = batch.attention_mask.sum(dim=1).tolist()
    ends = {*stops, pad_id}  # a batch row is padded after it stopped
    results = []
    for row, size in zip(out[:, batch.input_ids.shape[1] :].tolist(), sizes):
        end = next((i for i, t in enumerate(row) if t in ends), None)
        kept = row if end is None else row[:end]
        results.append(Generation(tokenizer.decode(kept, skip_special_tokens=True), len(kept), end is not None, size))
    return results
