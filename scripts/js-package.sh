#!/usr/bin/env bash
# Builds the JavaScript package (scoring-engine) into scoring-js/pkg/,
# ready for `npm publish` from that directory. Installs what it needs
# first (the wasm target, the pinned wasm-bindgen, npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
exec < /dev/null
build_js_package
