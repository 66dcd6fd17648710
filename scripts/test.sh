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

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --all-targets --locked
cargo test --doc --locked
