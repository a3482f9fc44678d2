# Shared by scripts/serve.sh, scripts/test.sh and scripts/bench.sh: installs
# what the build needs, once, and skips what is already there.

# Builds go to a cache outside the repository, so that a fresh clone (CI
# included) on the same machine reuses earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/scoring/target}"
TOOLS_DIR="${SCORING_TOOLS_DIR:-$HOME/.cache/scoring/tools}"
mkdir -p "$CARGO_TARGET_DIR" "$TOOLS_DIR/bin"
export PATH="$TOOLS_DIR/bin:$PATH"

step() {
  printf '\n==> %s\n' "$*"
}

# Runs a command as root (directly, or through sudo).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate
# in Cargo.lock (pinned `=` in scoring-web/Cargo.toml).
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    echo "installing wasm-bindgen-cli $want (a few minutes, once)"
    # Not --locked: the registry copy's lock file names a yanked crate.
    cargo install wasm-bindgen-cli --version "$want" --root "$TOOLS_DIR"
  fi
}

# cargo-public-api, pinned to a version that reads the rustdoc JSON of the
# nightly toolchain installed here (it needs nightly to make that JSON).
CARGO_PUBLIC_API_VERSION=0.52.0
ensure_public_api() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    echo "installing the nightly toolchain (cargo public-api reads its rustdoc JSON)"
    rustup toolchain install nightly --profile minimal
  fi
  if [ "$(cargo-public-api --version 2>/dev/null)" != "cargo-public-api $CARGO_PUBLIC_API_VERSION" ]; then
    echo "installing cargo-public-api $CARGO_PUBLIC_API_VERSION (a few minutes, once)"
    cargo install cargo-public-api --version "$CARGO_PUBLIC_API_VERSION" --locked --root "$TOOLS_DIR"
  fi
}

# npm packages pinned in package-lock.json: wasm-opt and playwright-core.
ensure_node_modules() {
  local stamp=node_modules/.scoring-lock
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

# Debian's Chromium (a test tool's own browser download fails here), and a
# Chinese font so that screenshots are readable.
ensure_chromium() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-zenhei)
  if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# LibreOffice Calc from Debian (headless): the entry-form tests round-trip
# forms through it, a real third-party spreadsheet program.
ensure_libreoffice() {
  if ! command -v soffice > /dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui
  fi
}

# Builds the web app's release bundle into dist/.
# The files a visit to the served page loads before it is ready (dist/
# also holds scoring-single.html, the same page in one file for a disk).
SERVED_FILES="index.html hint.js boot.js scoring_web.js scoring_web_bg.wasm style.css"
# Fetched later, the first time an assessor reads or writes a workbook.
XLSX_FILES="scoring_web_xlsx.js scoring_web_xlsx_bg.wasm"

build_web() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_node_modules
  step "building scoring-web for wasm32 (release)"
  # Two builds, not one: built together, cargo would unify the features of
  # scoring-formats and put the XLSX code back into the page's module.
  cargo build -p scoring-web --target wasm32-unknown-unknown --profile wasm-release
  step "building scoring-web-xlsx for wasm32 (release): the XLSX module, fetched when needed"
  cargo build -p scoring-web-xlsx --target wasm32-unknown-unknown --profile wasm-release
  rm -rf dist
  mkdir -p dist
  local name built
  for name in scoring_web scoring_web_xlsx; do
    # The page is a binary (scoring-web.wasm), the XLSX module a library.
    built="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/$name.wasm"
    [ "$name" = scoring_web ] && built="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/scoring-web.wasm"
    wasm-bindgen --target web --no-typescript --out-dir dist --out-name "$name" "$built"
    step "optimising $name with wasm-opt -Oz"
    node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
      --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "dist/${name}_bg.wasm" -o "dist/${name}_bg.wasm"
  done
  cp index.html dist/
  cp scoring-web/static/* dist/
  # boot.js is explained at length in its source; a first visit does not
  # need the comments (whole lines of them, nothing else, are dropped).
  sed -i -E '/^[[:space:]]*\/\//d' dist/boot.js dist/hint.js
  # The module's size, for the loading line's count on a first visit.
  sed -i "s/__SCORING_WASM_BYTES__/$(stat -c %s dist/scoring_web_bg.wasm)/" dist/boot.js
  local wasm_kb gz_kb
  for name in scoring_web scoring_web_xlsx; do
    wasm_kb=$(( $(stat -c %s "dist/${name}_bg.wasm") / 1024 ))
    gz_kb=$(( $(gzip -9 -c "dist/${name}_bg.wasm" | wc -c) / 1024 ))
    echo "dist/${name}_bg.wasm: ${wasm_kb} KB (${gz_kb} KB gzipped)"
  done
  # What a first visit downloads before the page is ready: every file in
  # dist/, each compressed with gzip -9 as a server would send it.
  first_visit=0
  for f in $SERVED_FILES; do
    first_visit=$(( first_visit + $(gzip -9 -c "dist/$f" | wc -c) ))
  done
  echo "first visit: $(( first_visit / 1024 )) KB (gzip -9 of the files a visit loads)"
  local later=0
  for f in $XLSX_FILES; do
    later=$(( later + $(gzip -9 -c "dist/$f" | wc -c) ))
  done
  echo "XLSX module, fetched the first time a workbook is read or written: $(( later / 1024 )) KB (gzip -9)"
  # The same page as one file that opens from a disk (file://), offline.
  python3 scripts/single-file.py dist
}

# Fails when the first visit has grown past the budget kept in
# scripts/first-visit-budget-kb (what a first visit downloads, gzip -9;
# see docs/performance.md). Run after build_web.
check_first_visit_budget() {
  local budget total=0 f
  budget=$(tr -dc '0-9' < scripts/first-visit-budget-kb)
  for f in $SERVED_FILES; do
    total=$(( total + $(gzip -9 -c "dist/$f" | wc -c) ))
  done
  total=$(( total / 1024 ))
  if [ "$total" -gt "$budget" ]; then
    echo "first visit is ${total} KB, over the budget of ${budget} KB (scripts/first-visit-budget-kb)" >&2
    return 1
  fi
  echo "first visit ${total} KB, within the budget of ${budget} KB"
}

# Builds the JavaScript package (scoring-js) into scoring-js/pkg/: the
# engine as a WebAssembly module with its glue, the package's JavaScript
# and TypeScript (scoring-js/js/), the XLSX module for its `xlsx` entry,
# and a package.json whose version is the workspace's. Prints the sizes.
JS_PKG=scoring-js/pkg
build_js_package() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_node_modules
  step "building scoring-js for wasm32 (release)"
  cargo build -p scoring-js --target wasm32-unknown-unknown --profile wasm-release
  cargo build -p scoring-web-xlsx --target wasm32-unknown-unknown --profile wasm-release
  rm -rf "$JS_PKG"
  mkdir -p "$JS_PKG"
  local name built
  for name in scoring_js scoring_xlsx; do
    built="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/$name.wasm"
    [ "$name" = scoring_xlsx ] && built="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/scoring_web_xlsx.wasm"
    wasm-bindgen --target web --no-typescript --out-dir "$JS_PKG" --out-name "$name" "$built"
    node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
      --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$JS_PKG/${name}_bg.wasm" -o "$JS_PKG/${name}_bg.wasm"
  done
  cp scoring-js/js/* scoring-js/README.md LICENSE-MIT LICENSE-APACHE "$JS_PKG/"
  # The documents the README, the types and the messages point to.
  mkdir -p "$JS_PKG/docs"
  cp docs/errors.md docs/report.schema.json docs/rubric.md "$JS_PKG/docs/"
  local version
  version=$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version = / { print $2; exit }' Cargo.toml)
  node scripts/js-package.mjs "$JS_PKG" "$version"
  local csv=0 xlsx=0 f
  for f in scoring_js_bg.wasm scoring_js.js api.js errors.js node.js; do
    csv=$(( csv + $(gzip -9 -c "$JS_PKG/$f" | wc -c) ))
  done
  for f in scoring_xlsx_bg.wasm scoring_xlsx.js xlsx-api.js xlsx-node.js; do
    xlsx=$(( xlsx + $(gzip -9 -c "$JS_PKG/$f" | wc -c) ))
  done
  JS_CSV_KB=$(( csv / 1024 ))
  echo "JavaScript package (CSV only: the engine's wasm and glue): ${JS_CSV_KB} KB gzip -9"
  echo "its xlsx entry, loaded only by those who import it: $(( xlsx / 1024 )) KB gzip -9"
  echo "its bundled rubrics and schema (bundled.js), fetched only when asked for: $(( $(gzip -9 -c "$JS_PKG/bundled.js" | wc -c) / 1024 )) KB gzip -9"
}

# Fails when the CSV-only JavaScript package has grown past the budget in
# scripts/js-package-budget-kb (gzip -9 of the engine's wasm and glue; see
# docs/performance.md). Run after build_js_package.
check_js_package_budget() {
  local budget
  budget=$(tr -dc '0-9' < scripts/js-package-budget-kb)
  if [ "$JS_CSV_KB" -gt "$budget" ]; then
    echo "the JavaScript package is ${JS_CSV_KB} KB, over the budget of ${budget} KB (scripts/js-package-budget-kb)" >&2
    return 1
  fi
  echo "JavaScript package ${JS_CSV_KB} KB, within the budget of ${budget} KB"
}
