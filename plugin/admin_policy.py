"""What the operator lets an admin config name: key variables, adapter directories.

The admin config is data an admin writes at runtime; the settings are the operator's. A config
may read a key only from a variable on `Settings.llm_key_envs` (never the service's own
`FLOWSMITH_*` secrets, which the settings refuse to list), and load an adapter only from under
`Settings.adapters_dir`. Checked on every write and rollback (422) and again when the copilot is
built, so a config stored before a policy change cannot bypass it.
"""

from pathlib import Path

from plugin.admin_config import AdminConfig
from plugin.settings import Settings


def policy_problems(config: AdminConfig, settings: Settings) -> list[tuple[str, str]]:
    """(where, why) for each thing `config` names that the operator does not allow."""
    problems = []
    key_env = config.llm.api_key_env if config.llm else None
    if key_env is not None and (key_env not in settings.llm_key_envs or key_env.upper().startswith("FLOWSMITH_")):
        allowed = ", ".join(settings.llm_key_envs) or "none"
        problems.append(
            (
                "llm.api_key_env",
                (f"this variable is not one the operator lets configs read (FLOWSMITH_LLM_KEY_ENVS: {allowed})"),
            )
        )
    if config.slm.adapter_path is not None and not _inside(config.slm.adapter_path, settings):
        problems.append(
            (
                "slm.adapter_path",
                (
                    f"adapters load only from under {settings.adapters_dir} (FLOWSMITH_MODELS_DIR); "
                    "give a directory name inside it"
                ),
            )
        )
    return problems


def adapter_dir(path: str, settings: Settings) -> Path:
    """Where a configured adapter lives: relative paths are taken under the models directory."""
    return (settings.adapters_dir / path).resolve()


def _inside(path: str, settings: Settings) -> bool:
    """Whether `path` is a directory name under the models directory (resolving follows symlinks:
    a link out of the directory is outside)."""
    if "\x00" in path:
        return False
    root = settings.adapters_dir.resolve()
    resolved = adapter_dir(path, settings)
    return resolved.is_relative_to(root) and resolved != root


class PolicyError(ValueError):
    """A config names something the operator does not allow."""


def enforce(config: AdminConfig, settings: Settings) -> None:
    """Raise PolicyError listing every problem (used when building the copilot)."""
    if problems := policy_problems(config, settings):
        raise PolicyError("; ".join(f"{where}: {why}" for where, why in problems))
