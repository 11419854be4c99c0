"""Greedy decoding on llama.cpp (llama-cpp-python), optionally held to a GBNF grammar.

The grammar is checked lazily: the model's own argmax is tried against the grammar first and
only when the grammar refuses it are all tokens masked. For greedy decoding this picks exactly
the token full masking would pick, at the cost of one check per token instead of a whole-vocab
pass. Each call stops at a stop token, its token budget, or its deadline (checked every token,
so no work runs past it). One generation at a time per engine (llama.cpp's context is not
shareable); `waiting` bounds how many callers may queue for it.
"""

import atexit
import ctypes
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.decoding import EngineBusy, Generation


@dataclass(frozen=True)
class EngineOptions:
    n_ctx: int = 2048
    n_threads: int | None = None  # default: the machine's cores
    waiting: int = 8  # callers that may wait for the engine before EngineBusy


class LlamaEngine:
    """A llama.cpp model loaded from a GGUF file, decoding one prompt at a time under a lock."""

    def __init__(self, model_path: str | Path, options: EngineOptions | None = None):
        from llama_cpp import Llama

        self.options = options or EngineOptions()
        threads = self.options.n_threads or os.cpu_count() or 1
        self.model_path = Path(model_path)
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
        """Greedy continuation of `prompt`; `deadline` is a time.monotonic() instant."""
        if not self._slots.acquire(blocking=False):
            raise EngineBusy(f"the local model already has {self.options.waiting} requests waiting")
        try:
            return self._worker.submit(
                self._generate, prompt, max_new_tokens, set(stop_ids), grammar, deadline
            ).result()
        finally:
            self._slots.release()

    def _generate(self, prompt, max_new_tokens, stops, grammar, deadline) -> Generation:
        from llama_cpp import llama_cpp as C

        ids = self.tokenize(prompt)
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
