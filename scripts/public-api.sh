#!/usr/bin/env bash
# The library crates' public APIs, checked against the snapshots kept in
# the repository (`scoring-core/public-api.txt`,
# `scoring-formats/public-api.txt`): every change to what embedders can
# reach is then a reviewed diff. Part of the test command.
#
#   scripts/public-api.sh          compare; fail with the diff
#   scripts/public-api.sh --bless  rewrite the snapshots after a change
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_public_api
# The nightly toolchain builds into a target directory of its own (sharing
# the stable one makes each toolchain rebuild after the other). Cargo asks
# rustc about the target with a program read from standard input, which it
# leaves open, and keeps a failed answer: input comes from /dev/null, and
# an answer kept from a run that had text there is dropped. The rustdoc
# JSON is made here and handed to cargo-public-api, which then only reads
# it (left to build it, it runs cargo with its own standard input).
NIGHTLY_TARGET="$CARGO_TARGET_DIR-nightly"
rm -f "$NIGHTLY_TARGET/.rustc_info.json"
status=0
for crate in scoring-core scoring-formats; do
  snapshot="$crate/public-api.txt"
  current=$(mktemp)
  CARGO_TARGET_DIR="$NIGHTLY_TARGET" cargo +nightly rustdoc -q -p "$crate" --lib --all-features \
    -- -Z unstable-options --output-format json < /dev/null
  # -ss: without blanket and auto-trait impls (From<T> for T, Send…), which
  # say nothing about the crate.
  cargo-public-api public-api --rustdoc-json "$NIGHTLY_TARGET/doc/${crate//-/_}.json" -ss \
    < /dev/null > "$current"
  if [ "${1:-}" = "--bless" ]; then
    mv "$current" "$snapshot"
    echo "$snapshot: $(wc -l < "$snapshot") lines"
  elif ! diff -u "$snapshot" "$current"; then
    echo "the public API of $crate changed (above): if that is meant, run scripts/public-api.sh --bless and commit the snapshot" >&2
    status=1
    rm -f "$current"
  else
    rm -f "$current"
  fi
done
exit $status
