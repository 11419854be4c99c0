"""The short prompts the SLM is trained on and decoded with.

Chat-style markers (SmolLM2's `<|im_start|>`/`<|im_end|>`); for a base model without them they
are plain text that fine-tuning teaches. A completion prompt pre-fills the assistant turn with the
partial flow, so the model only writes the missing lines. A repair prompt shows an invalid draft
and the validator's problems; the model writes the whole flow again.
"""

from models.drafter import DraftRequest
from models.serialize import to_text
from schemas.validate import errors, validate_flow

USER = "<|im_start|>user\n"
ASSISTANT = "<|im_end|>\n<|im_start|>assistant\n"
END = "<|im_end|>"
EDIT_MARK = "\nEdit: "
COMPLETE_HINT = "Complete this flow."
DRAFT_MARK = "\nDraft:\n"
PROBLEMS_MARK = "\nProblems:\n"


def problem_lines(problems) -> tuple[str, ...]:
    """The validator's problems as the repair prompt lists them (`path: [code] message`)."""
    return tuple(str(p) for p in problems)


def prompt_for(req: DraftRequest) -> str:
    """The prompt text, ending where the model starts writing (after any pre-filled prefix)."""
    if req.task == "edit":
        if req.flow is None:
            raise ValueError("an edit request needs the current flow")
        return f"{USER}{to_text(req.flow)}{EDIT_MARK}{req.request}{ASSISTANT}"
    if req.task == "complete":
        if req.flow is None:
            raise ValueError("a complete request needs the partial flow")
        return f"{USER}{req.request or COMPLETE_HINT}{ASSISTANT}{to_text(req.flow)}\n"
    if req.task == "repair":
        if req.flow is None or not req.problems:
            raise ValueError("a repair request needs the draft and its problems")
        problems = "\n".join(f"- {p}" for p in req.problems)
        return f"{USER}{req.request}{DRAFT_MARK}{to_text(req.flow)}{PROBLEMS_MARK}{problems}{ASSISTANT}"
    return f"{USER}{req.request}{ASSISTANT}"


def full_text(req: DraftRequest, output: str) -> str:
    """What the model's text means in full: the pre-filled prefix (complete) plus its output."""
    if req.task == "complete" and req.flow is not None:
        return f"{to_text(req.flow)}\n{output}"
    return output


def training_pair(row: dict) -> tuple[str, str]:
    """(prompt, target) for a dataset row; the target ends with END."""
    problems = problem_lines(errors(validate_flow(row["flow"]))) if row["task"] == "repair" else ()
    req = DraftRequest(task=row["task"], request=row.get("request", ""), flow=row.get("flow"), problems=problems)
    prompt = prompt_for(req)
    target = to_text(row["target"])
    if req.task == "complete":
        prefix = to_text(req.flow) + "\n"
        if not target.startswith(prefix):
            raise ValueError(f"row {row.get('id')}: completion target does not extend its prefix")
        target = target[len(prefix) :]
    return prompt, target + END
