#!/usr/bin/env bash
# Builds the installable .deb of 讲稿工坊 for amd64 with Tauri's bundler: the desktop app
# (/usr/bin/jianggao-desktop), the CLI (/usr/bin/jianggao), the desktop entry made from
# packaging/linux/jianggao.desktop.hbs, the hicolor icons (scripts/icons.py) and the
# Depends of src-tauri/tauri.conf.json, checked here against dpkg-shlibdeps. Then lintian
# (errors fail the build) and desktop-file-validate on what the package holds.
# Installs what it needs first; safe to run again (a second run rebuilds nothing).
# Prints the path of the .deb last. Test it as a user would: scripts/test-package.sh DEB.
#
# `package.sh arm64` cross-builds the CLI for aarch64 (gcc-aarch64-linux-gnu) into
# jianggao-cli_VERSION_arm64.deb: the desktop app needs the :arm64 WebKitGTK dev packages,
# which Debian 12 cannot install beside the amd64 ones (README, Install).
set -euo pipefail
ARCH=${1:-amd64}
case "$ARCH" in amd64 | arm64) ;; *) echo "usage: package.sh [amd64|arm64]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/apt-install.sh
source scripts/apt-install.sh
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
VERSION=$(/usr/bin/python3 -c 'import json;print(json.load(open("src-tauri/tauri.conf.json"))["version"])')

# The packages dpkg-shlibdeps finds the binaries ($@) need, one a line (DEB_HOST_ARCH
# chooses which architecture's libraries).
shlib_depends() {
  local tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/debian"
  printf 'Source: jianggao\n\nPackage: jianggao\nArchitecture: any\n' > "$tmp/debian/control"
  (cd "$tmp" && dpkg-shlibdeps -O "${@/#/$ROOT/}") | sed -n 's/^shlibs:Depends=//p' |
    tr ',' '\n' | sed 's/^ *//' | sort -u
  rm -rf "$tmp"
}

# What a package holds: its desktop entry (if any) validates, lintian reports no error.
check_deb() {
  local tmp
  tmp=$(mktemp -d)
  dpkg-deb -x "$1" "$tmp"
  for d in "$tmp"/usr/share/applications/*.desktop; do
    [ -e "$d" ] && desktop-file-validate "$d"
  done
  rm -rf "$tmp"
  dpkg-deb -I "$1" | sed -n '/Package:/,$p'
  # Warnings are printed, errors fail the build.
  lintian --fail-on error --tag-display-limit 0 "$1"
  ls -l "$1"
}

apt_install build-essential pkg-config dpkg-dev lintian desktop-file-utils python3-pil file binutils

if [ "$ARCH" = arm64 ]; then
  apt_install gcc-aarch64-linux-gnu libc6-dev-arm64-cross libc6:arm64
  rustup target add aarch64-unknown-linux-gnu
  # Its own target folder: cargo locks one per run, and this build can go beside amd64's.
  export CARGO_TARGET_DIR=target/cross
  export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
  export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar
  cargo build --release --locked -p jianggao --bin jianggao --target aarch64-unknown-linux-gnu
  bin=$CARGO_TARGET_DIR/aarch64-unknown-linux-gnu/release/jianggao
  aarch64-linux-gnu-strip --strip-unneeded "$bin"
  stage=$(mktemp -d)
  install -D -m 755 "$bin" "$stage/usr/bin/jianggao"
  install -D -m 644 packaging/linux/copyright "$stage/usr/share/doc/jianggao-cli/copyright"
  gzip -9n < packaging/linux/changelog > "$stage/usr/share/doc/jianggao-cli/changelog.gz"
  depends=$(DEB_HOST_ARCH=arm64 shlib_depends "$bin" | paste -sd, | sed 's/,/, /g')
  mkdir "$stage/DEBIAN"
  sed "s/@VERSION@/$VERSION/; s/@DEPENDS@/$depends/; s/@SIZE@/$(du -sk "$stage/usr" | cut -f1)/" \
    packaging/linux/cli-control > "$stage/DEBIAN/control"
  mkdir -p target/release/bundle/deb
  DEB="$ROOT/target/release/bundle/deb/jianggao-cli_${VERSION}_arm64.deb"
  dpkg-deb --root-owner-group -Zxz -b "$stage" "$DEB" >/dev/null
  rm -rf "$stage"
  check_deb "$DEB"
  echo "$DEB"
  exit 0
fi

apt_install libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
# Tauri's CLI of the same major version as the `tauri` crate in Cargo.lock.
if ! cargo tauri --version 2>/dev/null | grep -q '^tauri-cli 2\.'; then
  cargo install tauri-cli --version "^2" --locked
fi

# The web view's files, embedded into the desktop binary at compile time.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  (cd ui && npm install --no-audit --no-fund)
fi
# Built again only when a source is newer: a new ui/dist makes the desktop crate build again.
if [ ! -f ui/dist/index.html ] ||
  [ -n "$(find ui/src ui/index.html ui/package-lock.json -newer ui/dist/index.html -print -quit)" ]; then
  (cd ui && npx vite build --logLevel warn)
fi
/usr/bin/python3 scripts/icons.py

# Both binaries in one cargo run, so the core is built once with the desktop's features.
# Without the `e2e` feature: a release never reads the tests' dialog stand-ins.
cargo build --release --locked -p jianggao-desktop -p jianggao --bins
BINS=(target/release/jianggao-desktop target/release/jianggao)
# The release profile keeps symbol tables; a package ships them stripped (lintian).
strip --strip-unneeded "${BINS[@]}"

# Every package dpkg-shlibdeps finds must be in the committed Depends.
needed=$(shlib_depends "${BINS[@]}" | sed 's/ .*//')
declared=$(/usr/bin/python3 -c 'import json,sys
for d in json.load(open(sys.argv[1]))["bundle"]["linux"]["deb"]["depends"]:
    print(d.split()[0])' src-tauri/tauri.conf.json)
echo "dpkg-shlibdeps:" $needed
for p in $needed; do
  grep -qx "$p" <<<"$declared" || { echo "package: tauri.conf.json's deb depends lacks $p" >&2; exit 1; }
done

(cd src-tauri && cargo tauri bundle --bundles deb)
DEB="$ROOT/target/release/bundle/deb/jianggao_${VERSION}_amd64.deb"
check_deb "$DEB"
echo "$DEB"
