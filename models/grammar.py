"""The flow grammar for the compact text of models.serialize, built from the catalog.

One text that xgrammar, vLLM and llama.cpp (GBNF: rule names without `_`) all read.

A whole flow: the trigger line, then component lines `<indent><order> <definition>( | name=value)*`.
Each trigger/definition allows only its own input names; `table` inputs only catalog tables, choice
inputs only their choices (or one pill); other values are any text without `|` or a newline.
The catalog's `placeholder` action is left out: drafters never emit one.
Nesting is structural: only flow-logic containers get lines one level deeper (at most MAX_DEPTH).
A continuation (the `complete` task) is the component lines that may follow a pre-filled prefix.
"""

import json

from schemas.catalog import PLACEHOLDER, Catalog, Definition, default_catalog

MAX_DEPTH = 6  # nesting levels 0..MAX_DEPTH-1
_VALUE = "value ::= [^|\\n ] [^|\\n]*"
_PILL = 'pill ::= "{{" [^{}|\\n]+ "}}"'
_ORDER = "order ::= [1-9] [0-9]{0,2}"


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _alternatives(names: list[str]) -> str:
    return " | ".join(names) if names else '""'


def _definition_rules(rule: str, name: str, spec: Definition, choices: dict[tuple, str]) -> list[str]:
    """`rule ::= "name" (" | " input)*` plus the rule listing its own inputs."""
    if not spec.inputs:
        return [f"{rule} ::= {_lit(name)}"]
    alternatives = []
    for input_name, input_spec in spec.inputs.items():
        kind = input_spec.type
        if kind.kind == "table":
            value = "table"
        elif kind.kind == "choice":
            key = tuple(kind.choices)
            choices.setdefault(key, f"choice-{len(choices)}")
            value = f"({choices[key]} | pill)"
        else:
            value = "value"
        alternatives.append(f"{_lit(input_name + '=')} {value}")
    return [f"{rule} ::= {_lit(name)} ({_lit(' | ')} {rule}-in)*", f"{rule}-in ::= {' | '.join(alternatives)}"]


def _catalog_rules(catalog: Catalog) -> list[str]:
    """trigger, leaf, container, table, choice-* and one rule per definition."""
    rules: list[str] = []
    choices: dict[tuple, str] = {}
    triggers, leaves, containers = [], [], []
    for i, (name, spec) in enumerate(catalog.triggers.items()):
        rules += _definition_rules(f"trig-{i}", name, spec, choices)
        triggers.append(f"trig-{i}")
    for i, (name, spec) in enumerate(catalog.flowlogic.items()):
        rules += _definition_rules(f"logic-{i}", name, spec, choices)
        (containers if spec.container else leaves).append(f"logic-{i}")
    for g, group in enumerate((catalog.actions, catalog.subflows)):
        for i, (name, spec) in enumerate(group.items()):
            if name == PLACEHOLDER:
                continue  # the agent adds placeholders (agent.unsupported); a drafter never emits one
            rules += _definition_rules(f"def-{g}-{i}", name, spec, choices)
            leaves.append(f"def-{g}-{i}")
    rules.append(f"trigger ::= {_alternatives(triggers)}")
    rules.append(f"leaf ::= {_alternatives(leaves)}")
    rules.append(f"container ::= {_alternatives(containers)}")
    rules.append(f"table ::= {_alternatives([_lit(t) for t in catalog.tables])}")
    rules += [f"{rule} ::= {_alternatives([_lit(c) for c in key])}" for key, rule in choices.items()]
    return rules + [_VALUE, _PILL, _ORDER]


def _item_rules() -> list[str]:
    """items-d: sibling lines at depth d; a container's children follow it at depth d+1."""
    rules = []
    for d in range(MAX_DEPTH):
        head = f'{_lit("  " * d)} order " "' if d else 'order " "'
        body = f'(leaf | container ("\\n" items-{d + 1})?)' if d < MAX_DEPTH - 1 else "(leaf | container)"
        rules.append(f"item-{d} ::= {head} {body}")
        rules.append(f'items-{d} ::= item-{d} ("\\n" item-{d})*')
    return rules


def _open_rules() -> list[str]:
    """open-d: lines starting at depth <= d that close the enclosing blocks on the way out."""
    rules = ["open-0 ::= items-0"]
    rules += [f'open-{d} ::= items-{d} ("\\n" open-{d - 1})? | open-{d - 1}' for d in range(1, MAX_DEPTH)]
    return rules


def flow_grammar(catalog: Catalog | None = None) -> str:
    """EBNF (root rule `root`) for a whole flow: the trigger line, then component lines."""
    rules = ['root ::= trigger ("\\n" items-0)?']
    return "\n".join(rules + _item_rules() + _catalog_rules(catalog or default_catalog())) + "\n"


def continuation_grammar(depth: int, catalog: Catalog | None = None) -> str:
    """EBNF for the lines after a pre-filled prefix whose next line may be at most `depth` deep."""
    depth = max(0, min(depth, MAX_DEPTH - 1))
    rules = [f"root ::= open-{depth}?"] + _open_rules()
    return "\n".join(rules + _item_rules() + _catalog_rules(catalog or default_catalog())) + "\n"


def continuation_depth(flow: dict, catalog: Catalog | None = None) -> int:
    """How deep the first line after `to_text(flow)` may be: one below its last line if that is a container."""
    catalog = catalog or default_catalog()
    levels: dict[int, int] = {}
    depth = 0
    for comp in flow.get("components", []):
        level = levels[comp["block"]] + 1 if comp.get("block") in levels else 0
        levels[comp["order"]] = level
        spec = catalog.flowlogic.get(comp["definition"]) if comp.get("category") == "flowlogic" else None
        depth = level + 1 if spec is not None and spec.container else level
    return min(depth, MAX_DEPTH - 1)


def stop_token_ids(tokenizer) -> list[int]:
    """Ids that end a draft: `<|im_end|>` (the prompts' END) and the tokenizer's EOS."""
    from models.decoding import stop_ids
    from models.prompts import END

    return stop_ids(tokenizer, (END,))


_compilers: dict[tuple[int, int], tuple[object, object]] = {}
_compiled: dict[tuple, object] = {}


def compiled_grammar(
    tokenizer, catalog: Catalog | None = None, depth: int | None = None, vocab_size: int | None = None
):
    """The xgrammar CompiledGrammar for a whole flow (depth None) or a continuation; compiled once."""
    import xgrammar as xgr

    catalog = catalog or default_catalog()
    vocab_size = vocab_size or len(tokenizer)
    tkey = (id(tokenizer), vocab_size)
    if tkey not in _compilers:
        info = xgr.TokenizerInfo.from_huggingface(
            tokenizer, vocab_size=vocab_size, stop_token_ids=stop_token_ids(tokenizer)
        )
        _compilers[tkey] = (tokenizer, xgr.GrammarCompiler(info))  # holding tokenizer keeps its id unique
    key = (*tkey, id(catalog), depth)
    if key not in _compiled:
        ebnf = flow_grammar(catalog) if depth is None else continuation_grammar(depth, catalog)
        _compiled[key] = (catalog, _compilers[tkey][1].compile_grammar(ebnf))
    return _compiled[key][1]


def constrained_processor(
    tokenizer, catalog: Catalog | None = None, depths: list[int | None] | None = None, vocab_size: int | None = None
):
    """A fresh (stateful, single-use) xgrammar logits processor; one grammar per batch row in `depths`."""
    from xgrammar.contrib.hf import LogitsProcessor

    grammars = [compiled_grammar(tokenizer, catalog, d, vocab_size) for d in (depths or [None])]
    return LogitsProcessor(grammars if len(grammars) > 1 else grammars[0])
