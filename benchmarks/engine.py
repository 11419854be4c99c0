"""The drafter's engines side by side (a benchmark, not a test): speed, the service, the CLI, FlowSim.

    python benchmarks/engine.py [--n 20] [--flowsim-rows 500] [--kinds f16,q8_0] [--skip service,cli,flowsim]

1. Decode speed on the same GGUF and the same 20 realistic requests (greedy, batch 1, after a
   warm-up): llama-cpp-python's own `create_completion` (the raw engine), Flowsmith's llama.cpp
   engine unconstrained and under the flow grammar (checked lazily), the same 8 sequences at a
   time (throughput), llama-cpp-python's own whole-vocabulary grammar sampling, and the
   transformers engine (fp32 + xgrammar) on a few.
2. `flowsmith serve`: seconds from start to the first answer, then warm `/v1/generate` p50/p95 on
   the 20 requests, then requests/s and p50/p95 at 1, 4 and 8 concurrent clients.
3. `flowsmith generate` wall time on a warm cache (a fresh process each time).
4. FlowSim on the committed synthetic test split (docs/benchmark/run/predictions/references.jsonl):
   the llama.cpp engine per GGUF kind vs the committed transformers predictions (slm.jsonl), how
   many drafts are byte-identical, and the parse rate. Predictions go to `--out`.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import typer
from rich.console import Console
from rich.table import Table

from models.drafter import DraftRequest
from models.grammar import flow_grammar
from models.loading import SHIPPED_ADAPTER, llama_gguf, load_llama
from models.prompts import END, prompt_for
from models.slm import SLMDrafter
from schemas.similarity.flowsim import flowsim

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "docs" / "benchmark" / "run" / "predictions"
REQUESTS = [
    "when a P1 incident is created, look up the caller's manager and email them",
    "Every weekday at 08:00 look up open P1 incidents and post the count to #ops on Slack.",
    "When a change request is updated to emergency, ask the CAB group for approval and log the result.",
    "When a catalog request item is created, create a catalog task for the service desk.",
    "Every Monday at 9am email ops@example.com a report of incidents opened last week.",
    "When an incident is resolved, add a worknote and notify the caller by email.",
    "When a user record is updated and locked out, reset their Azure AD password.",
    "When a problem is created with a known error, create a Jira bug in project OPS.",
    "new hr case -> assign to HR Tier 1 and slack #hr-cases",
    "when an incident's priority changes to 1, page the on-call engineer of the assignment group",
    "each night at 2am, look up incidents resolved more than 7 days ago and close them",
    "When a VIP user opens an incident, email servicedesk-leads@example.com and add a worknote",
    "on new change request: if risk is high ask CAB for approval, else approve automatically",
    "When a knowledge article is published, post its title to the #kb Teams channel",
    "Every hour check for P1 incidents without an assignee and email the duty manager",
    "when a catalog item request is approved create a task for the Network team",
    "When an incident is created with category network, assign it to the Network group",
    "When a problem is closed, notify everyone on its linked incidents by email",
    "every friday 17:00 send a summary of open changes to cab@example.com",
    "When a security incident is created, create a Jira issue in project SEC and log it",
]


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


# 1. decode speed -----------------------------------------------------------------------------
def _speed_rows(n: int, hf_n: int, kind: str) -> list[tuple]:
    from llama_cpp import Llama, LlamaGrammar

    gguf = llama_gguf(SHIPPED_ADAPTER, kind=kind)
    prompts = [prompt_for(DraftRequest("generate", r)) for r in REQUESTS[:n]]
    engine = load_llama(gguf)
    stops = [engine.token_id(END), *engine.eos_ids()]
    grammar = flow_grammar()
    raw = Llama(model_path=str(gguf), n_ctx=2048, n_threads=os.cpu_count(), verbose=False)
    gbnf = LlamaGrammar.from_string(grammar, verbose=False)

    def raw_run(prompt: str, constrained: bool) -> tuple[int, str]:
        def complete() -> dict:
            grammar = gbnf if constrained else None
            return raw.create_completion(prompt, max_tokens=320, temperature=0, stop=[END], grammar=grammar)

        # on the engine's thread, as the engine's own calls are: one OpenMP team for both (two would
        # contend for the two cores and halve both)
        out = engine._worker.submit(complete).result()
        return out["usage"]["completion_tokens"], out["choices"][0]["text"]

    modes = {
        "llama-cpp-python create_completion (raw)": lambda p: raw_run(p, False),
        "llama-cpp-python + its own grammar sampling": lambda p: raw_run(p, True),
        "flowsmith llama.cpp engine, unconstrained": lambda p: _gen(engine.generate(p, 320, stops, None)),
        "flowsmith llama.cpp engine, flow grammar": lambda p: _gen(engine.generate(p, 320, stops, grammar)),
    }
    for run in modes.values():
        run(prompts[0])  # warm-up: pages in the weights, parses the grammar
    tokens = dict.fromkeys(modes, 0)
    walls = dict.fromkeys(modes, 0.0)
    texts: dict[str, list[str]] = {name: [] for name in modes}
    for prompt in prompts:  # round robin, so that a change in the machine's load hits every mode alike
        for name, run in modes.items():
            start = time.perf_counter()
            k, text = run(prompt)
            walls[name] += time.perf_counter() - start
            tokens[name] += k
            texts[name].append(text)
    rows = [(name, kind, len(prompts), tokens[name] / walls[name], walls[name] / len(prompts)) for name in modes]
    start = time.perf_counter()
    batched = engine.generate_many(prompts, 320, stops, [grammar] * len(prompts))
    wall = time.perf_counter() - start
    name = f"flowsmith llama.cpp engine, flow grammar, {engine.options.max_batch} at a time"
    rows.append((name, kind, len(prompts), sum(g.n_tokens for g in batched) / wall, wall / len(prompts)))
    same = sum(g.text == t for g, t in zip(batched, texts["flowsmith llama.cpp engine, flow grammar"]))
    rows.append((f"  batched: same text as one at a time: {same}/{len(prompts)}", "", "", None, None))
    if hf_n:
        hf = SLMDrafter(engine="transformers")
        reqs = [DraftRequest("generate", r) for r in REQUESTS[:hf_n]]
        hf.generate(reqs[:1])
        start = time.perf_counter()
        gens = [hf.generate([r])[0] for r in reqs]
        wall = time.perf_counter() - start
        rows.append(("transformers fp32 + xgrammar", "fp32", hf_n, sum(g.n_tokens for g in gens) / wall, wall / hf_n))
        same = sum(g.text == t for g, t in zip(gens, texts["flowsmith llama.cpp engine, flow grammar"]))
        rows.append((f"  same text as transformers: {same}/{hf_n}", "", "", None, None))
    return rows


def _gen(g) -> tuple[int, str]:
    return g.n_tokens, g.text


# 2. the service ------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _service(console: Console) -> None:
    port = _free_port()
    data = Path(tempfile.mkdtemp(prefix="flowsmith-bench-"))
    env = {**os.environ, "FLOWSMITH_PORT": str(port), "FLOWSMITH_DATA_DIR": str(data)}
    # one benchmark user stands for many people: the per-user limits would refuse its burst
    env["FLOWSMITH_RATE_LIMIT_PER_MINUTE"] = env["FLOWSMITH_USER_RATE_LIMIT_PER_MINUTE"] = "100000"
    env["FLOWSMITH_MAX_WAITING_PER_USER"] = "100"
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from plugin.cli import app; app()", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(data / "serve.log").open("w"),
    )
    try:
        client = httpx.Client(base_url=base, timeout=120)
        while True:
            try:
                token = client.get("/v1/auth/dev-token")  # 127.0.0.1, no JWT key: local development mode
                if token.status_code == 200:
                    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
                    answer = client.post("/v1/generate", json={"request": REQUESTS[0]})
                    if answer.status_code == 200:
                        break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.perf_counter() - start > 180:
                raise RuntimeError(f"flowsmith serve did not answer: see {data / 'serve.log'}")
            time.sleep(0.1)
        first = time.perf_counter() - start

        def one(i: int, text: str) -> tuple[float, int, str]:
            t = time.perf_counter()
            r = client.post("/v1/generate", json={"request": text})  # each in a new conversation
            body = r.json() if r.status_code == 200 else {}
            return time.perf_counter() - t, r.status_code, f"{body.get('ok')}/{body.get('path')}"

        warm = [one(i, t) for i, t in enumerate(REQUESTS)]
        lat = [w[0] for w in warm]
        paths: dict[str, int] = {}
        for _, _, path in warm:
            paths[path] = paths.get(path, 0) + 1
        table = Table("service", "value")
        table.add_row("start → first answer (s)", f"{first:.2f}")
        table.add_row(f"warm /v1/generate p50 / p95 (s), {len(lat)} requests", f"{_p(lat, 50):.2f} / {_p(lat, 95):.2f}")
        table.add_row("answers (ok/path: count)", ", ".join(f"{k}: {v}" for k, v in sorted(paths.items())))
        console.print(table)
        load = Table("clients", "requests", "req/s", "p50 s", "p95 s", "statuses")
        for clients in (1, 4, 8):
            jobs = [(i, REQUESTS[i % len(REQUESTS)]) for i in range(max(20, 3 * clients))]
            t = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                done = list(pool.map(lambda job: one(*job), jobs))
            wall = time.perf_counter() - t
            lat = [d[0] for d in done]
            statuses: dict[int, int] = {}
            for d in done:
                statuses[d[1]] = statuses.get(d[1], 0) + 1
            load.add_row(
                str(clients),
                str(len(jobs)),
                f"{len(jobs) / wall:.2f}",
                f"{_p(lat, 50):.2f}",
                f"{_p(lat, 95):.2f}",
                ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())),
            )
        console.print(load)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# 3. the CLI ----------------------------------------------------------------------------------
def _cli(console: Console, runs: int = 3) -> None:
    walls = []
    for text in REQUESTS[:runs]:
        t = time.perf_counter()
        subprocess.run(["flowsmith", "generate", text], capture_output=True, check=False)
        walls.append(time.perf_counter() - t)
    console.print(f"flowsmith generate, warm cache, fresh process: {', '.join(f'{w:.2f}' for w in walls)} s")


# 4. FlowSim on the synthetic test split ------------------------------------------------------
def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _flowsim(console: Console, limit: int, kinds: list[str], out: Path) -> None:
    refs = _rows(RUN / "references.jsonl")[:limit]
    committed = {r["id"]: r["prediction"] for r in _rows(RUN / "slm.jsonl")}
    table = Table("drafter (test split)", "rows", "FlowSim", "vs transformers", "byte-identical", "parsed", "s/row")
    base = statistics.fmean(flowsim(committed[r["id"]], r["target"]) for r in refs)
    table.add_row("transformers fp32 + xgrammar (committed slm.jsonl)", str(len(refs)), f"{base:.4f}", "—", "—", "", "")
    out.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        drafter = SLMDrafter(engine="llamacpp", gguf_kind=kind, timeout_s=None)
        path = out / f"slm-llamacpp-{kind}.jsonl"
        done = {r["id"]: r["prediction"] for r in _rows(path)} if path.exists() else {}
        todo = [r for r in refs if r["id"] not in done]
        start = time.perf_counter()
        with path.open("a", encoding="utf-8") as f:
            for row in todo:
                flow = drafter.drafts([DraftRequest("generate", row["request"])])[0]
                done[row["id"]] = flow if isinstance(flow, dict) else None
                f.write(json.dumps({"id": row["id"], "prediction": done[row["id"]]}) + "\n")
                f.flush()  # resumable: a killed run keeps every row it finished
        per_row = (time.perf_counter() - start) / len(todo) if todo else float("nan")
        scores = [flowsim(done[r["id"]], r["target"]) if done[r["id"]] else 0.0 for r in refs]
        same = sum(json.dumps(done[r["id"]]) == json.dumps(committed[r["id"]]) for r in refs)
        parsed = sum(done[r["id"]] is not None for r in refs)
        mean = statistics.fmean(scores)
        table.add_row(
            f"llama.cpp {kind}",
            str(len(refs)),
            f"{mean:.4f}",
            f"{mean - base:+.4f}",
            f"{same}/{len(refs)}",
            f"{parsed}/{len(refs)}",
            f"{per_row:.2f}",
        )
    console.print(table)


def main(
    n: int = typer.Option(20, "--n", min=1, max=len(REQUESTS)),
    hf_n: int = typer.Option(5, "--hf-n", min=0, help="Requests for the (slow) transformers engine."),
    kinds: str = typer.Option(
        "q8_0,f16", "--kinds", help="GGUF kinds to compare (f32, f16, q8_0); the last one beside transformers."
    ),
    flowsim_rows: int = typer.Option(500, "--flowsim-rows", min=1),
    out: Path = typer.Option(ROOT / "runs" / "engine", "--out"),
    skip: str = typer.Option("", "--skip", help="Comma-separated: speed, service, cli, flowsim."),
) -> None:
    console = Console()
    skipped = set(filter(None, skip.split(",")))
    kind_list = [k for k in kinds.split(",") if k]
    if "speed" not in skipped:
        table = Table("decoding (same GGUF, same prompts)", "GGUF", "requests", "tokens/s", "s/request")
        for i, kind in enumerate(kind_list):
            last = i == len(kind_list) - 1  # transformers last: once torch is loaded, its threads share the cores
            for row in _speed_rows(n, hf_n if last else 0, kind):
                name, gguf, count, tps, per = row
                table.add_row(
                    name, gguf, str(count), "" if tps is None else f"{tps:.1f}", "" if per is None else f"{per:.2f}"
                )
        console.print(table)
    if "service" not in skipped:
        _service(console)
    if "cli" not in skipped:
        _cli(console)
    if "flowsim" not in skipped:
        _flowsim(console, flowsim_rows, kind_list, out)


if __name__ == "__main__":
    typer.run(main)
