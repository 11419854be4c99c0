"""Admin config: read, write (a new version), history and rollback; bearer-token protected."""

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Path, status
from fastapi.exceptions import RequestValidationError

from plugin.admin_config import AdminConfig
from plugin.admin_policy import policy_problems
from plugin.admin_store import ConfigVersion, UnknownVersion
from plugin.api import AdminHealth, AdminHistoryResponse
from plugin.deps import ActorDep, RunnerDep, SettingsDep, StoreDep, rate_limit, require_admin
from plugin.settings import Settings

Version = Annotated[int, Path(ge=1, le=2**63 - 1, description="A version from the history (SQLite INTEGER).")]

router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Depends(rate_limit), Depends(require_admin)])


def _allowed(config: AdminConfig, settings: Settings, where: tuple = ("body",)) -> None:
    """A validation error (422, through the one handler) when the config names what the operator forbids."""
    if problems := policy_problems(config, settings):
        raise RequestValidationError(
            [{"loc": (*where, *w.split(".")), "msg": why, "type": "policy"} for w, why in problems]
        )


@router.get("/health", response_model=AdminHealth)
def health(store: StoreDep, runner: RunnerDep) -> AdminHealth:
    """Liveness with the reason the copilot could not be built, if it could not."""
    ready = runner.ready
    return AdminHealth(
        status="ok" if ready else "degraded",
        config_version=store.current_version(),
        copilot_ready=ready,
        detail=runner.error,
    )


@router.get("/config", response_model=ConfigVersion)
def read_config(store: StoreDep) -> ConfigVersion:
    """The current config and its version."""
    return store.current()


@router.put("/config", response_model=ConfigVersion)
def write_config(
    config: AdminConfig,
    store: StoreDep,
    runner: RunnerDep,
    settings: SettingsDep,
    actor: ActorDep,
    tasks: BackgroundTasks,
) -> ConfigVersion:
    """Store a new version; the copilot is rebuilt from it without a restart."""
    _allowed(config, settings)
    written = store.put(config, actor)
    tasks.add_task(runner.refresh)
    return written


@router.get("/config/history", response_model=AdminHistoryResponse)
def history(store: StoreDep) -> AdminHistoryResponse:
    """Every config version, newest first."""
    return AdminHistoryResponse(versions=store.history())


@router.post("/config/rollback/{version}", response_model=ConfigVersion)
def rollback(
    version: Version,
    store: StoreDep,
    runner: RunnerDep,
    settings: SettingsDep,
    actor: ActorDep,
    tasks: BackgroundTasks,
) -> ConfigVersion:
    """Make an earlier version current again (recorded as a new version)."""
    try:
        _allowed(store.get(version).config, settings, ("path", "version"))
        written = store.rollback(version, actor)
    except UnknownVersion as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
    tasks.add_task(runner.refresh)
    return written
