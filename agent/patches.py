"""RFC 6902 patches between flows: the minimal diff, and a strict apply that refuses bad patches."""

import copy

import jsonpatch
import jsonpointer


class PatchError(ValueError):
    """A patch that is malformed or cannot be applied; the message says which op and why."""


def make_patch(current: dict | None, new: dict) -> list[dict]:
    """The jsonpatch diff turning `current` into `new`; no current flow counts as `{}`."""
    return jsonpatch.make_patch(current if current is not None else {}, new).patch


def _check_op(index: int, op: object) -> None:
    if not isinstance(op, dict) or not isinstance(op.get("op"), str) or not isinstance(op.get("path"), str):
        raise PatchError(f"op {index}: must be an object with string 'op' and 'path', got {op!r}")


def _apply_op(doc: object, op: dict) -> object:
    # jsonpatch mishandles add/replace at the root of a non-object document; per RFC 6902
    # both replace the whole document.
    if op["path"] == "" and op["op"] in ("add", "replace"):
        if "value" not in op:
            raise PatchError(f"{op['op']} at the root has no 'value'")
        return copy.deepcopy(op["value"])
    return jsonpatch.JsonPatch([op]).apply(doc, in_place=True)


def apply_checked(current: object, patch: object) -> object:
    """`patch` applied to a copy of `current`; raises PatchError for anything RFC 6902 refuses."""
    if not isinstance(patch, list):
        raise PatchError(f"a patch must be a list of operations, got {type(patch).__name__}")
    doc = copy.deepcopy(current)
    for index, op in enumerate(patch):
        _check_op(index, op)
        try:
            doc = _apply_op(doc, op)
        except PatchError as exc:
            raise PatchError(f"op {index}: {exc}") from exc
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException, TypeError) as exc:
            raise PatchError(f"op {index} ({op['op']} {op['path']!r}): {exc}") from exc
    return doc
