"""Build the copilot the service runs from the admin config: drafter, repair model, memory."""

from agent.memory import sqlite_checkpointer
from agent.service import Copilot
from models.drafter import Drafter
from models.llm import chat_model
from models.loading import SHIPPED_ADAPTER
from models.openai_drafter import OpenAIDrafter
from models.slm import SLMDrafter
from plugin.admin_config import AdminConfig, SLMConfig
from plugin.admin_policy import adapter_dir, enforce
from plugin.security import safety_check
from plugin.settings import Settings


def build_drafter(slm: SLMConfig, timeout_s: float, settings: Settings) -> Drafter:
    """The local SLM (shipped adapter unless another is configured, taken under the models
    directory) or an OpenAI-compatible endpoint."""
    if slm.base_url:
        return OpenAIDrafter(base_url=slm.base_url, model=slm.model, timeout=timeout_s)
    if slm.adapter_path is None:
        return SLMDrafter(adapter_dir=SHIPPED_ADAPTER)
    return SLMDrafter(adapter_dir=adapter_dir(slm.adapter_path, settings))


def load_copilot(config: AdminConfig, settings: Settings) -> Copilot:
    """The copilot for this admin config; memory under `settings.data_dir`, REST hosts from the settings."""
    enforce(config, settings)  # a stored config may predate the operator's policy
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    llm = config.llm
    chat = (
        chat_model(llm.spec, base_url=llm.base_url, api_key_env=llm.api_key_env, timeout=config.timeouts.llm_s)
        if llm
        else None
    )
    return Copilot(
        build_drafter(config.slm, config.timeouts.slm_s, settings),
        chat_model=chat,
        checkpointer=sqlite_checkpointer(settings.data_dir / "memory.sqlite"),
        fallback_policy=config.fallback_policy,
        max_repair_rounds=config.max_repair_rounds,
        llm_timeout_s=config.timeouts.llm_s,
        checks=(safety_check(settings.rest_allowed_hosts, settings.rest_allow_pill_hosts),),
    )
