#!/usr/bin/env bash
# Builds the installable .deb of 讲稿工坊 for amd64 with Tauri's bundler: the desktop app
# (/usr/bin/jianggao-desktop), the CLI (/usr/bin/jianggao), the desktop entry made from
# packaging/linux/jianggao.desktop.hbs, the hicolor icons (scripts/icons.py) and the
# Depends of src-tauri/tauri.conf.json, checked here against dpkg-shlibdeps. Then lintian
# (errors fail the build) and desktop-file-validate on what the package holds.
# Installs what it needs first; safe to run again (a second run rebuilds nothing).
# Prints the path of the .deb last. Test it as a user would: scripts/test-package.sh DEB.
#
# `package.sh arm64`: the same package for aarch64, cross-built (gcc-aarch64-linux-gnu)
# against an arm64 sysroot of Debian's WebKitGTK (scripts/sysroot-arm64.sh, made once into
# ~/.cache/jianggao/sysroot-arm64), in target/cross.
# `package.sh windows`: both programs for x86_64-pc-windows-gnu (mingw-w64), in
# target/windows, and an installer made by Debian's makensis from packaging/windows/.
set -euo pipefail
ARCH=${1:-amd64}
case "$ARCH" in amd64 | arm64 | windows) ;; *) echo "usage: package.sh [amd64|arm64|windows]" >&2; exit 2 ;; esac
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

TRIPLE=aarch64-unknown-linux-gnu
SYSROOT=${JIANGGAO_SYSROOT:-$HOME/.cache/jianggao/sysroot-arm64}

# The cross build's settings: the arm64 sysroot (scripts/sysroot-arm64.sh, made once) for
# pkg-config and the linker, gcc-aarch64-linux-gnu for linking and for the C the crates
# build, and its own target folder (cargo locks one per run, so it goes beside amd64's).
arm64_env() {
  apt_install gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  rustup target add "$TRIPLE"
  bash scripts/sysroot-arm64.sh "$SYSROOT" >/dev/null
  export CARGO_TARGET_DIR=$ROOT/target/cross
  export PKG_CONFIG_ALLOW_CROSS=1 PKG_CONFIG_SYSROOT_DIR=$SYSROOT
  export PKG_CONFIG_LIBDIR=$SYSROOT/usr/lib/aarch64-linux-gnu/pkgconfig:$SYSROOT/usr/share/pkgconfig
  export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
  export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS="-C link-arg=--sysroot=$SYSROOT"
  export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar
}

# The Debian package of the sysroot that ships each library the binaries ($@) name as
# NEEDED, one a line: every NEEDED library must be found there.
sysroot_owners() {
  local files=$SYSROOT-debs/files.txt lib deb
  # Which package ships which path, read once from the .debs.
  if [ ! -s "$files" ] || [ -n "$(find "$SYSROOT-debs" -name '*.deb' -newer "$files" -print -quit)" ]; then
    for deb in "$SYSROOT"-debs/*.deb; do
      dpkg-deb -c "$deb" | awk -v p="$(dpkg-deb -f "$deb" Package)" '{ print p, $6 }'
    done > "$files"
  fi
  for lib in $(aarch64-linux-gnu-readelf -d "$@" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
    awk -v lib="/$lib" 'substr($2, length($2) - length(lib) + 1) == lib { print $1; found = 1; exit }
      END { if (!found) { print "package: no arm64 package ships " substr(lib, 2) > "/dev/stderr"; exit 1 } }' "$files"
  done | sort -u
}

# The Windows programs and their installer (packaging/windows/jianggao.nsi): Tauri's NSIS
# bundle is not used, its bundler downloads nsis_tauri_utils.dll from GitHub.
windows_installer() {
  local triple=x86_64-pc-windows-gnu out setup
  apt_install gcc-mingw-w64-x86-64 nsis
  rustup target add "$triple"
  CARGO_TARGET_DIR=target/windows \
    cargo build --release --locked -p jianggao-desktop -p jianggao --bins --target "$triple"
  out=target/windows/$triple/release
  x86_64-w64-mingw32-strip --strip-unneeded "$out/jianggao.exe" "$out/jianggao-desktop.exe"
  file "$out/jianggao.exe" "$out/jianggao-desktop.exe"
  mkdir -p "$out/bundle/nsis"
  setup=$ROOT/$out/bundle/nsis/jianggao_${VERSION}_x64-setup.exe
  (cd packaging/windows && makensis -V2 -DVERSION="$VERSION" -DSRC="$ROOT/$out" \
    -DOUT="$setup" -DAPP jianggao.nsi)
  ls -l "$out/jianggao.exe" "$out/jianggao-desktop.exe" "$setup"
  echo "$setup"
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
if [ "$ARCH" = windows ]; then
  windows_installer
  exit 0
elif [ "$ARCH" = arm64 ]; then
  arm64_env
  cargo build --release --locked -p jianggao-desktop -p jianggao --bins --target "$TRIPLE"
  OUT=$CARGO_TARGET_DIR/$TRIPLE/release
  STRIP=aarch64-linux-gnu-strip
else
  cargo build --release --locked -p jianggao-desktop -p jianggao --bins
  OUT=target/release
  STRIP=strip
fi
BINS=("$OUT/jianggao-desktop" "$OUT/jianggao")
# The release profile keeps symbol tables; a package ships them stripped (lintian).
$STRIP --strip-unneeded "${BINS[@]}"
file "${BINS[@]}"

# Every package the binaries need must be in the committed Depends: dpkg-shlibdeps for
# amd64; for arm64 (whose libraries are unpacked, not installed) the package in the
# sysroot that ships each NEEDED library, or else a package a declared one depends on
# (dpkg-shlibdeps leaves out a NEEDED library none of whose symbols is used, such as
# libpango-1.0-0 beside GTK: apt installs it with libgtk-3-0).
if [ "$ARCH" = arm64 ]; then
  needed=$(sysroot_owners "${BINS[@]}")
else
  needed=$(shlib_depends "${BINS[@]}" | sed 's/ .*//')
fi
declared=$(/usr/bin/python3 -c 'import json,sys
for d in json.load(open(sys.argv[1]))["bundle"]["linux"]["deb"]["depends"]:
    print(d.split()[0])' src-tauri/tauri.conf.json)
echo "needed:" $needed
if [ "$ARCH" = arm64 ]; then
  declared+=$'\n'$(apt-cache depends $(sed 's/$/:arm64/' <<<"$declared") |
    sed -n 's/^ *|\?Depends: \([^:]*\).*/\1/p')
fi
for p in $needed; do
  grep -qx "$p" <<<"$declared" || { echo "package: tauri.conf.json's deb depends lacks $p" >&2; exit 1; }
done

if [ "$ARCH" = arm64 ]; then
  # The same bundle settings; only the CLI comes from the cross build.
  (cd src-tauri && cargo tauri bundle --bundles deb --target "$TRIPLE" \
    --config "{\"bundle\":{\"linux\":{\"deb\":{\"files\":{\"/usr/bin/jianggao\":\"$OUT/jianggao\"}}}}}")
  DEB="$OUT/bundle/deb/jianggao_${VERSION}_arm64.deb"
else
  (cd src-tauri && cargo tauri bundle --bundles deb)
  DEB="$ROOT/target/release/bundle/deb/jianggao_${VERSION}_amd64.deb"
fi
check_deb "$DEB"
echo "$DEB"
