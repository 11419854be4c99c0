"""Asking the chat model with a hard deadline; every failure becomes an LLMError."""

import contextvars
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from agent.patches import PatchError, apply_checked
from models.deadline import deadline_in, remaining
from models.incidents import report
from models.repair_prompts import AnswerError, parse_answer

MAX_ANSWER_CHARS = 100_000  # far above any flow a model's output budget allows; parsing is superlinear


class LLMError(RuntimeError):
    """The chat model failed, timed out or answered something unusable."""


def ask(chat_model: BaseChatModel, messages: list[BaseMessage], timeout_s: float) -> str:
    """The model's answer text, within `timeout_s` and the current deadline (models.deadline).
    The deadline holds even for clients without their own timeout (a hung call is abandoned in its
    worker thread); local models see it and stop decoding there."""
    pool = ThreadPoolExecutor(max_workers=1)
    left = remaining()
    timeout_s = timeout_s if left is None else min(timeout_s, left)
    try:
        with deadline_in(timeout_s):  # set before copy_context: the worker thread carries it
            call = pool.submit(contextvars.copy_context().run, chat_model.invoke, messages)
        answer = call.result(timeout=timeout_s)
    except FutureTimeout as exc:
        raise LLMError(f"the chat model did not answer within {timeout_s:g}s") from exc
    except Exception as exc:  # any client/transport failure; its text (an upstream body) stays in the log
        raise LLMError(report("the chat model failed", exc)) from exc
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return answer.text


def flow_from_answer(text: str, base: object) -> dict:
    """The flow an answer means: a full flow, or a patch applied to `base`; raises LLMError."""
    if len(text) > MAX_ANSWER_CHARS:
        raise LLMError(f"unusable answer: {len(text)} characters, more than the {MAX_ANSWER_CHARS} a flow needs")
    try:
        value = parse_answer(text)
        flow = apply_checked(base, value) if isinstance(value, list) else value
    except (AnswerError, PatchError) as exc:
        raise LLMError(f"unusable answer: {exc}") from exc
    except RecursionError as exc:  # JSON nested deeper than the decoder can follow
        raise LLMError("unusable answer: its JSON nests too deeply to parse") from exc
    if not isinstance(flow, dict):
        raise LLMError(f"unusable answer: the result is a {type(flow).__name__}, not a flow object")
    return flow
