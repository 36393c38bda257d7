#!/usr/bin/env bash
# Readout's one entry point. Idempotent: each step installs only what is missing.
#
#   ./build.sh serve   build the wasm and serve www/ at http://127.0.0.1:8080 with the headers of www/_headers
#   ./build.sh test    every check: rustfmt, clippy, native tests, wasm32 build, wasm tests, browser e2e
#   ./build.sh wasm    build the wasm into www/pkg/ (and copy the sample articles into www/samples/)
#   ./build.sh single  write dist/readout.html: the whole page in one file that works from file://
#   ./build.sh deps    install what is missing, nothing else
#   ./build.sh fuzz [SECONDS]  run each cargo-fuzz target for SECONDS (default 60), one at a time
#   ./build.sh bench [--repeats N] [--corpus DIR]  issue #11's table: sizes, page timings, memory, CLI, trafilatura
#   ./build.sh tables [--check]  rebuild data/jieba_news.bin from jieba's tables and wordfreq (data/jieba_news.md)
#   ./build.sh screenshots  copy the README's screenshots from the last browser test run into docs/
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$PATH"
PORT=${PORT:-8080}

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: clang (jieba-rs's zstd-sys builds C for wasm32), Chromium + driver (browser tests),
# a CJK font (screenshots), python3 (the samples' index).
deps_apt() {
  local need=()
  command -v clang >/dev/null || need+=(clang)
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
  command -v python3 >/dev/null || need+=(python3)
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing Debian packages: ${need[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly (it refuses a mismatch).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

deps_rust() {
  rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' ||
    { log "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want; want=$(wasm_bindgen_version)
  if [ -z "$want" ]; then cargo update -p wasm-bindgen >/dev/null 2>&1 || true; want=$(wasm_bindgen_version); fi
  local have; have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (have: ${have:-none})"
    # Not --locked: a locked dependency version is missing from the registry index seen here.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

deps_npm() {
  # playwright-core needs Node 20 or later (Debian 12's own nodejs is 18: use NodeSource's or nvm's).
  local major; major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "build.sh: the browser tests need Node.js 20 or later (found: $(node --version 2>/dev/null || echo none))" >&2
    exit 1
  fi
  if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
    log "installing npm packages from the lockfile"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

deps() { deps_apt; deps_rust; deps_npm; }

build_wasm() {
  log "building the wasm"
  cargo build --lib --release --target wasm32-unknown-unknown
  # The name section only serves debuggers: 270 KB raw, 60 KB brotli.
  wasm-bindgen --target web --no-typescript --remove-name-section --out-dir www/pkg \
    target/wasm32-unknown-unknown/release/readout.wasm
  # The segmentation tables: a file of their own, fetched by the worker while the module compiles.
  cp data/jieba_news.bin www/pkg/terms.bin
  ls -l www/pkg/readout_bg.wasm | awk '{printf "wasm: %.1f MB\n", $5/1048576}' >&2
  copy_samples
  manifest
}

# The service worker's manifest (www/build.js): the build's id and the hash of every file of the app.
manifest() {
  node tools/manifest.mjs www
}

# The seeds are the page's built-in samples; index.json lists them for the page and the service worker.
copy_samples() {
  mkdir -p www/samples
  rm -f www/samples/*
  # Only the articles: the seeds folder also holds expected outputs (*.expected.*).
  find tests/fixtures/seeds -maxdepth 1 -type f ! -name '*.expected.*' ! -name '.*' -exec cp {} www/samples/ \;
  # Each sample is listed with its front-matter title when it has one (the page shows titles, not hashes).
  (cd www/samples && ls | grep -v '^index.json$' | python3 -c '
import json, re, sys
out = []
for name in (l.strip() for l in sys.stdin if l.strip()):
    head = open(name, encoding="utf-8", errors="replace").read(4000)
    m = re.search(r"^title:\s*[\x27\x22]?(.+?)[\x27\x22]?\s*$", head, re.M)
    if not m:  # a plain file: its first line with words in it (seed 002 opens with a lone "-")
        m = re.search(r"^\W*(\w.{3,}?)\s*$", head, re.M)
    title = re.sub(r"\([a-zü\u00e0-\u01dc]+\)", "", m.group(1)) if m else None  # pinyin glosses: 長(zhǎng)
    out.append({"name": name, "title": title})
print(json.dumps(out, ensure_ascii=False))' >index.json)
}

single() {
  build_wasm
  log "writing the single-file page"
  node tools/single.mjs www dist/readout.html
}

# A static server that sends the headers of www/_headers (CSP, frame-ancestors, nosniff, COOP/COEP, the
# worker's own CSP), as a host that reads that file does.
serve() {
  build_wasm
  log "serving www/ at http://127.0.0.1:$PORT (Ctrl-C stops)"
  exec node tools/serve.mjs www "$PORT"
}

# The browser tests write their screenshots under target/e2e/screenshots/; the README's are copied into
# docs/screenshots/ only on request (a test run never modifies tracked files).
screenshots() {
  local src=target/e2e/screenshots names missing=0 n
  names=$(grep -o 'docs/screenshots/[A-Za-z0-9_.-]*\.png' README.md | sort -u | xargs -n1 basename)
  for n in $names; do [ -f "$src/$n" ] || missing=1; done
  if [ "$missing" = 1 ]; then
    log "taking the screenshots (browser tests of the page)"
    [ -f www/pkg/readout_bg.wasm ] || build_wasm
    [ -x target/release/readout ] || cargo build --release --bin readout # compare.test.mjs checks the page against it
    node --test tests/e2e/page.test.mjs
    node --test tests/e2e/compare.test.mjs
  fi
  mkdir -p docs/screenshots
  for n in $names; do cp "$src/$n" docs/screenshots/; echo "docs/screenshots/$n"; done
}

run_tests() {
  log "rustfmt"
  cargo fmt --all -- --check
  log "clippy (native and wasm32, warnings denied)"
  cargo clippy --all-targets -- -D warnings
  cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
  # Includes tests/regressions.rs, which replays the fuzz regression corpus natively.
  log "native tests"
  cargo test --release
  log "wasm tests in headless Chromium"
  CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test web --test web_terms --test web_tables
  if [ -d tests/e2e ]; then
    single
    cargo build --release --bin readout
    log "browser end-to-end tests"
    # One file at a time (the responsiveness test measures timings; Node 18 has no --test-concurrency).
    local f
    for f in tests/e2e/*.test.mjs; do node --test "$f"; done
  fi
}

# cargo-fuzz on the stable toolchain: RUSTC_BOOTSTRAP=1 lets it use the nightly-only flags it needs,
# and no sanitizer (-s none) avoids the ones stable cannot build. libfuzzer-sys builds with the C++
# compiler. Seeds come from the fixtures (fuzz/seed.sh); finds go to fuzz/artifacts/<target>/.
fuzz() {
  local secs=${1:-60}
  command -v c++ >/dev/null || { as_root apt-get update -qq; DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq g++ >/dev/null; }
  command -v cargo-fuzz >/dev/null || { log "installing cargo-fuzz"; cargo install cargo-fuzz; }
  fuzz/seed.sh
  local t
  for t in $(cargo fuzz list); do
    log "fuzzing $t for $secs s"
    RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$secs" -dict=fuzz/readout.dict -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
  done
}

# A Python venv under target/ for the tools that need PyPI packages (pinned): wordfreq for the tables,
# trafilatura and jieba for the bench's comparison.
venv() {
  [ -x target/venv/bin/python ] || python3 -m venv target/venv
  target/venv/bin/pip install -q --disable-pip-version-check "$@"
}

tables() {
  venv "wordfreq==3.1.1"
  mkdir -p target/tables
  target/venv/bin/python tools/tables/wordfreq_zh.py target/tables/wordfreq_zh.tsv
  cargo run --release --example build_tables -- "$@"
}

# Every row of issue #11's table in one run (tools/bench/bench.mjs); micro-benchmarks per stage are
# `cargo bench --bench stages`. Writes only under target/.
bench() {
  build_wasm
  cargo build --release --bin readout --example bench_native
  venv "trafilatura==2.3.1" "lxml_html_clean==0.4.6" "jieba==0.42.1"
  node tools/bench/bench.mjs "$@"
}

cmd=${1:-help}
case "$cmd" in
  deps) deps ;;
  wasm) deps; build_wasm ;;
  single) deps; single ;;
  serve) deps; serve ;;
  test) deps; run_tests ;;
  fuzz) fuzz "${2:-60}" ;;
  bench) shift; deps; bench "$@" ;;
  tables) shift; tables "$@" ;;
  screenshots) deps; screenshots ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
