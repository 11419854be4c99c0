"""Admin config: read, write (a new version), history and rollback; bearer-token protected."""

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Path, status

from plugin.admin_config import AdminConfig
from plugin.admin_store import ConfigVersion, UnknownVersion
from plugin.api import AdminHistoryResponse
from plugin.deps import RunnerDep, StoreDep, rate_limit, require_admin

Version = Annotated[int, Path(ge=1, le=2**63 - 1, description="A version from the history (SQLite INTEGER).")]

router = APIRouter(
    prefix="/v1/admin/config", tags=["admin"], dependencies=[Depends(rate_limit), Depends(require_admin)]
)


@router.get("", response_model=ConfigVersion)
def read_config(store: StoreDep) -> ConfigVersion:
    """The current config and its version."""
    return store.current()


@router.put("", response_model=ConfigVersion)
def write_config(config: AdminConfig, store: StoreDep, runner: RunnerDep, tasks: BackgroundTasks) -> ConfigVersion:
    """Store a new version; the copilot is rebuilt from it without a restart."""
    written = store.put(config)
    tasks.add_task(runner.refresh)
    return written


@router.get("/history", response_model=AdminHistoryResponse)
def history(store: StoreDep) -> AdminHistoryResponse:
    """Every config version, newest first."""
    return AdminHistoryResponse(versions=store.history())


@router.post("/rollback/{version}", response_model=ConfigVersion)
def rollback(version: Version, store: StoreDep, runner: RunnerDep, tasks: BackgroundTasks) -> ConfigVersion:
    """Make an earlier version current again (recorded as a new version)."""
    try:
        written = store.rollback(version)
    except UnknownVersion as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
    tasks.add_task(runner.refresh)
    return written
