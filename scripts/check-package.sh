#!/usr/bin/env bash
# The quick check of the packaging configuration that scripts/test.sh runs (a second, no
# build): every script parses (bash -n), the bundle section of src-tauri/tauri.conf.json
# names files that exist and a valid Debian package, the icons are there at every hicolor
# size, and the desktop entry made from the committed template passes
# desktop-file-validate, and makensis compiles the Windows installer's script around two
# stand-in programs. (tauri-build parses the whole config at every cargo build.)
# The package itself is built and tested by hand: scripts/package.sh, scripts/test-package.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
for s in scripts/*.sh .ci/run; do
  bash -n "$s"
done
/usr/bin/python3 - <<'PY'
import json, re
from pathlib import Path

tauri = Path("src-tauri")
conf = json.loads((tauri / "tauri.conf.json").read_text(encoding="utf-8"))
linux = json.loads((tauri / "tauri.linux.conf.json").read_text(encoding="utf-8"))
bundle = conf["bundle"]
deb = bundle["linux"]["deb"]
errors = []
# The bundler names the package, its /usr/share/doc folder and desktop file after productName.
name = linux.get("productName", conf["productName"])
if not re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", name):
    errors.append(f"productName {name!r} on Linux is not a Debian package name")
if not re.fullmatch(r"\d+\.\d+\.\d+", conf["version"]):
    errors.append(f"version {conf['version']!r}")
if "deb" not in bundle["targets"]:
    errors.append("bundle.targets lacks deb")
for need in ("libwebkit2gtk-4.1-0", "libgtk-3-0", "libc6"):
    if not any(d.split()[0] == need for d in deb["depends"]):
        errors.append(f"deb depends lacks {need}")
for icon in bundle["icon"]:
    if not (tauri / icon).is_file():
        errors.append(f"icon {icon} missing")
if not (tauri / deb["desktopTemplate"]).is_file():
    errors.append(f"desktopTemplate {deb['desktopTemplate']} missing")
for dest, src in deb["files"].items():
    if not dest.startswith("/usr/"):
        errors.append(f"{dest} is outside /usr")
    # The binaries come from the build; every other file is committed.
    if not src.startswith("../target/") and not (tauri / src).is_file():
        errors.append(f"{src} (for {dest}) missing")
if "/usr/bin/jianggao" not in deb["files"]:
    errors.append("the CLI is not /usr/bin/jianggao")
if f"/usr/share/doc/{name}/copyright" not in deb["files"]:
    errors.append("no copyright file")
changelog = (tauri / deb["changelog"]).read_text(encoding="utf-8").split("\n", 1)[0]
if not changelog.startswith(f"jianggao ({conf['version']})"):
    errors.append(f"packaging/linux/changelog starts {changelog!r}, not version {conf['version']}")
if errors:
    raise SystemExit("package config: " + "; ".join(errors))
PY
/usr/bin/python3 scripts/icons.py --check
desktop=$(mktemp --suffix=.desktop)
trap 'rm -f "$desktop"' EXIT
# The bundler fills {{exec}} and {{icon}} with the main binary's name.
sed 's/{{exec}}/jianggao-desktop/g; s/{{icon}}/jianggao-desktop/g' \
  packaging/linux/jianggao.desktop.hbs > "$desktop"
desktop-file-validate "$desktop"
grep -qx 'Name=讲稿工坊' "$desktop"
grep -qx 'Categories=Office;' "$desktop"
if grep -q '{{' "$desktop"; then
  echo "check-package: the desktop template has a field the check does not fill" >&2
  exit 1
fi
# The Windows installer's script, as package.sh windows runs makensis (-DAPP: with the app).
nsis=$(mktemp -d)
trap 'rm -f "$desktop"; rm -rf "$nsis"' EXIT
touch "$nsis/jianggao.exe" "$nsis/jianggao-desktop.exe" "$nsis/WebView2Loader.dll"
(cd packaging/windows && makensis -V1 -WX -DVERSION=0.1.0 -DSRC="$nsis" -DOUT="$nsis/jianggao_x64-setup.exe" -DAPP jianggao.nsi)
[ -s "$nsis/jianggao_x64-setup.exe" ]
echo "check-package: ok"
