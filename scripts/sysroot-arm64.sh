#!/usr/bin/env bash
# Makes the arm64 sysroot that scripts/package.sh arm64 cross-builds the desktop app
# against: Debian 12 cannot install libwebkit2gtk-4.1-dev:arm64 beside the amd64 toolchain
# (gobject-introspection:arm64 wants python3:arm64), so the arm64 .debs of WebKitGTK's -dev
# packages and every library they need are downloaded (apt-get download, Debian's mirror)
# and unpacked (dpkg-deb -x) into one folder, never installed.
# Usage: sysroot-arm64.sh DIR — does nothing when DIR/.complete exists; the .debs are kept
# in DIR-debs so that a second run downloads nothing. Prints DIR last.
set -euo pipefail
SYSROOT=${1:?usage: sysroot-arm64.sh DIR}
[ -f "$SYSROOT/.complete" ] && { echo "$SYSROOT"; exit 0; }
DEBS=$SYSROOT-debs
mkdir -p "$DEBS"

# The closure of the -dev packages the desktop crate's -sys crates ask pkg-config for
# (webkit2gtk-4.1, gtk+-3.0, libsoup-3.0, dbus-1 and what their .pc files require):
# Depends and Pre-Depends, the first of alternatives, only library packages (a tool,
# python3 or an introspection typelib is not linked against) and -dev packages (x11proto-dev
# holds .pc files that libx11-dev's require). One apt-cache call per depth. Prints a name to
# download a line: PACKAGE:arm64, or PACKAGE for an Architecture: all package.
# shared-mime-info: its .pc is required by gdk-pixbuf-2.0's (pkg-config --cflags reads it).
/usr/bin/python3 - libwebkit2gtk-4.1-dev libdbus-1-dev libc6-dev libgcc-s1 zlib1g-dev shared-mime-info \
  > "$DEBS/closure.txt" <<'PY'
import re, subprocess, sys

LIBRARY = re.compile(r"^(lib|zlib1g)|-dev$")
NOT_LINKED = re.compile(r"-(bin|data|common|doc|tools|utils)$|^gir1\.2-|-cross$")
# Virtual packages named by a .pc file's Requires, and who provides them in Debian 12.
PROVIDER = {"libc-dev": "libc6-dev", "libsysprof-capture-4-dev": "libsysprof-4-dev"}

def depends(packages):
    out = subprocess.run(
        ["apt-cache", "depends", "--no-recommends", "--no-suggests", "--no-conflicts",
         "--no-breaks", "--no-replaces", "--no-enhances", *(p + ":arm64" for p in packages)],
        capture_output=True, text=True, check=True).stdout
    found, alternative = set(), False
    for line in out.splitlines():
        m = re.match(r"\s+(\|?)(?:Pre)?Depends: <?([^:>\s]+)", line)
        if not m:
            alternative = False
            continue
        if not alternative:
            found.add(PROVIDER.get(m.group(2), m.group(2)))
        alternative = m.group(1) == "|"
    return found

seen, level = set(), set(sys.argv[1:])
while level:
    seen |= level
    level = {d for d in depends(sorted(level))
             if LIBRARY.search(d) and not NOT_LINKED.search(d) and d not in seen}
# An Architecture: all package has no :arm64 candidate (and apt-cache lists no Depends for
# it under that name: they are data and headers, nothing linked).
shown = subprocess.run(["apt-cache", "show", "--no-all-versions", *sorted(seen)],
                       capture_output=True, text=True).stdout
arch_all = {block.split("\n", 1)[0].removeprefix("Package: ")
            for block in shown.split("\n\n") if "\nArchitecture: all" in block}
print("\n".join(p if p in arch_all else p + ":arm64" for p in sorted(seen)))
PY
echo "sysroot-arm64: $(wc -l < "$DEBS/closure.txt") packages"
(cd "$DEBS" && apt-get download -q $(cat closure.txt) >/dev/null)

rm -rf "$SYSROOT"
mkdir -p "$SYSROOT/usr"
for deb in "$DEBS"/*.deb; do
  dpkg-deb -x "$deb" "$SYSROOT"
done
# Debian 12 ships some libraries in /lib: merge them into /usr as an installed system
# does (usrmerge), so one -L and one pkg-config path see every library.
for d in lib bin sbin; do
  if [ -d "$SYSROOT/$d" ] && [ ! -L "$SYSROOT/$d" ]; then
    cp -a "$SYSROOT/$d/." "$SYSROOT/usr/$d/"
    rm -rf "${SYSROOT:?}/$d"
  fi
  ln -sfn "usr/$d" "$SYSROOT/$d"
done
# A development symlink that points at an absolute path (/lib/aarch64-linux-gnu/libz.so.1)
# would reach the build machine's amd64 library: point it into the sysroot instead.
find "$SYSROOT/usr/lib" -type l -lname '/*' | while read -r link; do
  ln -sfn "$SYSROOT$(readlink "$link")" "$link"
done
# What the -sys crates ask pkg-config for must resolve, cflags too (they read Requires.private).
PKG_CONFIG_SYSROOT_DIR=$SYSROOT \
  PKG_CONFIG_LIBDIR=$SYSROOT/usr/lib/aarch64-linux-gnu/pkgconfig:$SYSROOT/usr/share/pkgconfig \
  pkg-config --cflags --libs webkit2gtk-4.1 javascriptcoregtk-4.1 gtk+-3.0 gdk-3.0 \
  libsoup-3.0 dbus-1 gdk-pixbuf-2.0 pango cairo atk glib-2.0 gio-2.0 >/dev/null
touch "$SYSROOT/.complete"
echo "$SYSROOT"
