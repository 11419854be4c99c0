"""How a catalog entry reads in a prompt: one line per trigger, action, flow-logic item, subflow or table.

The repair prompt (models.repair_prompts) and the study's few-shot prompt (study.catalog_context)
both show entries this way; each says the kind in its own layout (a leading word, a section heading).
"""

from schemas.catalog import Catalog, Definition, TypeSpec


def type_text(spec: TypeSpec) -> str:
    """`string`, `choice[a,b]`, `ref:sys_user`, or `record:@table` (the table named by the input `table`)."""
    if spec.kind == "choice":
        return f"choice[{','.join(spec.choices)}]"
    target = spec.table or (f"@{spec.table_from}" if spec.table_from else "")
    return f"{spec.kind}:{target}" if target else spec.kind


def definition_line(name: str, spec: Definition) -> str:
    """A trigger, action, flow-logic item or subflow with its label, scope, typed inputs and outputs.

    Required inputs end in `*`.
    """
    ins = ", ".join(f"{n}: {type_text(i.type)}{'*' if i.required else ''}" for n, i in spec.inputs.items())
    outs = ", ".join(f"{n}: {type_text(t)}" for n, t in spec.outputs.items())
    return f"{name} ({spec.label}; scope {spec.scope}) inputs: {ins or '-'}; outputs: {outs or '-'}"


def table_line(name: str, catalog: Catalog) -> str:
    """A table with every field and its type, inherited fields included."""
    fields = ", ".join(f"{f}: {type_text(s.type)}" for f, s in catalog.fields(name).items())
    return f"{name} fields: {fields}"
