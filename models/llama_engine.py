"""Greedy decoding on llama.cpp (llama-cpp-python), optionally held to a GBNF grammar.

The grammar is checked lazily: the model's own argmax is tried against the grammar first and
only when the grammar refuses it are all tokens masked. For greedy decoding this picks exactly
the token full masking would pick, at the cost of one check per token instead of a whole-vocab
pass. Each call stops at a stop token, its token budget, or its deadline (checked every token,
so no work runs past it). One generation at a time per engine (llama.cpp's context is not
shareable); `waiting` bounds how many callers may queue for it.

OpenMP's threads spin only briefly before they sleep (`GOMP_SPINCOUNT=3000` unless the
environment sets it; libgomp's default is 300,000): long-spinning threads starve every other
process on a busy machine, this one included (about 1 token/s instead of 27 beside a test
suite), while sleeping at once (`OMP_WAIT_POLICY=PASSIVE`) costs two thirds of the speed on an
idle one (22 tokens/s instead of 70). Measured here, once each, with `benchmarks/engine.py`'s requests.

Weights load into plain CPU buffers, not llama.cpp's "extra" ones (its `--no-repack`): on some Sapphire
Rapids virtual machines, this one included, the AMX matmul they select faults on the first prompt of a
quantised model (ggml-org/llama.cpp#20824, open upstream). The f16 merge the SLM runs never used them;
the Q4 base GGUFs (the prompted baselines, the bare-base tests) crashed the process without this.
"""

import atexit
import ctypes
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.deadline import current_deadline, earliest
from models.decoding import EngineBusy, Generation

os.environ.setdefault("GOMP_SPINCOUNT", "3000")  # read once, when llama.cpp's OpenMP runtime loads


@dataclass(frozen=True)
class EngineOptions:
    n_ctx: int = 2048  # per sequence
    n_threads: int | None = None  # default: the machine's cores
    waiting: int = 8  # callers that may wait for the engine before EngineBusy
    max_batch: int = 8  # sequences `generate_many` decodes together


@contextmanager
def _plain_weight_buffers():
    """`Llama(...)` inside loads its weights with `use_extra_bufts` off (llama-cpp-python has no argument
    for it: its constructor starts from `llama_model_default_params()`, so that is what this wraps)."""
    from llama_cpp import llama_cpp as C

    default = C.llama_model_default_params

    def params():
        out = default()
        out.use_extra_bufts = False
        return out

    C.llama_model_default_params = params
    try:
        yield
    finally:
        C.llama_model_default_params = default


class LlamaEngine:
    """A llama.cpp model loaded from a GGUF file, decoding one prompt at a time under a lock."""

    def __init__(self, model_path: str | Path, options: EngineOptions | None = None):
        from llama_cpp import Llama

        self.options = options or EngineOptions()
        threads = self.options.n_threads or os.cpu_count() or 1
        self.model_path = Path(model_path)
        with _plain_weight_buffers():
            self.llm = Llama(
                model_path=str(model_path),
                n_ctx=self.options.n_ctx,
                n_batch=512,
                n_threads=threads,
                n_threads_batch=threads,
                verbose=False,
            )
        self.n_vocab = self.llm.n_vocab()
        atexit.register(self.close)  # before the interpreter tears down what llama.cpp's finalisers call
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llama.cpp")
        self._slots = threading.BoundedSemaphore(self.options.waiting + 1)
        self._grammars: dict[str, object] = {}
        self._batched = None  # the multi-sequence context, made on first generate_many
        self._batch = None
        from llama_cpp import llama_cpp as C

        self._greedy = C.llama_sampler_init_greedy()  # the argmax, in C

    def close(self) -> None:
        """Free the model and its grammars (idempotent)."""
        from llama_cpp import llama_cpp as C

        for sampler in [*self._grammars.values(), self._greedy]:
            if sampler is not None:
                C.llama_sampler_free(sampler)
        self._grammars.clear()
        self._greedy = None
        if self._batch is not None:
            C.llama_batch_free(self._batch)
            self._batch = None
        if self._batched is not None:
            self._batched.close()
            self._batched = None
        self.llm.close()
        self._worker.shutdown(wait=False)

    # tokens ---------------------------------------------------------------------------------
    def tokenize(self, text: str) -> list[int]:
        """The prompt's tokens, special markers (`<|im_start|>`) read as the special tokens they name."""
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    def token_id(self, piece: str) -> int | None:
        ids = self.tokenize(piece)
        return ids[0] if len(ids) == 1 else None

    def eos_ids(self) -> list[int]:
        return [self.llm.token_eos()]

    def chat_prompt(self, messages: list[dict]) -> str:
        """`messages` ({role, content}) rendered with the GGUF's own chat template, ready for the reply."""
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        template = self.llm.metadata.get("tokenizer.chat_template")
        if not template:
            raise ValueError(f"{self.model_path.name} has no chat template")
        piece = lambda i: self.llm.detokenize([i], special=True).decode("utf-8", errors="replace")  # noqa: E731
        formatter = Jinja2ChatFormatter(template, piece(self.llm.token_eos()), piece(self.llm.token_bos()))
        return formatter(messages=messages).prompt

    def detokenize(self, ids: list[int]) -> str:
        return self.llm.detokenize(ids, special=False).decode("utf-8", errors="replace")

    # grammar --------------------------------------------------------------------------------
    def _grammar(self, text: str):
        """The llama.cpp grammar sampler for `text`, parsed once and reset for each use."""
        from llama_cpp import llama_cpp as C

        if text not in self._grammars:
            sampler = C.llama_sampler_init_grammar(self.llm._model.vocab, text.encode("utf-8"), b"root")
            if not sampler:
                raise ValueError("llama.cpp could not parse the grammar")
            self._grammars[text] = sampler
        sampler = self._grammars[text]
        C.llama_sampler_reset(sampler)
        return sampler

    def _allowed(self, sampler, token: int) -> bool:
        from llama_cpp import llama_cpp as C

        one = (C.llama_token_data * 1)(C.llama_token_data(token, 0.0, 0.0))
        arr = C.llama_token_data_array(data=one, size=1, selected=-1, sorted=False)
        C.llama_sampler_apply(sampler, ctypes.byref(arr))
        return one[0].logit != -np.inf

    def _masked_argmax(self, sampler, logits: np.ndarray) -> int:
        from llama_cpp import llama_cpp as C
        from llama_cpp._internals import LlamaTokenDataArray

        cands = LlamaTokenDataArray(n_vocab=self.n_vocab)
        cands.copy_logits(logits)
        C.llama_sampler_apply(sampler, ctypes.byref(cands.candidates))
        best = int(np.argmax(cands.candidates_data.logit[: cands.candidates.size]))
        return int(cands.candidates_data.id[best])

    def prepare(self, grammar: str | None = None) -> None:
        """Parse `grammar` now and decode one token, so the first request pays for neither."""
        if grammar is not None:
            self._grammar(grammar)
        self.generate("\n", 1, [], None)

    # decoding -------------------------------------------------------------------------------
    def generate(
        self,
        prompt: str,
        max_new_tokens: int,
        stop_ids: list[int],
        grammar: str | None = None,
        deadline: float | None = None,
    ) -> Generation:
        """Greedy continuation of `prompt`, stopped at `deadline` (a time.monotonic() instant) or the
        current one (models.deadline), whichever comes first."""
        deadline = earliest(deadline, current_deadline())  # read here: the engine's thread has no context
        if not self._slots.acquire(blocking=False):
            raise EngineBusy(f"the local model already has {self.options.waiting} requests waiting")
        try:
            ids = self.tokenize(prompt)
            job = self._worker.submit(self._generate, ids, max_new_tokens, set(stop_ids), grammar, deadline)
            return job.result()
        finally:
            self._slots.release()

    def generate_many(
        self,
        prompts: list[str],
        max_new_tokens: int,
        stop_ids: list[int],
        grammars: list[str | None] | None = None,
        deadline: float | None = None,
    ) -> list[Generation]:
        """`generate` for several prompts, decoded together in batches of `max_batch` sequences
        (one llama.cpp batch per step: a token for every sequence still going). The same greedy
        tokens as one at a time, up to floating-point ties."""
        grammars = grammars or [None] * len(prompts)
        deadline = earliest(deadline, current_deadline())
        if not self._slots.acquire(blocking=False):
            raise EngineBusy(f"the local model already has {self.options.waiting} requests waiting")
        try:
            out: list[Generation] = []
            ids = [self.tokenize(p) for p in prompts]
            for chunk in self._chunks([len(t) for t in ids], max_new_tokens):
                args = (ids[chunk], max_new_tokens, set(stop_ids), grammars[chunk], deadline)
                out += self._worker.submit(self._generate_batch, *args).result()
            return out
        finally:
            self._slots.release()

    def _batch_capacity(self) -> int:
        """Tokens the shared KV cache of `_batch_context` holds, all its sequences together."""
        return min(self.options.n_ctx * self.options.max_batch, self.llm._model.n_ctx_train())

    def _chunks(self, lengths: list[int], max_new_tokens: int) -> list[slice]:
        """Consecutive runs of at most `max_batch` prompts (of these token lengths) whose tokens, each with its
        budget, fit the batch context together (long prompts, e.g. few-shot ones, decode in smaller runs)."""
        capacity, chunks, start, used = self._batch_capacity(), [], 0, 0
        for i, length in enumerate(lengths):
            need = min(length + max_new_tokens, self.options.n_ctx)
            if i > start and (i - start == self.options.max_batch or used + need > capacity):
                chunks.append(slice(start, i))
                start, used = i, 0
            used += need
        return [*chunks, slice(start, len(lengths))] if lengths else []

    def _batch_context(self):
        """A second llama.cpp context on the same weights, with room for `max_batch` sequences."""
        if self._batched is None:
            from llama_cpp import llama_cpp as C
            from llama_cpp._internals import LlamaContext

            params = C.llama_context_default_params()
            # one KV cache the sequences share (kv_unified), no longer than the model was trained for
            params.n_ctx = self._batch_capacity()
            params.n_batch = params.n_ubatch = 512
            params.n_seq_max = self.options.max_batch
            params.kv_unified = True
            params.n_threads = params.n_threads_batch = self.llm.n_threads
            self._batched = LlamaContext(model=self.llm._model, params=params, verbose=False)
            self._batch = C.llama_batch_init(512, 0, self.options.max_batch)
        return self._batched

    def _decode(self, ctx, entries: list[tuple[int, int, int, bool]]) -> None:
        """One llama_decode of (token, position, sequence, wants logits) entries."""
        from llama_cpp import llama_cpp as C

        batch = self._batch
        batch.n_tokens = len(entries)
        for i, (token, pos, seq, logits) in enumerate(entries):
            batch.token[i], batch.pos[i], batch.n_seq_id[i], batch.logits[i] = token, pos, 1, logits
            batch.seq_id[i][0] = seq
        if (code := C.llama_decode(ctx.ctx, batch)) != 0:
            last = max(pos for _, pos, _, _ in entries)
            raise RuntimeError(f"llama_decode failed on a batch (code {code}, {len(entries)} tokens, position {last})")

    def _pick(self, ctx, index: int, sampler) -> int:
        """The greedy token at batch row `index`, held to `sampler`'s grammar if there is one."""
        from llama_cpp import llama_cpp as C

        token = C.llama_sampler_sample(self._greedy, ctx.ctx, index)
        if sampler is not None:
            if not self._allowed(sampler, token):
                logits = np.ctypeslib.as_array(C.llama_get_logits_ith(ctx.ctx, index), shape=(self.n_vocab,))
                token = self._masked_argmax(sampler, logits)
            C.llama_sampler_accept(sampler, token)
        return token

    def _generate_batch(self, ids, max_new_tokens, stops, grammars, deadline) -> list[Generation]:
        """Decode the prompts' token `ids` together, one llama.cpp batch per step."""
        from llama_cpp import llama_cpp as C

        if len(ids) == 1:
            return [self._generate(ids[0], max_new_tokens, stops, grammars[0], deadline)]
        ctx = self._batch_context()
        C.llama_memory_clear(ctx.memory, True)
        samplers = [
            None if g is None else C.llama_sampler_init_grammar(self.llm._model.vocab, g.encode("utf-8"), b"root")
            for g in grammars
        ]
        budgets = [max(0, min(max_new_tokens, self.options.n_ctx - len(t))) for t in ids]
        outs: list[list[int]] = [[] for _ in ids]
        finished = [False] * len(ids)
        timed_out = False
        try:
            nexts = []
            for seq, tokens in enumerate(ids):  # prefill one sequence at a time: prompts differ in length
                for start in range(0, len(tokens), 512):
                    part = tokens[start : start + 512]
                    last = start + len(part) == len(tokens)
                    self._decode(ctx, [(t, start + i, seq, last and i == len(part) - 1) for i, t in enumerate(part)])
                nexts.append(self._pick(ctx, len(part) - 1, samplers[seq]))
            active = [seq for seq in range(len(ids)) if budgets[seq] > 0]
            while active:
                if deadline is not None and time.monotonic() >= deadline:
                    timed_out = True
                    break
                going = []
                for seq in active:
                    if nexts[seq] in stops:
                        finished[seq] = True
                    else:
                        outs[seq].append(nexts[seq])
                        if len(outs[seq]) < budgets[seq]:
                            going.append(seq)
                if not going:
                    break
                self._decode(ctx, [(nexts[s], len(ids[s]) + len(outs[s]) - 1, s, True) for s in going])
                for row, seq in enumerate(going):
                    nexts[seq] = self._pick(ctx, row, samplers[seq])
                active = going
        finally:
            for sampler in samplers:
                if sampler is not None:
                    C.llama_sampler_free(sampler)
        return [
            Generation(self.detokenize(o), len(o), f, len(t), timed_out and not f)
            for o, f, t in zip(outs, finished, ids)
        ]

    def _generate(self, ids, max_new_tokens, stops, grammar, deadline) -> Generation:
        from llama_cpp import llama_cpp as C

        if len(ids) + max_new_tokens > self.options.n_ctx:
            max_new_tokens = max(0, self.options.n_ctx - len(ids))
        sampler = self._grammar(grammar) if grammar is not None else None
        self.llm.reset()
        self.llm.eval(ids)
        out: list[int] = []
        finished = timed_out = False
        while len(out) < max_new_tokens:
            if deadline is not None and time.monotonic() >= deadline:
                timed_out = True
                break
            token = C.llama_sampler_sample(self._greedy, self.llm._ctx.ctx, -1)
            if sampler is not None:
                if not self._allowed(sampler, token):
                    logits = C.llama_get_logits_ith(self.llm._ctx.ctx, -1)
                    token = self._masked_argmax(sampler, np.ctypeslib.as_array(logits, shape=(self.n_vocab,)))
                C.llama_sampler_accept(sampler, token)
            if token in stops:
                finished = True
                break
            out.append(token)
            self.llm.eval([token])
        return Generation(self.detokenize(out), len(out), finished, len(ids), timed_out)
