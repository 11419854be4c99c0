"""Validation during training: greedy-decode a few val requests and score them with FlowSim."""

from pathlib import Path

import torch

from models.drafter import DraftRequest
from models.prompts import END, full_text, prompt_for
from models.serialize import SerializationError, from_text
from models.train_data import read_rows


def decode(model, tokenizer, req: DraftRequest, max_new_tokens: int = 256) -> str:
    """Greedy, unconstrained decode of one request (inference uses models.slm instead)."""
    ids = tokenizer(prompt_for(req), return_tensors="pt", add_special_tokens=False).to(model.device)
    end_id = tokenizer.convert_tokens_to_ids(END)
    with torch.no_grad():
        out = model.generate(
            **ids, max_new_tokens=max_new_tokens, do_sample=False, eos_token_id=end_id, pad_token_id=end_id
        )
    return tokenizer.decode(out[0][ids.input_ids.shape[1] :], skip_special_tokens=True)


def evaluate(model, tokenizer, args, limit: int = 8) -> dict:
    """Mean FlowSim (with/without inputs) and parse rate on the first `limit` val generate rows."""
    from schemas.similarity import flowsim

    path = Path(args.data_dir) / "val.jsonl"
    if not limit or not path.exists():
        return {}
    rows = read_rows(path, ("generate",))[:limit]
    model.eval()
    sims, sims_no, parsed = [], [], 0
    for row in rows:
        req = DraftRequest(task="generate", request=row["request"])
        try:
            pred = from_text(full_text(req, decode(model, tokenizer, req)))
            parsed += 1
        except SerializationError:
            pred = None
        sims.append(flowsim(pred, row["target"], with_inputs=True))
        sims_no.append(flowsim(pred, row["target"], with_inputs=False))
    n = len(rows)
    return {
        "flowsim": round(sum(sims) / n, 4),
        "flowsim_no_inputs": round(sum(sims_no) / n, 4),
        "parse_rate": round(parsed / n, 4),
        "n": n,
    }
