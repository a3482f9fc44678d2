#!/usr/bin/env python3
"""Makes dist/scoring-single.html: the whole page in one file (the
stylesheet, the WebAssembly modules' glue and the modules themselves,
gzipped, as base64, inline: the page's, and the XLSX module started when
needed), which opens from a disk (file://) with no server and no network. Run after build_web; scripts/lib.sh's build_single_file calls it.

The page's security policy stays as strict as the served page's: the one
inline script is allowed by its SHA-256 hash, nothing by 'unsafe-inline'.
"""

import base64
import gzip
import hashlib
import pathlib
import re
import sys

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
html = (dist / "index.html").read_text(encoding="utf-8")
css = (dist / "style.css").read_text(encoding="utf-8")
glue = (dist / "scoring_web.js").read_text(encoding="utf-8")


def packed(path):
    """A module's bytes gzipped (unpacked by the browser's own
    DecompressionStream as it compiles), as base64: a third of the size,
    and the browser parses the file in a third of the time."""
    data = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
    return base64.b64encode(data).decode("ascii")


wasm = packed(dist / "scoring_web_bg.wasm")

# A module from its gzipped base64: the bytes by the browser where it can
# (Uint8Array.fromBase64, Chromium 140 and later), else a byte at a time;
# unpacked by DecompressionStream (Chromium 80, Firefox 113, Safari 16.4)
# into a Response, so that the module compiles as it is unpacked.
UNPACK = """const fromBase64 = (text) => {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const b = atob(text);
  const u = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) u[i] = b.charCodeAt(i);
  return u;
};
const unpack = (text) => new Response(
  new Blob([fromBase64(text)]).stream().pipeThrough(new DecompressionStream('gzip')),
  { headers: { 'Content-Type': 'application/wasm' } },
);
"""

# The glue is an ES module: its exports are kept (harmless inline), and
# the start is boot.js's, handed the module's bytes instead of a URL.
boot = (dist / "boot.js").read_text(encoding="utf-8")
boot = re.sub(r"^import init from .*$", "", boot, flags=re.M)
start = re.search(r"^const compiled = .*?;$", boot, flags=re.M | re.S)
if not start or "init({ module_or_path: module ?? counted(fetch(MODULE_URL)) })" not in boot:
    sys.exit("single-file.py: boot.js no longer starts the module as this script expects: update it")
# Started in a promise: a browser without DecompressionStream then gets
# boot.js's message, not a script stopped before it could say anything.
boot = boot.replace(
    start.group(0),
    "const compiled = Promise.resolve().then(() => WebAssembly.compileStreaming(unpack(pageWasm)));",
    1,
)

# The XLSX module: its glue in a scope of its own (its names are the
# page glue's names), its bytes decoded the first time a workbook is read
# or written. boot.js's loader, which imports the module's file, is
# replaced by one that starts it from those bytes.
xlsx_glue = (dist / "scoring_web_xlsx.js").read_text(encoding="utf-8")
xlsx_wasm = packed(dist / "scoring_web_xlsx_bg.wasm")
xlsx_exports = re.findall(r"^export function (\w+)", xlsx_glue, flags=re.M)
if sorted(xlsx_exports) != ["readSheet", "writeBook", "writeZip"]:
    sys.exit(f"single-file.py: the XLSX module's exports changed ({xlsx_exports}): update this script")
xlsx_body = re.sub(r"^export function ", "function ", xlsx_glue, flags=re.M)
xlsx_body = xlsx_body.replace("export { initSync, __wbg_init as default };", "")
xlsx_script = (
    "const xlsxModule = (() => {\n"
    + xlsx_body
    + "\nreturn { default: __wbg_init, readSheet, writeBook, writeZip };\n})();\n"
    + "const xlsxB64 = '"
    + xlsx_wasm
    + "';\nlet xlsxStarted = null;\n"
    + "const startXlsx = () => {\n"
    + "  if (!xlsxStarted) {\n"
    + "    xlsxStarted = xlsxModule.default({ module_or_path: unpack(xlsxB64) }).then(() => xlsxModule);\n"
    + "  }\n"
    + "  return xlsxStarted;\n"
    + "};\n"
)
loader = re.search(r"^window\.__scoringXlsx = \(\) => \{$.*?^\};$", boot, flags=re.M | re.S)
if not loader:
    sys.exit("single-file.py: boot.js no longer defines window.__scoringXlsx: update this script")
boot = boot.replace(loader.group(0), "window.__scoringXlsx = startXlsx;")

script = (
    glue.replace("export { initSync, __wbg_init as default };", "const init = __wbg_init;")
    + "\n"
    + UNPACK
    + "const pageWasm = '"
    + wasm
    + "';\n"
    + xlsx_script
    + boot
)
if "const init = __wbg_init;" not in script:
    sys.exit("single-file.py: the glue's default export changed: update this script")
# `</script` inside the script would end it early.
if "</script" in script.lower():
    sys.exit("single-file.py: the script contains </script")
digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
# hint.js inline too (a classic script, in the head: a copy cut short
# keeps it), allowed by its own hash.
hint = (dist / "hint.js").read_text(encoding="utf-8")
hint_digest = base64.b64encode(hashlib.sha256(hint.encode("utf-8")).digest()).decode("ascii")
if '<script src="hint.js" defer></script>' not in html:
    sys.exit("single-file.py: index.html no longer loads hint.js as this script expects: update it")
html = html.replace('<script src="hint.js" defer></script>', "<script>" + hint + "</script>", 1)

html = html.replace(
    "script-src 'self' 'wasm-unsafe-eval'",
    f"script-src 'sha256-{digest}' 'sha256-{hint_digest}' 'wasm-unsafe-eval'",
    1,
)
html = html.replace('<link rel="stylesheet" href="style.css">', "<style>\n" + css + "</style>", 1)
# The script at the end of the body, after the loading line and its hint:
# a copy cut short (a USB stick pulled out) loses the script, not the
# words that say the page did not start. A module script runs after the
# document is parsed wherever it stands.
html = html.replace('  <script type="module" src="boot.js"></script>\n', "", 1)
html = html.replace(
    "</body>",
    '<script type="module">' + script + "</script>\n</body>",
    1,
)
# Nothing is downloaded: the loading line's note on a first visit's
# download does not apply.
note = re.search(r'^\s*<p id="boot-note">.*?</p>\n', html, flags=re.M)
if not note:
    sys.exit("single-file.py: index.html's loading note changed: update this script")
html = html.replace(note.group(0), "", 1)
# Everything is inline: nothing to fetch ahead.
preloads = re.findall(r"^\s*<!-- Fetched at once.*?-->\n|^\s*<link rel=\"(?:module)?preload\"[^>]*>\n", html, flags=re.M | re.S)
if len(preloads) != 3:
    sys.exit("single-file.py: index.html's preloads changed: update this script")
for p in preloads:
    html = html.replace(p, "", 1)
if 'src="boot.js"' in html or 'src="hint.js"' in html or 'href="style.css"' in html or f"sha256-{digest}" not in html:
    sys.exit("single-file.py: index.html changed its shape: update this script")
out = dist / "scoring-single.html"
out.write_text(html, encoding="utf-8")
print(f"{out}: {out.stat().st_size // 1024} KB (opens from a disk, no server)")
