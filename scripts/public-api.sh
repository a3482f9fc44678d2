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
status=0
for crate in scoring-core scoring-formats; do
  snapshot="$crate/public-api.txt"
  current=$(mktemp)
  # -ss: without blanket and auto-trait impls (From<T> for T, Send…), which
  # say nothing about the crate. Every feature, so that the schema functions
  # are listed.
  cargo public-api -p "$crate" -ss --all-features 2>/dev/null > "$current"
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
