"""The prompted-LLM drafter: retrieved few-shot examples + relevant catalog entries → compact flow text.

It speaks the Drafter protocol (`draft`/`drafts`), so the agent can use it like the SLM.
"""

from models.drafter import DraftError, DraftRequest, draft_or_error
from models.slm import parse_draft
from schemas.catalog import Catalog, default_catalog
from study.backends import Backend, Generation
from study.catalog_context import CatalogIndex, render_entries
from study.extract import extract_flow_text
from study.fewshot import Prompt, build_prompt
from study.retrieval import ExamplePool, query_text


class PromptedDrafter:
    def __init__(
        self, backend: Backend, pool: ExamplePool, k: int = 4, n_search: int = 8, catalog: Catalog | None = None
    ) -> None:
        self.backend = backend
        self.pool = pool
        self.k = k
        self.n_search = n_search
        self.catalog = catalog or default_catalog()
        self.catalog_index = CatalogIndex(self.catalog)

    def prompt(self, req: DraftRequest, exclude_id: str | None = None) -> Prompt:
        """The few-shot prompt; `exclude_id` keeps a row from being its own example."""
        text = query_text({"request": req.request, "flow": req.flow})
        examples = self.pool.examples(req.task, text, self.k, exclude_id)
        entries = self.catalog_index.relevant(text, examples, self.n_search)
        return build_prompt(req.task, req.request, req.flow, examples, render_entries(entries))

    def generate(self, req: DraftRequest, exclude_id: str | None = None) -> Generation:
        return self.backend.complete(self.prompt(req, exclude_id))

    def generate_many(self, reqs: list[DraftRequest], exclude_ids: list[str | None]) -> list[Generation]:
        """One generation per request; a local backend decodes them as one batch."""
        return self.backend.complete_many([self.prompt(r, x) for r, x in zip(reqs, exclude_ids)])

    def flow_text(self, answer: str) -> str:
        """The compact flow text inside an answer."""
        return extract_flow_text(answer, self.catalog)

    def parse(self, req: DraftRequest, answer: str) -> dict | DraftError:
        return parse_draft(req, self.flow_text(answer), self.catalog)

    def draft_text(self, req: DraftRequest) -> str:
        return self.flow_text(self.generate(req).text)

    def draft(self, req: DraftRequest) -> dict:
        try:
            answer = self.generate(req).text
        except ValueError as exc:
            raise DraftError(f"bad {req.task} request: {exc}") from exc
        except Exception as exc:  # a third-party model or client failed
            raise DraftError(f"prompted model failed: {type(exc).__name__}: {exc}") from exc
        result = self.parse(req, answer)
        if isinstance(result, DraftError):
            raise result
        return result

    def drafts(self, reqs: list[DraftRequest]) -> list[dict | DraftError]:
        return [draft_or_error(self.draft, req) for req in reqs]
