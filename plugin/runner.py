"""Runs the (sync, CPU-bound) copilot off the event loop, one generation at a time.

The copilot is rebuilt through the factory whenever the admin config version changes, so
config writes take effect without a restart: at once after a write through this process, and within
`follow`'s period after one through another process sharing the database (a replica); a turn
that comes first checks the version itself. At most `max_waiting` turns wait, and one user holds
at most `max_waiting_per_user` + 1 places (running or waiting). Work runs in a worker thread that
takes a threading lock; on timeout the caller stops waiting (504) while the thread finishes and frees
the lock, so two generations never overlap.
"""

import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import anyio

from models.drafter import Task
from models.incidents import report
from plugin.admin_config import AdminConfig
from plugin.admin_store import ConfigStore


class Copilot(Protocol):
    """What the service needs of `agent.service.Copilot`."""

    def run(
        self, request: str, flow: dict | None = None, task: Task | None = None, thread_id: str = "default"
    ) -> Any: ...

    def stream(
        self, request: str, flow: dict | None = None, task: Task | None = None, thread_id: str = "default"
    ) -> Iterator[dict]: ...

    def current_flow(self, thread_id: str) -> dict | None: ...

    def forget(self, thread_id: str) -> None: ...


CopilotFactory = Callable[[AdminConfig], Copilot]


class CopilotUnavailable(RuntimeError):
    """The copilot could not be built from the current config."""


class CopilotBusy(RuntimeError):
    """More turns are already waiting for the copilot than the queue holds: retry shortly."""


class UserBusy(CopilotBusy):
    """This user already has as many turns with the copilot as one user may: retry when one has answered."""


class CopilotFailed(RuntimeError):
    """The copilot raised while answering."""


@dataclass(frozen=True)
class Call:
    task: Task | None  # None: the agent routes (chat)
    request: str
    flow: dict | None
    thread_id: str
    user: str = ""  # whose turn it is (`Principal.key`), for the per-user limit; "" counts for no one

    def on(self, copilot: Copilot) -> Any:
        return copilot.run(self.request, flow=self.flow, task=self.task, thread_id=self.thread_id)

    def stream_on(self, copilot: Copilot) -> Iterator[dict]:
        return copilot.stream(self.request, flow=self.flow, task=self.task, thread_id=self.thread_id)


_END = object()
log = logging.getLogger(__name__)
BUSY = "the copilot is busy with another request and did not free up in time"


class CopilotRunner:
    """One turn at a time on the copilot (its model decodes one request at a time); at most
    `max_waiting` more wait for it, each until its own deadline, and the next is refused at once."""

    def __init__(
        self, factory: CopilotFactory, store: ConfigStore, max_waiting: int = 8, max_waiting_per_user: int | None = None
    ) -> None:
        self._factory = factory
        self._store = store
        self._lock = threading.Lock()
        self._places = threading.BoundedSemaphore(max_waiting + 1)  # the running turn + the queue
        self.max_waiting = max_waiting
        self.max_waiting_per_user = max_waiting_per_user  # None: no per-user limit
        self._users_lock = threading.Lock()
        self._per_user: Counter[str] = Counter()  # turns running or waiting, per user
        self._copilot: Copilot | None = None
        self.version: int | None = None  # config version the copilot was built from
        self.error: str = ""  # why building it failed, if it did: for admins (GET /v1/admin/health) only
        self._unavailable: str = ""  # what callers are told instead: no exception text

    def _fresh(self) -> Copilot:
        """The copilot for the current config version (caller holds the lock)."""
        current = self._store.current()
        if current.version != self.version:
            self._copilot, self.version, self.error = None, current.version, ""
            try:
                self._copilot = self._factory(current.config)
            except Exception as exc:  # reported to admins, and as 503s until the config changes
                self.error = f"config version {current.version}: {type(exc).__name__}: {exc}"
                self._unavailable = (
                    report(f"the copilot could not be built from config version {current.version}", exc)
                    + "; admins see why at GET /v1/admin/health"
                )
        if self._copilot is None:
            raise CopilotUnavailable(self._unavailable)
        return self._copilot

    def refresh(self) -> None:
        """Build the copilot for the current config now (startup, after admin writes)."""
        with self._lock:
            try:
                self._fresh()
            except CopilotUnavailable:
                pass  # kept in self.error

    async def follow(self, every_s: float) -> None:
        """Forever: every `every_s` seconds, rebuild the copilot if the stored version is not the one it was
        built from (another replica wrote the config). A store that fails is retried on the next tick."""
        while True:
            await anyio.sleep(every_s)
            try:
                if await anyio.to_thread.run_sync(self._store.current_version) != self.version:
                    await anyio.to_thread.run_sync(self.refresh)
            except Exception as exc:  # e.g. the database is briefly locked or unreachable
                log.warning("could not check the admin config version: %s: %s", type(exc).__name__, exc)

    @property
    def ready(self) -> bool:
        return self._copilot is not None and self.version == self._store.current_version()

    def _queue(self, user: str) -> None:
        """A place in the queue (given back by `_leave`): UserBusy when `user` has all theirs, CopilotBusy
        when the queue is full."""
        with self._users_lock:
            most = None if self.max_waiting_per_user is None or not user else self.max_waiting_per_user + 1
            if most is not None and self._per_user[user] >= most:
                raise UserBusy(
                    f"you already have {most} requests with the copilot, running or waiting (at most {most} per "
                    "user); retry when one has answered"
                )
            if not self._places.acquire(blocking=False):
                raise CopilotBusy(f"{self.max_waiting} requests are already waiting for the copilot; retry shortly")
            self._per_user[user] += 1

    def _leave(self, user: str) -> None:
        with self._users_lock:
            self._per_user[user] -= 1
            if self._per_user[user] <= 0:
                del self._per_user[user]
            self._places.release()

    @contextmanager
    def _session(self, deadline: float, started: threading.Event, user: str = "") -> Iterator[Copilot]:
        """The copilot, held alone until the block ends; `started` is set once the lock is taken.
        CopilotBusy (UserBusy) at once when the queue (the user's share of it) is full."""
        self._queue(user)
        try:
            if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise TimeoutError(BUSY)
            started.set()
            try:
                yield self._fresh()
            finally:
                self._lock.release()
        finally:
            self._leave(user)

    def current_flow(self, thread_id: str) -> dict | None:
        """The flow a conversation's memory holds, or None (none yet, or no copilot to ask)."""
        copilot = self._copilot
        return copilot.current_flow(thread_id) if copilot is not None else None

    def forget(self, thread_ids: Iterable[str]) -> None:
        """Drop these conversations from the copilot's memory (deleted or expired ones)."""
        copilot = self._copilot
        for thread_id in thread_ids if copilot is not None else ():
            copilot.forget(thread_id)

    async def run(self, call: Call, timeout: float) -> Any:
        """The copilot's result; TimeoutError after `timeout` seconds (saying "busy" if it never got the copilot)."""
        deadline = time.monotonic() + timeout
        started = threading.Event()

        def work() -> Any:
            with self._session(deadline, started, call.user) as copilot:
                try:
                    return call.on(copilot)
                except Exception as exc:
                    raise CopilotFailed(report("the copilot failed", exc)) from exc

        try:
            with anyio.fail_after(timeout):
                return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
        except TimeoutError as exc:  # the lock wait and fail_after end together: say which one it was
            if started.is_set():
                raise
            raise TimeoutError(BUSY) from exc

    async def stream(self, call: Call, timeout: float) -> AsyncIterator[dict]:
        """The copilot's events; failures and timeouts become a final `error` event."""
        deadline = time.monotonic() + timeout
        started = threading.Event()
        events: queue.Queue = queue.Queue()

        def work() -> None:
            try:
                with self._session(deadline, started, call.user) as copilot:
                    for event in call.stream_on(copilot):
                        events.put(event)
            except (TimeoutError, CopilotUnavailable, CopilotBusy) as exc:  # messages of our own
                events.put(error_event(exc))
            except Exception as exc:  # the client sees the kind of failure, the log the rest
                events.put(error_event(CopilotFailed(report("the copilot failed", exc))))
            finally:
                events.put(_END)

        threading.Thread(target=work, name="copilot-stream", daemon=True).start()
        while True:
            try:
                wait = max(0.0, deadline - time.monotonic())
                event = await anyio.to_thread.run_sync(events.get, True, wait, abandon_on_cancel=True)
            except queue.Empty:  # as in run: "busy" when it never got the copilot
                yield error_event(TimeoutError(f"no answer within {timeout:g} s" if started.is_set() else BUSY))
                return
            if event is _END:
                return
            yield event


def error_event(exc: Exception) -> dict:
    kinds = ((TimeoutError, "timeout"), (CopilotUnavailable, "unavailable"), (CopilotBusy, "busy"))
    code = next((code for kind, code in kinds if isinstance(exc, kind)), "internal")
    return {"event": "error", "code": code, "message": str(exc) or type(exc).__name__}
