"""The drafter against an OpenAI-compatible completions server (vLLM or llama.cpp serving the merged SLM).

Same prompt text as the local drafter, sent to `/v1/completions`; where the server supports it
the flow grammar rides along as a constraint (vLLM's structured outputs, llama.cpp's GBNF).
"""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

from models.draft_text import complete_lines, parse_draft
from models.drafter import DraftError, DraftRequest, GrammarField, draft_or_error
from models.grammar import continuation_depth, continuation_grammar, flow_grammar
from models.incidents import report
from models.prompts import END, full_text, prompt_for
from schemas.catalog import Catalog, default_catalog


@dataclass(frozen=True)
class Completion:
    text: str  # as the server sent it
    finished: bool  # False when it stopped at max_tokens
    input_tokens: int | None = None
    output_tokens: int | None = None


class OpenAIDrafter:
    """Drafter protocol over HTTP; one completion request per draft (parallel in `drafts`)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str | None = None,
        timeout: float = 30,
        grammar_field: GrammarField = "structured_outputs",
        max_tokens: int = 320,
        catalog: Catalog | None = None,
        workers: int = 4,
    ):
        headers = {}
        if api_key_env is not None:
            key = os.environ.get(api_key_env)
            if not key:
                raise ValueError(f"OpenAIDrafter: environment variable {api_key_env} is not set")
            headers["Authorization"] = f"Bearer {key}"
        self.url = base_url.rstrip("/") + "/completions"
        self.model = model
        self.grammar_field = grammar_field
        self.max_tokens = max_tokens
        self.catalog = catalog or default_catalog()
        self.workers = workers
        self.client = httpx.Client(timeout=timeout, headers=headers)

    def _grammar(self, req: DraftRequest) -> str:
        if req.task == "complete" and req.flow:
            return continuation_grammar(continuation_depth(req.flow, self.catalog), self.catalog)
        return flow_grammar(self.catalog)

    def request_body(self, req: DraftRequest) -> dict:
        """The JSON body of the completion request for `req`."""
        body = {
            "model": self.model,
            "prompt": prompt_for(req),
            "max_tokens": self.max_tokens,
            "temperature": 0,
            "stop": [END],
        }
        if self.grammar_field == "structured_outputs":
            body["structured_outputs"] = {"grammar": self._grammar(req)}
        elif self.grammar_field in ("guided_grammar", "grammar"):
            body[self.grammar_field] = self._grammar(req)
        return body

    def completion(self, req: DraftRequest) -> "Completion":
        """The server's completion for `req`, with its token counts; raises DraftError."""
        try:
            body = self.request_body(req)
        except ValueError as exc:
            raise DraftError(f"bad {req.task} request: {exc}") from exc
        try:
            response = self.client.post(self.url, json=body)
            response.raise_for_status()
            answer = response.json()
            choice = answer["choices"][0]
            text, finished = choice["text"], choice.get("finish_reason") != "length"
            usage = answer.get("usage") or {}
        except httpx.TimeoutException as exc:
            raise DraftError(f"{self.url}: no answer within {self.client.timeout.read}s") from exc
        except httpx.HTTPError as exc:  # its text may quote the upstream: logged, not returned
            raise DraftError(report("the drafting endpoint failed", exc)) from exc
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise DraftError(report("the drafting endpoint's reply is not an OpenAI completions answer", exc)) from exc
        if not isinstance(text, str):
            raise DraftError(f"{self.url}: choices[0].text is {type(text).__name__}, not a string")
        return Completion(text, finished, usage.get("prompt_tokens"), usage.get("completion_tokens"))

    def draft_text(self, req: DraftRequest) -> str:
        """The full compact text for `req` (prefix included for `complete`); raises DraftError."""
        done = self.completion(req)
        return full_text(req, complete_lines(done.text, done.finished))

    def draft(self, req: DraftRequest) -> dict:
        result = parse_draft(req, self.draft_text(req), self.catalog)
        if isinstance(result, DraftError):
            raise result
        return result

    def drafts(self, reqs: list[DraftRequest]) -> list[dict | DraftError]:
        """One flow dict or DraftError per request, in order."""
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(lambda req: draft_or_error(self.draft, req), reqs))
