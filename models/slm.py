"""The local drafter: the fine-tuned SLM with grammar-constrained greedy decoding.

Two engines decode the same prompts under the same grammar: llama.cpp (default; the adapter
merged into one GGUF, no torch on this path) and transformers (merged LoRA, fp32, xgrammar).
"""

from pathlib import Path
from typing import Literal

from models.deadline import deadline_in
from models.decoding import Generation, hf_generate
from models.draft_text import complete_lines, parse_draft
from models.drafter import DraftError, DraftRequest, GGUFKind
from models.grammar import continuation_depth, continuation_grammar, flow_grammar
from models.loading import SHIPPED_ADAPTER, adapter_metadata, llama_gguf, load_llama, load_slm
from models.prompts import END, full_text, prompt_for
from schemas.catalog import Catalog, default_catalog

LocalEngine = Literal["llamacpp", "transformers"]


class SLMDrafter:
    """Drafter protocol over a local model; the model loads on first use.

    With neither `adapter_dir` nor `base_model`, the shipped adapter (if installed) on its base;
    `base_model` alone (e.g. "smollm2") is that base without an adapter. `timeout_s` bounds each
    call, as does any enclosing deadline (models.deadline): decoding stops there and what was
    written by then is kept, whole lines only.
    """

    def __init__(
        self,
        adapter_dir: str | Path | None = None,
        base_model: str | None = None,
        constrain: bool = True,
        max_new_tokens: int = 320,
        catalog: Catalog | None = None,
        batch_size: int = 8,
        engine: LocalEngine = "llamacpp",
        gguf_kind: GGUFKind = "f16",
        timeout_s: float | None = None,
    ):
        if adapter_dir is None and base_model is None and SHIPPED_ADAPTER.exists():
            adapter_dir = SHIPPED_ADAPTER
        self.adapter_dir = adapter_dir
        self.base_model = base_model
        self.constrain = constrain
        self.max_new_tokens = max_new_tokens
        self.catalog = catalog or default_catalog()
        self.batch_size = batch_size
        self.engine = engine
        self.gguf_kind = gguf_kind
        self.timeout_s = timeout_s

    @property
    def can_repair(self) -> bool:
        """Whether the adapter was trained on the repair task (a draft and its problems -> the flow)."""
        if self.adapter_dir is None:
            return False
        return "repair" in adapter_metadata(self.adapter_dir).get("hyperparameters", {}).get("tasks", [])

    def _loaded(self):
        if self.engine == "llamacpp":
            return load_llama(llama_gguf(self.adapter_dir, self.base_model, self.gguf_kind))
        return load_slm(self.adapter_dir, self.base_model)

    def load(self) -> None:
        """Load the model now (and, on llama.cpp, parse the grammar and decode one token), so that a
        missing base or adapter fails here and the first request is as fast as the next."""
        loaded = self._loaded()
        if self.engine == "llamacpp":
            loaded.prepare(self._grammar(None) if self.constrain else None)

    def _depth(self, req: DraftRequest) -> int | None:
        """None: the grammar of a whole flow; else a continuation after the pre-filled partial flow."""
        return continuation_depth(req.flow, self.catalog) if req.task == "complete" and req.flow else None

    def _grammar(self, depth: int | None) -> str:
        return flow_grammar(self.catalog) if depth is None else continuation_grammar(depth, self.catalog)

    def generate(self, reqs: list[DraftRequest]) -> list[Generation]:
        """Greedy decoding, several requests decoded together (llama.cpp: batches of its `max_batch`
        sequences; transformers: left-padded batches of `batch_size`); raises on bad requests or model errors."""
        prompts = [prompt_for(r) for r in reqs]
        depths = [self._depth(r) for r in reqs]
        with deadline_in(self.timeout_s):  # the engines stop decoding there
            if self.engine == "llamacpp":
                return self._generate_llama(prompts, depths)
            out: list[Generation] = []
            for start in range(0, len(reqs), self.batch_size):
                chunk = slice(start, start + self.batch_size)
                out += self._generate_hf(prompts[chunk], depths[chunk])
            return out

    def _generate_llama(self, prompts: list[str], depths: list[int | None]) -> list[Generation]:
        engine = self._loaded()
        stops = [i for i in (engine.token_id(END), *engine.eos_ids()) if i is not None]
        grammars = [self._grammar(d) if self.constrain else None for d in depths]
        if len(prompts) == 1:
            return [engine.generate(prompts[0], self.max_new_tokens, stops, grammars[0])]
        return engine.generate_many(prompts, self.max_new_tokens, stops, grammars)  # decoded together

    def _generate_hf(self, prompts: list[str], depths: list[int | None]) -> list[Generation]:
        from models.grammar import constrained_processor, stop_token_ids

        model, tokenizer = self._loaded()
        processors = (
            [constrained_processor(tokenizer, self.catalog, depths, model.config.vocab_size)] if self.constrain else []
        )
        return hf_generate(model, tokenizer, prompts, self.max_new_tokens, stop_token_ids(tokenizer), processors)

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
