/**
 * The Python driver `tdp export travel` writes next to an exported world. The official
 * `eval.py` reads the queries from Hugging Face and divides by the split sizes it knows (180
 * validation tasks...), so the driver calls the official per-plan functions
 * (`commonsense_constraint.evaluation`, `hard_constraint.evaluation`) unchanged, on the exported
 * queries and plans, and aggregates like `eval.py` over however many queries there are. It
 * prints one JSON line per plan (the official verdicts) and the six rates.
 */
export const OFFICIAL_EVAL_SCRIPT = `"""Run TravelPlanner's official evaluation functions on an exported world.

Written by \`tdp export travel\`. Usage (the official code reads ../database from evaluation/):

    cp -r EXPORT/database/. TravelPlanner/database/
    python EXPORT/run_official_eval.py TravelPlanner EXPORT/queries.jsonl EXPORT/reference_plans.jsonl

It prints JSON lines to stdout (one per plan, then {"summary": ...}); the official code's own
messages go to stderr. PLANS is JSON Lines in the official submission format: {"idx": 1, "query": "...", "plan": [...]},
one line per query, in the order of queries.jsonl. The verdicts come from the official
functions unchanged; only the aggregation of eval.py is repeated here, because eval.py loads
its queries from Hugging Face and divides by the official split sizes. Where the official code
raises, eval.py would stop; this driver records the error for that plan and goes on.
"""
import ast
import contextlib
import json
import os
import sys
import types

if len(sys.argv) != 4:
    sys.exit(__doc__)
repo, queries_file, plans_file = (os.path.abspath(p) for p in sys.argv[1:4])
sys.path.insert(0, repo)
sys.path.insert(0, os.path.join(repo, "evaluation"))

# Only pandas is needed to evaluate. The official modules also import gradio (annotation UI),
# requests (the online distance API) and tqdm at load time: stand-ins when they are missing.
def stand_in(name, **attrs):
    try:
        __import__(name)
    except ImportError:
        module = types.ModuleType(name)
        module.__dict__.update(attrs)
        sys.modules[name] = module


stand_in("gradio")
stand_in("requests")
stand_in("requests.exceptions", SSLError=type("SSLError", (Exception,), {}))
stand_in("tqdm", tqdm=lambda items, *args, **kwargs: items)

# The official modules print progress and parse warnings: keep stdout for the JSON lines.
with contextlib.redirect_stdout(sys.stderr):
    from commonsense_constraint import evaluation as commonsense_eval  # (chdirs to evaluation/)
    from hard_constraint import evaluation as hard_eval


def load_lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f.read().strip().split("\\n")]


def plain(box):
    if box is None:
        return None
    return {k: [None if v[0] is None else bool(v[0]), v[1]] for k, v in box.items()}


queries = load_lines(queries_file)
plans = load_lines(plans_file)
if len(plans) != len(queries):
    sys.exit(f"{len(queries)} queries but {len(plans)} plans")

delivered = cs_pass = cs_macro = hc_pass = hc_macro = final = hc_total = 0
for idx, (q, p) in enumerate(zip(queries, plans), start=1):
    for key in ("local_constraint", "date"):
        if isinstance(q.get(key), str):
            q[key] = ast.literal_eval(q[key])
    lc = q["local_constraint"]
    counted = [] if q["level"] == "easy" else ["house rule", "cuisine", "room type"] + (["transportation"] if q["level"] != "medium" else [])
    hc_total += 1 + sum(1 for k in counted if lc[k] is not None)
    line = {"idx": idx, "commonsense": None, "hard": None, "error": None}
    try:
        with contextlib.redirect_stdout(sys.stderr):
            cs = commonsense_eval(q, p["plan"]) if p["plan"] else None
            ok = cs and cs["is_not_absent"][0] and cs["is_valid_information_in_sandbox"][0]
            hard = hard_eval(q, p["plan"]) if ok else None
    except Exception as e:  # eval.py would stop here
        line["error"] = f"{type(e).__name__}: {e}"
        print(json.dumps(line))
        continue
    line["commonsense"], line["hard"] = plain(cs), plain(hard)
    print(json.dumps(line))
    if not cs:
        continue
    delivered += 1
    cs_pass += sum(1 for v in cs.values() if v[0])
    if hard is None:
        continue
    hc_pass += sum(1 for v in hard.values() if v[0])
    cs_ok = all(v[0] is None or v[0] for v in cs.values())
    hc_ok = all(v[0] is None or v[0] for v in hard.values())
    cs_macro += cs_ok
    hc_macro += hc_ok
    final += cs_ok and hc_ok

n = len(queries)
summary = {
    "Delivery Rate": delivered / n,
    "Commonsense Constraint Micro Pass Rate": cs_pass / (8 * n),
    "Commonsense Constraint Macro Pass Rate": cs_macro / n,
    "Hard Constraint Micro Pass Rate": hc_pass / hc_total,
    "Hard Constraint Macro Pass Rate": hc_macro / n,
    "Final Pass Rate": final / n,
}
print(json.dumps({"summary": summary}))
`;
