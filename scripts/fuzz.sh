#!/usr/bin/env bash
# Fuzzes every parser of outside input for SECONDS each (default 60):
#   ./scripts/fuzz.sh [SECONDS] [TARGET…]
# Targets (fuzz/fuzz_targets/): rubric_yaml, data_file (CSV in every
# encoding and XLSX, the row-by-row reader checked against the table
# reader), item_log, calendar, assessment_file, saved_state. The checks
# are tests/fuzz.rs, which the normal test suite replays on every input in
# fuzz/regressions/.
#
# Needs the nightly toolchain (installed on these machines; toolchains
# cannot be downloaded here) and cargo-fuzz (installed once, pinned).
# Corpora start from the fixtures and grow in ~/.cache/scoring/fuzz/, not in
# the repository. Prints the executions of each target and adds them to
# ~/.cache/scoring/fuzz/runs.tsv; docs/reliability.md records the totals.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

SECONDS_EACH="${1:-60}"
shift || true
ALL=(rubric_yaml data_file item_log calendar assessment_file saved_state)
TARGETS=("${@:-${ALL[@]}}")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
CARGO_FUZZ_VERSION=0.13.2
FUZZ_HOME="$HOME/.cache/scoring/fuzz"
export CARGO_TARGET_DIR="$FUZZ_HOME/target"
mkdir -p "$FUZZ_HOME"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "the nightly toolchain is not installed: cargo fuzz needs it (rustup toolchain install nightly)" >&2
  exit 2
fi
if [ "$(cargo-fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  step "installing cargo-fuzz $CARGO_FUZZ_VERSION (once)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --root "$TOOLS_DIR"
fi

# Seeds: the fixtures each target reads.
seed() {
  local target=$1; shift
  local dir="$FUZZ_HOME/corpus/$target"
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "$dir/" || true
  done
}
seed rubric_yaml rubrics/*.yaml docs/examples/*.yaml tests/fixtures/*.yaml
seed data_file tests/fixtures/dept6.csv tests/fixtures/dept6-gb18030.csv tests/fixtures/dept6.xlsx \
  tests/fixtures/dept6-no-answer-counts.csv tests/fixtures/r2019-movers.csv
seed item_log tests/fixtures/dept6-items.csv
seed calendar scoring-core/data/holiday-cn/2025.json scoring-core/data/holiday-cn/2026.json
seed saved_state tests/fixtures/saved-state-v1.json
if [ ! -f "$FUZZ_HOME/corpus/assessment_file/seed.scoring.json" ]; then
  mkdir -p "$FUZZ_HOME/corpus/assessment_file"
  cargo run -q -p scoring-cli -- assessment --data tests/fixtures/dept6-no-answer-counts.csv \
    --items tests/fixtures/dept6-items.csv --period-end 2026-12-20 \
    --name 示例 --year 2026 -o "$FUZZ_HOME/corpus/assessment_file/seed.scoring.json"
fi
for t in "${ALL[@]}"; do
  [ -d "fuzz/regressions/$t" ] && seed "$t" fuzz/regressions/"$t"/*
done

step "building the fuzz targets (nightly, release)"
cargo +nightly fuzz build -O

status=0
printf '\n%-16s %12s %10s  %s\n' target executions exec/s result
for t in "${TARGETS[@]}"; do
  log="$FUZZ_HOME/$t.log"
  if cargo +nightly fuzz run -O "$t" "$FUZZ_HOME/corpus/$t" -- \
      -max_total_time="$SECONDS_EACH" -max_len=16384 -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result="CRASH: see $log and fuzz/artifacts/$t/"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  printf '%-16s %12s %10s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "$result"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$(git rev-parse --short HEAD)" "$t" "${runs:-0}" "$result" >> "$FUZZ_HOME/runs.tsv"
done
echo
echo "cumulative executions per target (this machine, $FUZZ_HOME/runs.tsv):"
awk -F'\t' '{ n[$3] += $4 } END { for (t in n) printf "  %-16s %12d\n", t, n[t] }' "$FUZZ_HOME/runs.tsv" | sort
exit $status
