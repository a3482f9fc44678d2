#!/usr/bin/env bash
# Prints the speed figures recorded in docs/performance.md:
#   - criterion: scoring 1 k, 10 k and 100 k synthetic offices (one core);
#   - the `scoring` command end to end on 100 k offices (read CSV, score,
#     write JSON / CSV), best of five runs.
# Not part of the test command: figures are measured, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

N="${1:-100000}"
DATA="$CARGO_TARGET_DIR/bench-$N.csv"

step "criterion: scoring-core/benches/score.rs"
cargo bench -p scoring-core --bench score 2>&1 | grep -E "^score/|time:"

step "building the release binary and $N synthetic offices"
cargo build -q --release -p scoring-cli
cargo run -q --release -p scoring-core --example synthetic_csv -- "$N" > "$DATA"
echo "data: $(du -h "$DATA" | cut -f1), $N offices"
cargo run -q --release -p scoring-core --example profile_score

best_of_five() {
  local best=""
  for _ in 1 2 3 4 5; do
    local start end ms
    start=$(date +%s%N)
    "$@" > "$CARGO_TARGET_DIR/bench-out" 
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best ms  ($(du -h "$CARGO_TARGET_DIR/bench-out" | cut -f1) written)"
}

step "scoring score --format json, end to end, best of 5"
best_of_five "$CARGO_TARGET_DIR/release/scoring" score --data "$DATA" --format json
step "scoring score --format csv, end to end, best of 5"
best_of_five "$CARGO_TARGET_DIR/release/scoring" score --data "$DATA" --format csv
step "scoring score (table), end to end, best of 5"
best_of_five "$CARGO_TARGET_DIR/release/scoring" score --data "$DATA"
