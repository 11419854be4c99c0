"""Operations: liveness and metrics."""

from fastapi import APIRouter

from plugin.api import Health, MetricsResponse
from plugin.deps import MetricsDep, RunnerDep, StoreDep

router = APIRouter(tags=["ops"])


@router.get("/healthz", response_model=Health)
def healthz(store: StoreDep, runner: RunnerDep) -> Health:
    """Liveness: `ok` when the copilot is built from the current config, else `degraded` (still 200).
    Why it is degraded is for admins only: `GET /v1/admin/health`."""
    ready = runner.ready
    return Health(status="ok" if ready else "degraded", config_version=store.current_version(), copilot_ready=ready)


@router.get("/metrics", response_model=MetricsResponse)
def metrics(collected: MetricsDep) -> MetricsResponse:
    """Request counts and p50/p95 latency per route; answers per agent path."""
    return collected.snapshot()
