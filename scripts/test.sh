#!/usr/bin/env bash
# Runs every test of Jianggao: formatting, lints, unit, integration and CLI tests, and
# the tests that read our documents back with independent readers. Installs what it
# needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"

# Readers must be present here: a missing one fails the run instead of skipping.
export JIANGGAO_REQUIRE_READERS=1

# The desktop front end: type check, Vitest, and the build the desktop shell embeds.
(cd ui && npm run --silent typecheck && npm test --silent && npx vite build --logLevel warn)

cargo fmt --all -- --check
# Faces stay thin: no Tauri command or CLI command function over 25 lines (ARCHITECTURE.md).
python3 scripts/face-lengths.py
# Packaging: the bundle configuration, icons, desktop entry and Windows installer script are
# valid (seconds, no build).
bash scripts/check-package.sh
# Every cargo step below selects the whole workspace with test targets and the same
# features, so all share one build of the dependencies (a `-p` step or another feature set
# would build the GTK and WebKit stack again). The `e2e` feature gives the desktop binary
# the e2e tests launch its stand-ins for the native dialogs; releases are built without it.
FEATURES=(--features jianggao-desktop/e2e)
cargo clippy --workspace --all-targets --locked "${FEATURES[@]}" -- -D warnings
cargo build --workspace --all-targets --locked "${FEATURES[@]}"
# No network: a CLI session under strace makes no internet socket (a few seconds; the
# desktop half, `scripts/no-network.sh --desktop`, is run by hand).
JIANGGAO_BIN=target/debug/jianggao bash scripts/no-network.sh
# Includes the check that ui/src/bindings.ts matches the Rust types (jianggao-desktop).
cargo test --workspace --all-targets --locked "${FEATURES[@]}"
cargo test --workspace --doc --locked "${FEATURES[@]}"

# End-to-end: the real desktop app through tauri-driver + WebKitWebDriver under Xvfb.
xvfb-run -a -s "-screen 0 1600x1000x24" env JIANGGAO_E2E=1 \
  cargo test --workspace --locked "${FEATURES[@]}" --test flows --test perf -- --nocapture --test-threads=1
