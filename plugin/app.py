"""The FastAPI service. Models load in the lifespan (through the copilot factory), never at import."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from importlib.metadata import version

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from plugin import errors
from plugin.admin_config import AdminConfig
from plugin.auth import TokenVerifier
from plugin.conversations import prune_every
from plugin.database import open_admin_store, open_conversation_store
from plugin.headers import SecurityHeadersMiddleware
from plugin.json_guard import JsonGuardMiddleware
from plugin.limits import BodyLimitMiddleware, RateLimiter
from plugin.metrics import Metrics, MetricsMiddleware
from plugin.routes import admin, auth, catalog, conversations, copilot, editor, ops
from plugin.runner import Copilot, CopilotFactory, CopilotRunner
from plugin.settings import Settings

VERSION = version("flowsmith")


def load_copilot(config: AdminConfig, settings: Settings) -> Copilot:
    """The real copilot (imported here so that importing the app loads no model code)."""
    from plugin.runtime import load_copilot as load

    return load(config, settings)


def create_app(settings: Settings | None = None, copilot_factory: CopilotFactory | None = None) -> FastAPI:
    """The service; without `copilot_factory`, the real copilot built with these settings (data dir, REST hosts).
    Raises `plugin.auth.AuthConfigError` when the JWT key cannot be used."""
    settings = settings or Settings()
    factory = copilot_factory or partial(load_copilot, settings=settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = await anyio.to_thread.run_sync(open_admin_store, settings)
        try:
            app.state.conversations = await anyio.to_thread.run_sync(open_conversation_store, settings)
            runner = CopilotRunner(factory, app.state.store, settings.max_waiting, settings.max_waiting_per_user)
            app.state.runner = runner
            await anyio.to_thread.run_sync(runner.refresh)
            async with anyio.create_task_group() as background:
                background.start_soon(prune_every, app.state.conversations, runner.forget)
                background.start_soon(runner.follow, settings.config_poll_s)  # config written by another replica
                yield
                background.cancel_scope.cancel()
        finally:
            app.state.store.close()

    app = FastAPI(
        title="Flowsmith",
        version=VERSION,
        description="Copilot for low-code workflows: drafts, edits and completes flows as RFC 6902 patches.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.user_limiter = RateLimiter(settings.user_rate_limit_per_minute, per="user")
    app.state.verifier = TokenVerifier(settings)  # a bad key fails here, not on the first request
    _middleware(app, settings)
    errors.install(app)
    for module in (copilot, conversations, catalog, auth, admin, ops, editor):  # each router carries its full prefix
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=editor.STATIC_DIR), name="static")
    return app


def _middleware(app: FastAPI, settings: Settings) -> None:
    """JSON guard innermost, body limit, metrics around them (so 413/422s are counted), security headers,
    CORS outermost."""
    app.add_middleware(JsonGuardMiddleware, max_depth=settings.max_json_depth)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout_s)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(SecurityHeadersMiddleware, frame_ancestors=settings.frame_ancestors)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
