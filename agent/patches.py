"""RFC 6902 patches between flows: the minimal diff, and a strict apply that refuses bad patches."""

import copy
import json

import jsonpatch
import jsonpointer

from schemas.secrets import quote


class PatchError(ValueError):
    """A patch that is malformed or cannot be applied; the message says which op and why."""


def make_patch(current: dict | None, new: dict) -> list[dict]:
    """The jsonpatch diff turning `current` into `new`; no current flow counts as `{}`.

    jsonpatch's array diff can emit wrong ops (arrays holding equal arrays or nulls) and
    treats 1, 1.0 and true as equal; its patch is kept only when it reproduces `new` exactly,
    else a plain per-key diff (whole arrays replaced when their lengths differ) is used.
    """
    base = current if current is not None else {}
    patch = jsonpatch.make_patch(base, new).patch
    try:
        if _same(apply_checked(base, patch), new):
            return patch
    except PatchError:
        pass
    return _plain_diff(base, new, "")


def _same(a: object, b: object) -> bool:
    """Equal as JSON text: unlike ==, tells 1 from 1.0 from true."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _plain_diff(old: object, new: object, path: str) -> list[dict]:
    """A correct, less minimal diff: recurse into objects and equal-length arrays, replace the rest."""
    if isinstance(old, dict) and isinstance(new, dict):
        ops = [{"op": "remove", "path": f"{path}/{_escape(k)}"} for k in old if k not in new]
        for key, value in new.items():
            where = f"{path}/{_escape(key)}"
            ops += (
                _plain_diff(old[key], value, where)
                if key in old
                else [{"op": "add", "path": where, "value": copy.deepcopy(value)}]
            )
        return ops
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [op for i, (a, b) in enumerate(zip(old, new)) for op in _plain_diff(a, b, f"{path}/{i}")]
    return [] if _same(old, new) else [{"op": "replace", "path": path, "value": copy.deepcopy(new)}]


def _escape(key: str) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def _check_op(index: int, op: object) -> None:
    if not isinstance(op, dict) or not isinstance(op.get("op"), str) or not isinstance(op.get("path"), str):
        raise PatchError(f"op {index}: must be an object with string 'op' and 'path', got {quote(repr(op))}")


def _apply_op(doc: object, op: dict) -> object:
    # jsonpatch mishandles add/replace at the root of a non-object document; per RFC 6902
    # both replace the whole document.
    if op["path"] == "" and op["op"] in ("add", "replace"):
        if "value" not in op:
            raise PatchError(f"{op['op']} at the root has no 'value'")
        return copy.deepcopy(op["value"])
    # jsonpatch refuses `replace` on a last token "-" even where the parent is an object, whose key
    # "-" is an ordinary member (RFC 6901: "-" means "past the end" in arrays only).
    if op["op"] == "replace" and op["path"].endswith("/-"):
        parent = jsonpointer.resolve_pointer(doc, op["path"][:-2])
        if isinstance(parent, dict):
            if "value" not in op:
                raise PatchError(f"replace {op['path']!r} has no 'value'")
            if "-" not in parent:
                raise PatchError(f"replace {op['path']!r}: the member '-' does not exist")
            parent["-"] = copy.deepcopy(op["value"])
            return doc
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
