"""Literal credentials (`literal_secret`): a flow names the platform's stored credentials, never holds one.

Every input value of the trigger and the components, and the flow's name and description, read by
`schemas.secrets.find_secrets`; a message says where and what kind of secret, never the secret.
"""

from schemas.problems import Problem
from schemas.secrets import Secret, find_secrets
from schemas.validation.context import ValidationContext
from schemas.validation.paths import pointer


def secret_problems(ctx: ValidationContext) -> list[Problem]:
    """One `literal_secret` problem per credential found."""
    problems: list[Problem] = []
    for key in ("name", "description"):
        for secret in find_secrets(getattr(ctx.view, key) or ""):
            problems.append(_problem(ctx, pointer(key), f"the flow's {key}", secret))
    for node in ctx.nodes():
        for item in node.inputs:
            place = f"input '{item.name if item.name is not None else item.index}' of {node.label()}"
            for secret in find_secrets(item.value or "", item.name):
                problems.append(_problem(ctx, node.input_at(item), place, secret))
    return problems


def _problem(ctx: ValidationContext, path: str, place: str, secret: Secret) -> Problem:
    where = f" {secret.where}" if secret.where else ""
    message = (
        f"{place} holds a literal credential ({secret.what}{where}): a flow must not carry secrets; "
        f"use {ctx.catalog.credentials} instead"
    )
    return Problem(code="literal_secret", path=path, message=message)
