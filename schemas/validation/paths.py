"""The one place RFC 6901 JSON pointers are built."""


def pointer(*parts: str | int) -> str:
    """`pointer("components", 2, "inputs")` -> `/components/2/inputs`; no parts -> `` (the whole flow)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def sort_key(path: str) -> tuple:
    """Orders pointers as the document does: `/components/2` before `/components/10`."""
    # isdecimal, not isdigit: "³" is a digit that int() refuses
    return tuple((0, int(p), "") if p.isdecimal() else (1, 0, p) for p in path.split("/")[1:])
