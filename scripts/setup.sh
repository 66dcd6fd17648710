#!/usr/bin/env bash
# Installs what building and testing Jianggao needs on a Debian/Ubuntu machine:
# the Rust toolchain if missing, and the independent readers the tests use to read our
# documents back (pandoc, LibreOffice, poppler) with CJK fonts. Safe to run again.
set -euo pipefail

APT_PACKAGES=(
  build-essential pkg-config
  pandoc poppler-utils libreoffice-writer-nogui
  fonts-noto-cjk fonts-arphic-ukai fonts-wqy-zenhei
  # Name-keyed CFF fonts (Nimbus Roman: the Latin stand-in after Liberation Serif) for
  # tests/cff_subset.rs.
  fonts-urw-base35
  # Tracked changes read back (tests/tracked.rs): python-docx.
  python3-docx
  # Times New Roman (digits and Latin letters in our .docx) renders as Liberation Serif.
  fonts-liberation
  # The desktop app (Tauri 2 on WebKitGTK) and its end-to-end tests under Xvfb.
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev webkit2gtk-driver xvfb xauth
  # scripts/no-network.sh traces the network system calls.
  strace
  # scripts/check-package.sh: the desktop entry, the icons (scripts/icons.py) and the
  # Windows installer's script (makensis).
  desktop-file-utils python3-pil nsis
  # LibreOffice driven from Python (scripts/uno/: the reviewer of tests/review.rs and the
  # tracked-change counter of tests/tracked.rs), and a venv for python-docx >= 1.2
  # (Debian's is older and cannot write comments).
  python3-uno libreoffice-script-provider-python python3-venv
  # The PDF export read back (tests/pdf_readers.rs): qpdf --check, and Ghostscript's
  # text device for where each character is drawn.
  qpdf ghostscript
)

# shellcheck source=scripts/apt-install.sh
source "$(dirname "$0")/apt-install.sh"
if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
  APT_PACKAGES+=(cargo rustc)
fi
if ! command -v npm >/dev/null 2>&1; then
  APT_PACKAGES+=(nodejs npm)
fi
apt_install "${APT_PACKAGES[@]}"

# The desktop front end's packages (ui/package-lock.json), and tauri-driver for the
# end-to-end tests.
cd "$(dirname "$0")/.."
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  # Not `npm ci`: with this machine's npmrc (omit-lockfile-registry-resolved) npm 11
  # leaves other platforms' optional packages (rollup) out of the lock, and `npm ci`
  # then refuses it. `npm install` keeps the locked versions and leaves the lock as is.
  (cd ui && npm install --no-audit --no-fund)
fi
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked
fi
# python-docx >= 1.2 from PyPI in a venv that also sees Debian's uno module
# (tests/review.rs finds it here, or at $JIANGGAO_PYTHON).
PYENV="${XDG_CACHE_HOME:-$HOME/.cache}/jianggao/pyenv"
if ! "$PYENV/bin/python" -c "import uno, docx; assert tuple(map(int, docx.__version__.split('.')[:2])) >= (1, 2)" 2>/dev/null; then
  echo "setup: making $PYENV with python-docx"
  /usr/bin/python3 -m venv --system-site-packages "$PYENV"
  "$PYENV/bin/pip" install --quiet "python-docx>=1.2"
fi
# An independent OFD reader from PyPI (tests/pdf_readers.rs reads our OFD back with it).
OFDENV="${XDG_CACHE_HOME:-$HOME/.cache}/jianggao/ofdenv"
if ! "$OFDENV/bin/python" -c "import ofdkit" 2>/dev/null; then
  echo "setup: making $OFDENV with ofdkit"
  /usr/bin/python3 -m venv "$OFDENV"
  "$OFDENV/bin/pip" install --quiet "ofdkit>=0.2,<0.3"
fi
# fontTools reads our CFF subsets back (tests/cff_subset.rs), in the same venv.
if ! "$OFDENV/bin/python" -c "import fontTools.cffLib" 2>/dev/null; then
  "$OFDENV/bin/pip" install --quiet "fonttools>=4.50"
fi
echo "setup: ready"
