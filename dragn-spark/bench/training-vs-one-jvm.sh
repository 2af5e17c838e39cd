#!/usr/bin/env bash
# Distributed training against one JVM on the demo task: DRAGN-L1 (the demo config) trained once per seed
# by 'dragn train' and by 'dragn-spark train --replicas 2' (parameter averaging every step), test metrics
# with their 95 % bootstrap intervals, mean ± sd over the seeds, and training throughput (bags/s over
# epochs 2-12, from history.csv). Needs 'mvn install' first; takes ~2.5 min per seed on 2 cores.
#
#   dragn-spark/bench/training-vs-one-jvm.sh [OUT] [SEEDS...]     (default: runs/spark-vs-jvm, seeds 1 2 3 4 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/runs/spark-vs-jvm}"; shift || true
seeds=("${@:-1 2 3 4 5}"); seeds=(${seeds[*]})
dragn="$root/dragn-train/target/dragn/bin/dragn"
spark="$root/dragn-spark/target/dragn-spark/bin/dragn-spark"
master="${MASTER:-local[2]}"
mkdir -p "$out"
for s in "${seeds[@]}"; do
  [[ -f "$out/one-jvm/seed-$s/test/metrics.json" ]] || "$dragn" train --config demo --seed "$s" \
      --out "$out/one-jvm/seed-$s" --data-cache "$root/runs/data" > "$out/one-jvm-seed-$s.log" 2>&1
  [[ -f "$out/spark/seed-$s/test/metrics.json" ]] || "$spark" train --config demo --seed "$s" --master "$master" \
      --replicas 2 --out "$out/spark/seed-$s" --data-cache "$root/runs/data" > "$out/spark-seed-$s.log" 2>&1
done
python3 - "$out" "${seeds[@]}" <<'PY'
import csv, json, statistics, sys
out, seeds = sys.argv[1], sys.argv[2:]
metrics = [("auc_macro", "AUC (macro)"), ("f1_macro", "F1 (macro)"), ("f1_micro", "F1 (micro)")]
def run(kind, s):
    m = json.load(open(f"{out}/{kind}/seed-{s}/test/metrics.json"))
    rows = list(csv.DictReader(open(f"{out}/{kind}/seed-{s}/history.csv")))
    secs = sum(float(r["seconds"]) for r in rows[1:])
    return m, 400 * (len(rows) - 1) / secs
res = {k: [run(k, s) for s in seeds] for k in ("one-jvm", "spark")}
print(f"| seed | metric | one JVM [95 % CI] | Spark, 2 replicas [95 % CI] | intervals overlap |")
print("|---|---|---|---|---|")
for i, s in enumerate(seeds):
    for key, name in metrics:
        a, b = res["one-jvm"][i][0], res["spark"][i][0]
        ca, cb = a["confidence_intervals"]["intervals"][key], b["confidence_intervals"]["intervals"][key]
        lo = lambda c: c["lower"]
        hi = lambda c: c["upper"]
        overlap = "yes" if lo(ca) <= hi(cb) and lo(cb) <= hi(ca) else "NO"
        print(f"| {s} | {name} | {100*a[key]:.2f} [{100*lo(ca):.2f}, {100*hi(ca):.2f}] | "
              f"{100*b[key]:.2f} [{100*lo(cb):.2f}, {100*hi(cb):.2f}] | {overlap} |")
print()
print("| over seeds | one JVM | Spark, 2 replicas |")
print("|---|---|---|")
for key, name in metrics:
    cells = []
    for k in ("one-jvm", "spark"):
        v = [100 * r[0][key] for r in res[k]]
        cells.append(f"{statistics.mean(v):.2f} ± {statistics.stdev(v) if len(v) > 1 else 0:.2f}")
    print(f"| {name} | {cells[0]} | {cells[1]} |")
for k, name in (("one-jvm", "one JVM"), ("spark", "Spark")):
    v = [r[1] for r in res[k]]
    print(f"training bags/s (epoch wall time, validation included), {name}: {statistics.mean(v):.1f} ± {statistics.stdev(v) if len(v) > 1 else 0:.1f}")
PY
