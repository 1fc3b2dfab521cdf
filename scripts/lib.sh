# shellcheck shell=bash
#
# Shared helpers for scripts/run, scripts/test and .ci/run. Source it, do not run it:
#
#     cd "$(dirname "$0")/.." && source scripts/lib.sh
#
# Every ensure_* helper installs a missing piece and says what it does
# ("==> installing X" / "==> X present"). When everything is present they cost well under a
# second, so a warm machine pays nothing. See /work/shared/TOOLCHAIN.md for why each piece is
# installed the way it is (this machine has no internet except the package registries).

set -euo pipefail

# The repository root, whatever the caller's working directory.
CONCORDAT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$CONCORDAT_ROOT"

# Pinned tool versions.
CARGO_LEPTOS_VERSION="0.3.10" # 0.3.11 with --locked needs a newer rustc than we have
BINARYEN_VERSION="132.0.0"    # npm binaryen; Debian's wasm-opt 108 silently breaks hydration
WASM_TARGET="wasm32-unknown-unknown"
CHROMIUM_PATH="/usr/bin/chromium"

# Tools installed by these scripts live here (gitignored).
TOOLS_DIR="$CONCORDAT_ROOT/.tools"
TOOLS_NODE_DIR="$TOOLS_DIR/node"

# Keep cargo-installed binaries (cargo-leptos, wasm-bindgen) on PATH.
CARGO_BIN_DIR="${CARGO_HOME:-$HOME/.cargo}/bin"
path_prepend() {
    case ":$PATH:" in
        *":$1:"*) ;;
        *) export PATH="$1:$PATH" ;;
    esac
}
path_prepend "$CARGO_BIN_DIR"

say() { printf '==> %s\n' "$*"; }
warn() { printf '==> WARNING: %s\n' "$*" >&2; }
die() {
    printf '==> ERROR: %s\n' "$*" >&2
    exit 1
}

# require_cmd CMD...: fail with a clear message when a command is not on PATH.
require_cmd() {
    local cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required but not on PATH"
    done
}

# as_root CMD...: run a command as root (directly, or through sudo when available).
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "'$*' needs root and sudo is not available"
    fi
}

# ensure_rust_components COMPONENT...: e.g. rustfmt clippy.
ensure_rust_components() {
    require_cmd rustup
    local installed component
    installed="$(rustup component list --installed)"
    for component in "$@"; do
        if grep -q "^${component}\(-\|$\)" <<<"$installed"; then
            say "rust component $component present"
        else
            say "installing rust component $component"
            rustup component add "$component"
        fi
    done
}

ensure_wasm_target() {
    require_cmd rustup
    local installed
    installed="$(rustup target list --installed)"
    if grep -qx "$WASM_TARGET" <<<"$installed"; then
        say "rust target $WASM_TARGET present"
    else
        say "installing rust target $WASM_TARGET"
        rustup target add "$WASM_TARGET"
    fi
}

ensure_cargo_leptos() {
    require_cmd cargo
    local current
    current="$(cargo leptos --version 2>/dev/null || true)"
    if grep -qw "$CARGO_LEPTOS_VERSION" <<<"$current"; then
        say "cargo-leptos $CARGO_LEPTOS_VERSION present"
    else
        say "installing cargo-leptos $CARGO_LEPTOS_VERSION (found: ${current:-none}; this takes ~20 minutes and ~3 GB of RAM)"
        cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION"
    fi
}

# wasm_bindgen_lock_version: the exact version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_lock_version() {
    if [[ ! -f Cargo.lock ]]; then
        say "Cargo.lock missing: resolving dependencies to create it"
        cargo metadata --format-version 1 >/dev/null
    fi
    awk '
        /^\[\[package\]\]/ { name = "" }
        /^name = /         { name = $3; gsub(/"/, "", name) }
        /^version = / && name == "wasm-bindgen" { v = $3; gsub(/"/, "", v); print v; exit }
    ' Cargo.lock
}

ensure_wasm_bindgen() {
    require_cmd cargo
    local want current
    want="$(wasm_bindgen_lock_version)"
    [[ -n "$want" ]] || die "no wasm-bindgen package in Cargo.lock"
    current="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    if [[ "$current" == "$want" ]]; then
        say "wasm-bindgen-cli $want present"
    else
        say "installing wasm-bindgen-cli $want (found: ${current:-none}; must equal the wasm-bindgen crate in Cargo.lock)"
        # Not --locked: one of its locked dependencies is missing from the registry.
        cargo install wasm-bindgen-cli --version "$want"
        current="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
        [[ "$current" == "$want" ]] ||
            die "wasm-bindgen on PATH is '${current:-none}' ($(command -v wasm-bindgen || echo missing)), expected $want"
    fi
}

# ensure_wasm_opt: binaryen from npm into .tools/node, its .bin first on PATH. cargo-leptos
# runs wasm-opt on release builds and takes it from PATH (it would try to download otherwise).
ensure_wasm_opt() {
    require_cmd node npm
    local pkg="$TOOLS_NODE_DIR/node_modules/binaryen/package.json" current=""
    if [[ -f "$pkg" ]]; then
        current="$(node -p "require(process.argv[1]).version" "$pkg" 2>/dev/null || true)"
    fi
    if [[ "$current" == "$BINARYEN_VERSION" && -x "$TOOLS_NODE_DIR/node_modules/.bin/wasm-opt" ]]; then
        say "wasm-opt (npm binaryen $BINARYEN_VERSION) present"
    else
        say "installing wasm-opt (npm binaryen $BINARYEN_VERSION) into ${TOOLS_NODE_DIR#"$CONCORDAT_ROOT"/} (found: ${current:-none})"
        mkdir -p "$TOOLS_NODE_DIR"
        # A private package.json with an exact version, so the install is reproducible.
        cat >"$TOOLS_NODE_DIR/package.json" <<EOF
{
  "name": "concordat-tools",
  "private": true,
  "description": "Build tools installed by scripts/lib.sh (gitignored)",
  "dependencies": { "binaryen": "$BINARYEN_VERSION" }
}
EOF
        (cd "$TOOLS_NODE_DIR" && npm install --no-audit --no-fund --loglevel=error)
    fi
    path_prepend "$TOOLS_NODE_DIR/node_modules/.bin"
    local found
    found="$(command -v wasm-opt || true)"
    [[ "$found" == "$TOOLS_NODE_DIR/node_modules/.bin/wasm-opt" ]] ||
        die "wasm-opt on PATH is '${found:-none}', expected $TOOLS_NODE_DIR/node_modules/.bin/wasm-opt"
}

# apt_get ARGS...: apt-get as root, non-interactive, retrying while another process holds
# the apt/dpkg lock (for up to ~10 minutes).
apt_get() {
    local attempt
    for attempt in $(seq 1 60); do
        if as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=10 "$@"; then
            return 0
        fi
        if pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1 || pgrep -x apt >/dev/null 2>&1; then
            say "apt is busy (another install is running): waiting, attempt $attempt of 60"
            sleep 10
        else
            return 1
        fi
    done
    return 1
}

ensure_chromium() {
    if [[ -x "$CHROMIUM_PATH" ]]; then
        say "chromium present ($("$CHROMIUM_PATH" --version 2>/dev/null || echo "version unknown"))"
        return 0
    fi
    # Playwright's own browser download does not work here: use Debian's Chromium.
    say "installing chromium (apt-get)"
    apt_get update || die "apt-get update failed"
    apt_get install -y chromium || die "apt-get install chromium failed"
    [[ -x "$CHROMIUM_PATH" ]] || die "chromium installed but $CHROMIUM_PATH is missing"
}

# ensure_e2e_npm: end2end/node_modules as pinned by end2end/package-lock.json.
ensure_e2e_npm() {
    require_cmd node npm
    local dir="$CONCORDAT_ROOT/end2end"
    # npm writes node_modules/.package-lock.json on every install: use it as the stamp.
    local stamp="$dir/node_modules/.package-lock.json"
    if [[ -f "$stamp" && ! "$dir/package-lock.json" -nt "$stamp" && ! "$dir/package.json" -nt "$stamp" ]]; then
        say "end2end npm packages present"
    else
        say "installing end2end npm packages (npm ci)"
        (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
        touch "$stamp"
    fi
}

# pg_port_open HOST PORT: true when something accepts connections there.
pg_port_open() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -t 3 -h "$1" -p "$2"
    else
        # shellcheck disable=SC2016 # expanded by the inner bash
        timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
    fi
}

# postgres_url_if_available: export TEST_DATABASE_URL when a PostgreSQL server is reachable
# (keeps a TEST_DATABASE_URL that is already set). The integration tests and the second
# end-to-end pass use it; without it they are skipped.
postgres_url_if_available() {
    if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
        say "PostgreSQL: using TEST_DATABASE_URL from the environment"
        export TEST_DATABASE_URL
        return 0
    fi
    # This kind of machine starts PostgreSQL before the session; restart it if it stopped.
    if ! pg_port_open 127.0.0.1 5432 && [[ "$(id -u)" -eq 0 ]] && command -v pg_ctlcluster >/dev/null 2>&1; then
        local cluster
        for cluster in /etc/postgresql/*/main; do
            [[ -d "$cluster" ]] || continue
            cluster="${cluster#/etc/postgresql/}"
            say "PostgreSQL not answering: starting cluster $cluster"
            pg_ctlcluster --skip-systemctl-redirect "${cluster%/main}" main start 2>/dev/null || true
        done
        sleep 1
    fi
    if pg_port_open 127.0.0.1 5432; then
        export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test"
        say "PostgreSQL answers on 127.0.0.1:5432: TEST_DATABASE_URL=$TEST_DATABASE_URL"
        # The tests connect to the "test" database to create their own: make sure it exists.
        if command -v psql >/dev/null 2>&1; then
            local admin="postgres://postgres@127.0.0.1:5432/postgres"
            if [[ "$(psql "$admin" -tAXc "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null)" != "1" ]]; then
                say "creating PostgreSQL database \"test\""
                psql "$admin" -qX -v ON_ERROR_STOP=1 -c 'CREATE DATABASE test' ||
                    warn "could not create database \"test\" on 127.0.0.1:5432"
            fi
        fi
    else
        say "PostgreSQL not reachable on 127.0.0.1:5432: PostgreSQL tests will be skipped"
        unset TEST_DATABASE_URL
    fi
}

# http_ok URL: true when URL answers 2xx.
http_ok() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
    else
        python3 - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
    sys.exit(0 if 200 <= r.status < 300 else 1)
EOF
    fi
}

# wait_for_http URL TIMEOUT_S [PID]: wait until URL answers 2xx. Fails after TIMEOUT_S
# seconds, or at once when the optional PID (the server) has exited.
wait_for_http() {
    local url="$1" timeout_s="${2:-60}" pid="${3:-}"
    local deadline=$((SECONDS + timeout_s))
    say "waiting for $url (up to ${timeout_s}s)"
    until http_ok "$url"; do
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            printf '==> ERROR: the server (pid %s) exited before %s answered\n' "$pid" "$url" >&2
            return 1
        fi
        if ((SECONDS >= deadline)); then
            printf '==> ERROR: %s did not answer within %ss\n' "$url" "$timeout_s" >&2
            return 1
        fi
        sleep 0.25
    done
    say "$url is up"
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return 0
    fi
    local port
    for port in $(seq 38000 38999); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free TCP port found in 38000-38999"
}

# leptos_runtime_env ADDR: the environment the release binary reads at run time (leptos
# configuration; the values match [[workspace.metadata.leptos]] in Cargo.toml).
leptos_runtime_env() {
    export LEPTOS_OUTPUT_NAME="${LEPTOS_OUTPUT_NAME:-concordat}"
    export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
    export LEPTOS_SITE_PKG_DIR="${LEPTOS_SITE_PKG_DIR:-pkg}"
    export LEPTOS_SITE_ADDR="$1"
    export LEPTOS_ENV="${LEPTOS_ENV:-PROD}"
}

# ensure_build_toolchain: everything `cargo leptos build --release` needs on this machine.
ensure_build_toolchain() {
    ensure_wasm_target
    ensure_cargo_leptos
    ensure_wasm_bindgen
    ensure_wasm_opt
}
