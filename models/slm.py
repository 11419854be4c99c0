"""The local drafter: the fine-tuned SLM (transformers, merged LoRA) with grammar-constrained greedy decoding."""

from dataclasses import dataclass
from pathlib import Path

from models.draft_text import complete_lines, parse_draft
from models.drafter import DraftError, DraftRequest
from models.grammar import constrained_processor, continuation_depth, stop_token_ids
from models.loading import SHIPPED_ADAPTER, load_slm
from models.prompts import full_text, prompt_for
from schemas.catalog import Catalog, default_catalog


@dataclass(frozen=True)
class Generation:
    """One decoded output: the model's own text, how many tokens it took, whether it stopped by itself."""

    text: str
    n_tokens: int
    finished: bool


class SLMDrafter:
    """Drafter protocol over a local transformers model; the model loads on first use.

    With neither `adapter_dir` nor `base_model`, the shipped adapter (if installed) on its base;
    `base_model` alone (e.g. "smollm2") is that base without an adapter.
    """

    def __init__(
        self,
        adapter_dir: str | Path | None = None,
        base_model: str | None = None,
        constrain: bool = True,
        max_new_tokens: int = 320,
        catalog: Catalog | None = None,
        batch_size: int = 8,
    ):
        if adapter_dir is None and base_model is None and SHIPPED_ADAPTER.exists():
            adapter_dir = SHIPPED_ADAPTER
        self.adapter_dir = adapter_dir
        self.base_model = base_model
        self.constrain = constrain
        self.max_new_tokens = max_new_tokens
        self.catalog = catalog or default_catalog()
        self.batch_size = batch_size

    def _loaded(self):
        return load_slm(self.adapter_dir, self.base_model)

    def load(self) -> None:
        """Load the model now, so that a missing base or adapter fails here rather than on the first request."""
        self._loaded()

    def _depth(self, req: DraftRequest) -> int | None:
        """None: the grammar of a whole flow; else a continuation after the pre-filled partial flow."""
        return continuation_depth(req.flow, self.catalog) if req.task == "complete" and req.flow else None

    def generate(self, reqs: list[DraftRequest]) -> list[Generation]:
        """Greedy decoding in batches of `batch_size` (left padded); raises on bad requests or model errors."""
        prompts = [prompt_for(r) for r in reqs]
        out: list[Generation] = []
        for start in range(0, len(reqs), self.batch_size):
            chunk = slice(start, start + self.batch_size)
            out += self._generate_batch(prompts[chunk], [self._depth(r) for r in reqs[chunk]])
        return out

    def _generate_batch(self, prompts: list[str], depths: list[int | None]) -> list[Generation]:
        import torch
        from transformers import LogitsProcessorList

        model, tokenizer = self._loaded()
        stops = stop_token_ids(tokenizer)
        pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else stops[0]
        batch = tokenizer(prompts, return_tensors="pt", padding=True, padding_side="left", add_special_tokens=False)
        processors = LogitsProcessorList()
        if self.constrain:
            processors.append(constrained_processor(tokenizer, self.catalog, depths, model.config.vocab_size))
        with torch.inference_mode():
            out = model.generate(
                **batch,
                max_new_tokens=self.max_new_tokens,
                do_sample=False,
                eos_token_id=stops,
                pad_token_id=pad_id,
                logits_processor=processors,
            )
        return [self._decoded(tokenizer, row.tolist(), stops) for row in out[:, batch.input_ids.shape[1] :]]

    @staticmethod
    def _decoded(tokenizer, ids: list[int], stops: list[int]) -> Generation:
        end = next((i for i, t in enumerate(ids) if t in stops), None)
        kept = ids if end is None else ids[:end]
        return Generation(tokenizer.decode(kept, skip_special_tokens=True), len(kept), end is not None)

    def draft_texts(self, reqs: list[DraftRequest]) -> list[str]:
        """The full compact text per request (the pre-filled prefix included for `complete`)."""
        return [full_text(r, complete_lines(g.text, g.finished)) for r, g in zip(reqs, self.generate(reqs))]

    def draft_text(self, req: DraftRequest) -> str:
        return self.draft_texts([req])[0]

    def draft(self, req: DraftRequest) -> dict:
        result = self.drafts([req])[0]
        if isinstance(result, DraftError):
            raise result
        return result

    def drafts(self, reqs: list[DraftRequest]) -> list[dict | DraftError]:
        """One flow dict or DraftError per request, in order."""
        results: list[dict | DraftError | None] = [None] * len(reqs)
        for i, req in enumerate(reqs):
            try:
                prompt_for(req)
            except ValueError as exc:
                results[i] = DraftError(f"bad {req.task} request: {exc}")
        todo = [i for i, r in enumerate(results) if r is None]
        try:
            texts = self.draft_texts([reqs[i] for i in todo])
        except Exception as exc:  # loading/decoding failed for the whole call
            texts = [DraftError(f"local SLM failed: {type(exc).__name__}: {exc}")] * len(todo)
        for i, text in zip(todo, texts):
            results[i] = text if isinstance(text, DraftError) else parse_draft(reqs[i], text, self.catalog)
        return results
