"""Build the copilot the service runs from the admin config: drafter, repair model, memory."""

from agent import task_model
from agent.service import Copilot
from models.drafter import Drafter, build_drafter
from models.llm import chat_model
from models.loading import SHIPPED_ADAPTER
from models.slm import SLMDrafter
from plugin.admin_config import AdminConfig, SLMConfig
from plugin.admin_policy import adapter_dir, enforce
from plugin.database import checkpointer
from plugin.security import safety_check
from plugin.settings import Settings


def configured_drafter(slm: SLMConfig, timeout_s: float, settings: Settings) -> Drafter:
    """The admin's drafter: the local SLM (shipped adapter unless another is configured, taken under
    the models directory), loaded now, or an OpenAI-compatible endpoint."""
    adapter = SHIPPED_ADAPTER if slm.adapter_path is None else adapter_dir(slm.adapter_path, settings)
    drafter = build_drafter(
        slm.resolved_engine,
        adapter_dir=None if slm.base_url else adapter,
        base_url=slm.base_url,
        model=slm.model,
        timeout_s=timeout_s,
        grammar_field=slm.grammar_field,
        gguf_kind=slm.gguf_kind,
    )
    if isinstance(drafter, SLMDrafter):
        drafter.load()  # in the lifespan, not on the first request
    return drafter


def load_copilot(config: AdminConfig, settings: Settings) -> Copilot:
    """The copilot for this admin config; memory where the settings keep it (`plugin.database`), REST hosts
    from the settings."""
    enforce(config, settings)  # a stored config may predate the operator's policy
    llm = config.llm
    chat = (
        chat_model(llm.spec, base_url=llm.base_url, api_key_env=llm.api_key_env, timeout=config.timeouts.llm_s)
        if llm
        else None
    )
    task_model.load()  # in the lifespan, like the drafter: the first turn waits for neither
    return Copilot(
        configured_drafter(config.slm, config.timeouts.slm_s, settings),
        chat_model=chat,
        checkpointer=checkpointer(settings),
        fallback_policy=config.fallback_policy,
        max_repair_rounds=config.max_repair_rounds,
        placeholders_for_unresolved=config.placeholders_for_unresolved,
        llm_timeout_s=config.timeouts.llm_s,
        turn_budget_s=config.timeouts.turn_s,
        checks=(safety_check(settings.rest_allowed_hosts, settings.rest_allow_pill_hosts),),
    )
