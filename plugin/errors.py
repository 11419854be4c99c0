"""Exception handlers: every failure becomes a status code and a message saying where and why."""

import sqlite3

import psycopg
from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from plugin.runner import CopilotBusy, CopilotFailed, CopilotUnavailable, UserBusy


def _where(loc: tuple | list) -> str:
    return ".".join(str(part) for part in loc) or "request"


def unprocessable(errors: list[dict]) -> JSONResponse:
    """The one 422 body: `detail` (loc, msg, type each, as FastAPI documents it) and a `message`.
    Where (loc) and why (msg) only: the offending input is not echoed back (it may be a secret)."""
    errors = [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in errors]
    message = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in errors)
    body = {"detail": jsonable_encoder(errors), "message": message}
    return JSONResponse(body, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    return unprocessable(exc.errors())


async def _timeout(request: Request, exc: TimeoutError) -> JSONResponse:
    detail = f"the copilot did not answer in time: {exc}" if str(exc) else "the copilot did not answer in time"
    return JSONResponse({"detail": detail}, status_code=status.HTTP_504_GATEWAY_TIMEOUT)


async def _unavailable(request: Request, exc: CopilotUnavailable) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE)


async def _busy(request: Request, exc: CopilotBusy) -> JSONResponse:
    return JSONResponse(
        {"detail": str(exc)}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "1"}
    )


async def _user_busy(request: Request, exc: UserBusy) -> JSONResponse:
    return JSONResponse(
        {"detail": str(exc)}, status_code=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": "1"}
    )


async def _failed(request: Request, exc: CopilotFailed) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_500_INTERNAL_SERVER_ERROR)


async def _store_unavailable(
    request: Request, exc: sqlite3.OperationalError | psycopg.OperationalError
) -> JSONResponse:
    # the admin config database is locked by another writer, read-only, or gone: nothing was written
    detail = f"the admin config database is unavailable ({exc}); nothing was changed, retry shortly"
    return JSONResponse(
        {"detail": detail}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "5"}
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(TimeoutError, _timeout)
    app.add_exception_handler(CopilotUnavailable, _unavailable)
    app.add_exception_handler(CopilotBusy, _busy)
    app.add_exception_handler(UserBusy, _user_busy)
    app.add_exception_handler(CopilotFailed, _failed)
    app.add_exception_handler(sqlite3.OperationalError, _store_unavailable)
    app.add_exception_handler(psycopg.OperationalError, _store_unavailable)  # PostgreSQL: lock timeout, down
