#!/usr/bin/env bash
# Runs every test of the project: formatting, lints, unit and integration
# tests, the WebAssembly build, and the browser end-to-end tests.
#
# Installs what it needs first (the wasm target, pinned tools, Chromium and
# LibreOffice Calc from Debian, npm packages) and skips what is already there. CI runs exactly this
# (`.ci/run`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
# Nothing here reads standard input. Cargo probes rustc (and clippy-driver)
# with `rustc -`, which inherits it: an input that never ends made the
# probe run out of memory, and cargo cached that failure in the target
# directory's .rustc_info.json for every later build.
exec < /dev/null

step "toolchain"
ensure_wasm_target

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test --workspace"
ensure_libreoffice
cargo test --workspace

step "cargo doc, warnings denied"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

step "public API snapshots (scripts/public-api.sh)"
scripts/public-api.sh

step "scoring-core builds for wasm32-unknown-unknown"
cargo build -p scoring-core -p scoring-formats --target wasm32-unknown-unknown

step "web app release bundle"
build_web
step "first-visit size budget"
check_first_visit_budget

step "JavaScript package (scripts/js-package.sh) and its tests"
build_js_package
check_js_package_budget
cargo build -q -p scoring-cli
SCORING_CLI="$CARGO_TARGET_DIR/debug/scoring" node --test scoring-js/tests/

step "browser end-to-end tests (headless Chromium)"
ensure_chromium
cargo build -q -p scoring-cli
SCORING_CLI="$CARGO_TARGET_DIR/debug/scoring" node --test tests/e2e/
echo "screenshots: tests/e2e/artifacts/"

step "all tests passed"
