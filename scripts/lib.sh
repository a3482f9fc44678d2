# Shared by scripts/serve.sh and scripts/test.sh: installs what the build
# needs, once, and skips what is already there.

# Builds go to a cache outside the repository, so that a fresh clone (CI
# included) on the same machine reuses earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/scoring/target}"
TOOLS_DIR="${SCORING_TOOLS_DIR:-$HOME/.cache/scoring/tools}"
mkdir -p "$CARGO_TARGET_DIR" "$TOOLS_DIR"
export PATH="$TOOLS_DIR/bin:$PATH"

step() {
  printf '\n==> %s\n' "$*"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}
