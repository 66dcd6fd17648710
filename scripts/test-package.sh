#!/usr/bin/env bash
# Tests an amd64 .deb of scripts/package.sh as a user would, on this machine (as root or
# through sudo; it installs and removes the package `jianggao`):
#   1. apt-get install ./DEB; the files are where the package says (dpkg -L);
#   2. the installed CLI: --version, a draft from a template, a .docx export (read back
#      with python-docx);
#   3. the desktop entry's Exec line launched under Xvfb: the window 讲稿工坊 is mapped,
#      a screenshot of the screen goes to target/package-test/first-window.png;
#   4. the same package installed again (dpkg -i) and a newer version (the same files with
#      the version bumped) installed over it: the library is kept and opens; a library of
#      the first schema is migrated by the installed CLI;
#   5. apt-get remove: every file the package installed is gone, the user's library stays.
# The user is a fresh HOME under target/package-test, so a real library is never touched;
# the library lives where it always does: $HOME/.local/share/jianggao/library.sqlite3.
# An arm64 .deb is not installed: its CLI runs under qemu-user (step 2), then its desktop
# app under qemu-user and Xvfb with the sysroot's libraries, as far as it goes.
# A Windows installer (.exe of package.sh windows) runs under Wine in a fresh prefix:
# silent install, the installed CLI (step 2), the desktop app as far as it goes, silent
# uninstall.
# Not part of scripts/test.sh (it installs system packages). Usage: test-package.sh DEB|EXE
set -euo pipefail
DEB=$(realpath "${1:?usage: test-package.sh DEB}")
cd "$(dirname "$0")/.."
# shellcheck source=scripts/apt-install.sh
source scripts/apt-install.sh
apt_install xvfb xauth x11-utils imagemagick python3-docx python3-pil
OUT=$PWD/target/package-test
rm -rf "$OUT"
mkdir -p "$OUT/home"
export HOME=$OUT/home
unset XDG_DATA_HOME XDG_CONFIG_HOME JIANGGAO_DB
LIBRARY=$HOME/.local/share/jianggao/library.sqlite3
step() { printf '\n== %s\n' "$*"; }
fail() { echo "test-package: $*" >&2; exit 1; }

# The CLI as a user runs it ($JG: the command), into the library at $LIBRARY:
# --version, a draft from a template, a .docx export read back with python-docx.
cli_steps() {
  $JG --version
  draft=$($JG new --template greeting-festival --set 节日=春节 \
    --set 讲话人=李明 --set 职务=区总工会主席 --set 日期=2026-01-20 --set 年份=2026)
  $JG drafts
  $JG export "$draft" --format docx --out "$OUT/greeting.docx"
  /usr/bin/python3 - "$OUT/greeting.docx" <<'PY'
import sys, docx
paragraphs = [p.text for p in docx.Document(sys.argv[1]).paragraphs if p.text.strip()]
assert len(paragraphs) > 3, paragraphs
print(f"python-docx reads {len(paragraphs)} paragraphs; the first: {paragraphs[0]}")
PY
  [ -f "$LIBRARY" ] || fail "no library at $LIBRARY"
}

# A program under Xvfb ($1: the command, run by bash; $2: a name for its log and
# screenshot; $3: seconds to wait): waits for a window titled 讲稿工坊, then gives the web
# view time to draw and takes the screen into $OUT/$2.png. Returns 1 when no window came.
first_window() {
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    command=$1 log=$2.log png=$2.png wait=$3
    bash -c "$command" > "$log" 2>&1 &
    app=$!
    for _ in $(seq "$wait"); do
      xwininfo -root -tree | grep -q "\"讲稿工坊\"" && break
      kill -0 $app 2>/dev/null || { echo "the app exited"; tail -20 "$log"; exit 1; }
      sleep 1
    done
    xwininfo -root -tree | grep "\"讲稿工坊\"" || { echo "no window 讲稿工坊"; tail -20 "$log"; kill $app; exit 1; }
    sleep $((wait / 4))
    import -window root "$png"
    kill $app; wait $app || true' _ "$1" "$OUT/$2" "$3"
}

# Whether a screenshot shows something drawn: a blank or unpainted window has a handful of
# colours, the drafts list has text.
drawn() {
  /usr/bin/python3 - "$1" <<'PY'
import sys
from PIL import Image
colours = Image.open(sys.argv[1]).convert("RGB").getcolors(1 << 24)
print(f"{sys.argv[1]}: {len(colours or [])} colours")
sys.exit(0 if colours and len(colours) > 50 else 1)
PY
}

# A Windows installer: under Wine, in a fresh prefix of its own.
if [[ "$DEB" == *.exe ]]; then
  apt_install wine wine64 gcc-mingw-w64-x86-64
  export WINEPREFIX=$OUT/wine WINEDEBUG=-all
  step "the installer $DEB under Wine (silent)"
  xvfb-run -a wineboot -i
  xvfb-run -a wine "$DEB" /S
  dir=$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/Programs/Jianggao
  ls -l "$dir"
  menu=$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/Microsoft/Windows/Start\ Menu/Programs/讲稿工坊
  ls "$menu" || fail "no Start menu folder 讲稿工坊"
  # Wine 8.0 has no bcryptprimitives.dll, which Rust's std imports (ProcessPrng): a stand-in
  # from packaging/windows/bcryptprimitives-shim.c goes beside the installed exe, for this
  # test only (the installer does not carry it; Windows 10 and later have the real one).
  x86_64-w64-mingw32-gcc -O2 -shared -o "$dir/bcryptprimitives.dll" \
    packaging/windows/bcryptprimitives-shim.c packaging/windows/bcryptprimitives-shim.def
  step "the installed CLI under Wine"
  LIBRARY=$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/Jianggao/jianggao/data/library.sqlite3
  JG="wine $dir/jianggao.exe"
  cli_steps
  if [ -f "$dir/jianggao-desktop.exe" ]; then
    step "the installed desktop app under Wine and Xvfb, as far as it goes"
    if first_window "wine '$dir/jianggao-desktop.exe'" wine-window 60 && drawn "$OUT/wine-window.png"; then
      echo "the desktop app drew its window under Wine"
    else
      echo "the desktop app drew no window under Wine (WebView2's runtime is not here)"
    fi
  fi
  step "silent uninstall"
  rm "$dir/bcryptprimitives.dll"
  xvfb-run -a wine "$dir/uninstall.exe" /S
  # The uninstaller copies itself to a temporary folder and runs from there: wait for it.
  for _ in $(seq 30); do [ -e "$dir" ] || break; sleep 1; done
  [ ! -e "$dir" ] || { ls -R "$dir"; fail "the uninstaller left $dir"; }
  [ ! -e "$menu" ] || fail "the uninstaller left the Start menu folder"
  [ -f "$LIBRARY" ] || fail "the uninstaller took the library"
  echo "test-package: the Windows installer passed under Wine; the library stays at $LIBRARY"
  exit 0
fi

# An arm64 package cannot be installed here: its CLI runs under qemu-user instead.
if [ "$(dpkg-deb -f "$DEB" Architecture)" = arm64 ]; then
  apt_install qemu-user libc6-arm64-cross
  step "the arm64 CLI of $DEB under qemu-aarch64"
  dpkg-deb -x "$DEB" "$OUT/root"
  file "$OUT/root/usr/bin/jianggao"
  JG="qemu-aarch64 -L /usr/aarch64-linux-gnu $OUT/root/usr/bin/jianggao"
  cli_steps
  step "the arm64 desktop app under qemu-aarch64 and Xvfb, as far as it goes"
  # Its libraries come from the sysroot it was built against (package.sh arm64).
  # (HOME is the test user's here: the sysroot is in the real one's cache.)
  sysroot=${JIANGGAO_SYSROOT:-$(getent passwd "$(id -un)" | cut -d: -f6)/.cache/jianggao/sysroot-arm64}
  [ -f "$sysroot/.complete" ] || fail "no sysroot at $sysroot: scripts/package.sh arm64 makes it"
  # GTK maps the window; WebKit then starts its network and web processes as programs of
  # their own, which this kernel cannot run without binfmt_misc for aarch64 (and a release
  # WebKitGTK ignores WEBKIT_EXEC_PATH): so the page is not drawn here.
  if first_window "qemu-aarch64 -L $sysroot $OUT/root/usr/bin/jianggao-desktop" arm64-window 120; then
    echo "the arm64 desktop app mapped its window 讲稿工坊 under qemu ($OUT/arm64-window.png)"
  else
    echo "the arm64 desktop app mapped no window under qemu (log: $OUT/arm64-window.log)"
  fi
  if grep -q readPIDFromPeer "$OUT/arm64-window.log"; then
    echo "WebKit's helper process could not start under qemu-user: the page was not drawn"
  fi
  echo "test-package: the arm64 CLI passed under qemu; the desktop app was not run on ARM hardware"
  exit 0
fi

step "install $DEB"
sudo_ apt-get install -y -qq "$DEB" >/dev/null
dpkg -L jianggao | sort > "$OUT/files.txt"
grep -E '^/usr/(bin|share/applications|share/icons)/' "$OUT/files.txt"
[ "$(command -v jianggao)" = /usr/bin/jianggao ] || fail "jianggao is not /usr/bin/jianggao"

step "the installed CLI"
JG=jianggao
cli_steps

step "the desktop entry, launched under Xvfb"
entry=$(grep -l '^Name=讲稿工坊$' /usr/share/applications/*.desktop)
exec_line=$(sed -n 's/^Exec=//p' "$entry")
echo "$entry: Exec=$exec_line"
first_window "$exec_line" first-window 60 || fail "the installed app showed no window"
drawn "$OUT/first-window.png" || fail "nothing drawn in the first window"

step "install again, then a newer version over it: the library is kept and opens"
before=$(sha256sum "$LIBRARY" | cut -d' ' -f1)
sudo_ dpkg -i "$DEB" >/dev/null
newer=$OUT/newer
dpkg-deb -R "$DEB" "$newer"
version=$(dpkg-deb -f "$DEB" Version)
sed -i "s/^Version: .*/Version: $version+1/" "$newer/DEBIAN/control"
dpkg-deb --root-owner-group -b "$newer" "$OUT/newer.deb" >/dev/null
sudo_ apt-get install -y -qq "$OUT/newer.deb" >/dev/null
dpkg-query -W jianggao
[ "$(sha256sum "$LIBRARY" | cut -d' ' -f1)" = "$before" ] || fail "the upgrade changed the library"
jianggao show "$draft" > "$OUT/after-upgrade.txt" || fail "draft $draft is gone after the upgrade"
head -3 "$OUT/after-upgrade.txt"
# A library of the first schema (as the first release wrote it) is migrated on open.
old=$OUT/schema-v1.sqlite3
/usr/bin/python3 - tests/fixtures/schema_v1.sql "$old" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.executescript(open(sys.argv[1], encoding="utf-8").read())
db.execute("PRAGMA user_version = 1")
db.commit()
PY
JIANGGAO_DB=$old jianggao drafts >/dev/null
/usr/bin/python3 -c 'import sqlite3,sys; print("schema v1 library now at user_version", sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$old"

step "apt-get remove: nothing left but the user's library"
sudo_ apt-get remove -y -qq jianggao >/dev/null
status=$(dpkg-query -W -f '${Status}' jianggao 2>/dev/null || true)
case "$status" in "" | *not-installed) ;; *) fail "after remove jianggao is: $status" ;; esac
left=0
while read -r path; do
  [ -e "$path" ] || continue
  # A folder stays when another package owns it too (/usr/bin, hicolor's size folders).
  if [ -d "$path" ] && dpkg -S "$path" >/dev/null 2>&1; then continue; fi
  echo "left behind: $path"; left=1
done < "$OUT/files.txt"
[ $left -eq 0 ] || fail "files left behind"
echo "every one of $(wc -l < "$OUT/files.txt") paths of dpkg -L is gone or another package's folder"
/usr/bin/python3 - "$LIBRARY" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
drafts = db.execute("SELECT count(*) FROM drafts").fetchone()[0]
assert ok == "ok" and drafts >= 1, (ok, drafts)
print(f"kept: {sys.argv[1]} (integrity {ok}, {drafts} draft)")
PY
echo "test-package: all passed; screenshot: $OUT/first-window.png"
