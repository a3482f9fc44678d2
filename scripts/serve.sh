#!/usr/bin/env bash
# Builds the web app (release bundle in dist/) and serves it on 127.0.0.1.
# Installs what it needs first (the wasm target, the pinned wasm-bindgen CLI,
# wasm-opt) and skips what is already there.
#
#   ./scripts/serve.sh            # http://127.0.0.1:8080/
#   PORT=9000 ./scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

build_web
PORT="${PORT:-8080}"
step "serving dist/ — open http://127.0.0.1:$PORT/ (Ctrl-C stops)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
