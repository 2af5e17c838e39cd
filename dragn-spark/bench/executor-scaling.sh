#!/usr/bin/env bash
# Executor scaling of dragn-spark's three jobs on this machine: HPA preparation (crops/s), frozen-trunk
# feature extraction (images/s) and training (bags/s), each in one plain JVM, on Spark with one executor
# core (local[1]) and with two (local[2]); writes a table to OUT/scaling.md. Run it on a quiet machine
# after 'mvn install'; with the defaults it takes ~15 min on 2 cores (selective search dominates).
#
#   dragn-spark/bench/executor-scaling.sh [OUT]
#   HPA_BAGS=30 (synthetic HPA proteins, ~3 fields of 512² each)  TRUNK=RESNET18 SIZE=96x96  EPOCHS=4
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mkdir -p "${1:-$root/runs/spark-scaling}" && cd "${1:-$root/runs/spark-scaling}" && pwd)"
dragn="$root/dragn-train/target/dragn/bin/dragn"
spark="$root/dragn-spark/target/dragn-spark/bin/dragn-spark"
hpa_bags="${HPA_BAGS:-30}"; trunk="${TRUNK:-RESNET18}"; size="${SIZE:-96x96}"; epochs="${EPOCHS:-4}"
demo="$root/runs/data"
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
rows=()

# --- HPA preparation: selective search on synthetic 512² fields ---------------------------------------
[[ -d "$out/hpa" ]] || "$dragn" synth hpa --out "$out/hpa" --bags "$hpa_bags" > /dev/null
hpa=(--grouping "$out/hpa/groups.csv" --grouping-format BAG_CSV --images "$out/hpa/images"
     --classes "$out/hpa/classes.txt" --split-fractions 0.6,0.2,0.2 --crop-size 128)
crops() { find "$1" -name '*.png' -path '*crops*' | wc -l; }
rm -rf "$out/crops-jvm"; t=$(now); "$dragn" prepare-hpa "${hpa[@]}" --threads 1 --out "$out/crops-jvm" > "$out/crops-jvm.log" 2>&1
rows+=("HPA preparation|one JVM, 1 thread|$(since "$t")|$(crops "$out/crops-jvm")|crops")
rm -rf "$out/crops-jvm2"; t=$(now); "$dragn" prepare-hpa "${hpa[@]}" --threads 2 --out "$out/crops-jvm2" > "$out/crops-jvm2.log" 2>&1
rows+=("HPA preparation|one JVM, 2 threads|$(since "$t")|$(crops "$out/crops-jvm2")|crops")
for m in 1 2; do
  rm -rf "$out/crops-local$m"; t=$(now)
  "$spark" prepare-hpa --master "local[$m]" "${hpa[@]}" --out "$out/crops-local$m" > "$out/crops-local$m.log" 2>&1
  rows+=("HPA preparation|Spark local[$m]|$(since "$t")|$(crops "$out/crops-local$m")|crops")
done
cmp <(cd "$out/crops-jvm" && cat bags.csv) <(cd "$out/crops-local2" && cat bags.csv) \
  && echo "HPA: the Spark manifest equals the one-JVM manifest" >> "$out/identity.txt"

# --- frozen-trunk features of the demo data ----------------------------------------------------------
feat=(--config demo --trunk "$trunk" --input-size "$size" --data-cache "$demo")
rm -rf "$out/features-jvm" "$out/run-jvm"
"$dragn" train "${feat[@]}" --frozen-trunk --epochs 1 --feature-cache "$out/features-jvm" --out "$out/run-jvm" \
    > "$out/features-jvm.log" 2>&1
line=$(grep -o 'features of [0-9]* images.*extracted in [0-9.]* s' "$out/features-jvm.log" | head -1)
images=$(sed -E 's/.*\(([0-9]+) extracted in.*/\1/' <<< "$line"); secs=$(sed -E 's/.*extracted in ([0-9.]+) s/\1/' <<< "$line")
rows+=("feature extraction ($trunk, $size)|one JVM|$secs|$images|images")
for m in 1 2; do
  rm -rf "$out/features-local$m"
  "$spark" cache-features --master "local[$m]" "${feat[@]}" --feature-cache "$out/features-local$m" \
      > "$out/features-local$m.log" 2>&1
  line=$(grep -o '[0-9]* extracted on Spark in [0-9.]* s' "$out/features-local$m.log")
  rows+=("feature extraction ($trunk, $size)|Spark local[$m]|$(awk '{print $6}' <<< "$line")|$(awk '{print $1}' <<< "$line")|images")
done

# --- training: the demo's DRAGN-L1, bags/s over epochs 2.. (the first includes JIT warm-up) ------------
bags_per_s() { python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1] + "/history.csv")))[1:]
print(f'{sum(float(r["seconds"]) for r in rows):.1f}|{400 * len(rows)}')
PY
}
rm -rf "$out/train-jvm"
"$dragn" train --config demo --epochs "$epochs" --data-cache "$demo" --out "$out/train-jvm" > "$out/train-jvm.log" 2>&1
rows+=("training (demo DRAGN-L1, epochs 2-$epochs)|one JVM|$(bags_per_s "$out/train-jvm")|bags")
for m in 1 2; do
  rm -rf "$out/train-local$m"
  "$spark" train --config demo --epochs "$epochs" --master "local[$m]" --replicas "$m" --data-cache "$demo" \
      --out "$out/train-local$m" > "$out/train-local$m.log" 2>&1
  rows+=("training (demo DRAGN-L1, epochs 2-$epochs)|Spark local[$m], $m replica(s)|$(bags_per_s "$out/train-local$m")|bags")
done

{
  echo "| job | where | seconds | items | per second |"
  echo "|---|---|---|---|---|"
  for r in "${rows[@]}"; do
    IFS='|' read -r job where secs items unit <<< "$r"
    printf '| %s | %s | %s | %s %s | %s |\n' "$job" "$where" "$secs" "$items" "$unit" \
        "$(python3 -c "print(f'{$items / max($secs, 1e-9):.2f}')")"
  done
  echo
  echo "$(nproc) cores, $(date -u +%FT%TZ); ratios: divide local[2] by local[1] per job."
} > "$out/scaling.md.tmp" && mv "$out/scaling.md.tmp" "$out/scaling.md"
cat "$out/scaling.md"
