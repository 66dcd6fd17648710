#!/usr/bin/env bash
# Installs what the desktop app needs (scripts/setup.sh), builds it in release mode and
# launches 讲稿工坊. The library lives in ~/.local/share/jianggao/ unless JIANGGAO_DB or
# the settings say otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npx vite build --logLevel warn)
# Without the `e2e` feature: the end-to-end tests' dialog stand-ins are not in this build.
cargo build --release --locked -p jianggao-desktop
exec ./target/release/jianggao-desktop "$@"
