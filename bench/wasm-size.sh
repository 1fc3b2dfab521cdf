#!/usr/bin/env bash
# Measures the hydrate WebAssembly of Concordat in both Leptos modes on the current tree:
#   islands  - the app as committed (only #[island] components are hydrated);
#   full     - the same code patched to full hydration (hydrate_body(App), every component
#              compiled into the browser bundle).
# Each is built like `cargo leptos build --release` does (profile wasm-release, wasm-bindgen,
# wasm-opt -Oz) and reported raw, gzip -9 and brotli (quality 11).
#
#   bash bench/wasm-size.sh            # prints a Markdown table
#
# Needs the toolchain that scripts/lib.sh installs (wasm target, wasm-bindgen, wasm-opt).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_opt

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target="$PWD/target/wasm-size"

measure() {
    local mode="$1" tree="$work/$1"
    mkdir -p "$tree"
    git ls-files -z | xargs -0 -I{} cp --parents {} "$tree"
    if [[ "$mode" == full ]]; then
        sed -i 's/^leptos = { version = "\([^"]*\)", features = \["islands"\] }/leptos = { version = "\1" }/' "$tree/Cargo.toml"
        sed -i 's/<HydrationScripts options islands=true\/>/<HydrationScripts options\/>/' "$tree/app/src/app.rs"
        sed -i 's/^#\[island\]/#[component]/' "$tree"/app/src/components/*.rs
        sed -i 's/leptos::mount::hydrate_islands();/leptos::mount::hydrate_body(app::app::App);/' "$tree/frontend/src/lib.rs"
    fi
    (cd "$tree" && CARGO_TARGET_DIR="$target/$mode" cargo build --quiet -p frontend --lib \
        --target wasm32-unknown-unknown --profile wasm-release --no-default-features --features hydrate)
    local out="$work/out-$mode"
    wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name concordat \
        "$target/$mode/wasm32-unknown-unknown/wasm-release/frontend.wasm"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals "$out/concordat_bg.wasm" -o "$out/concordat.wasm"
    node -e '
        const fs = require("fs"), zlib = require("zlib");
        const b = fs.readFileSync(process.argv[1]);
        const gz = zlib.gzipSync(b, { level: 9 }).length;
        const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
        const kb = n => (n / 1000).toFixed(1) + " KB";
        console.log(`| ${process.argv[2]} | ${kb(b.length)} | ${kb(gz)} | ${kb(br)} |`);
    ' "$out/concordat.wasm" "$mode"
}

echo "| mode | raw | gzip -9 | brotli 11 |"
echo "|---|---|---|---|"
measure islands
measure full
