#!/usr/bin/python3
"""Makes the app's icons from src-tauri/icons/icon.png (512 x 512 RGBA): a PNG for every
size of the hicolor theme's apps folders, the 2x (HiDPI) ones named NxN@2x.png as Tauri's
bundler expects, and icon.ico for a Windows build. Deterministic: running it again writes
the same bytes, so scripts/package.sh can run it every time. With --check it writes
nothing and fails when a file is missing, not RGBA or not its size."""
import io
import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parent.parent / "src-tauri" / "icons"
# The sizes of /usr/share/icons/hicolor/index.theme's apps folders.
SIZES = [16, 22, 24, 32, 36, 48, 64, 72, 96, 128, 192, 256, 512]


def wanted():
    """(file name, pixel size) of every icon."""
    for s in SIZES:
        yield f"{s}x{s}.png", s
        if 2 * s <= 512:
            yield f"{s}x{s}@2x.png", 2 * s


def write_if_changed(path, image, **options):
    """Writes only different bytes: an unchanged icon keeps its time, so the desktop
    crate (whose build script watches the icons) is not built again."""
    out = io.BytesIO()
    image.save(out, format=path.suffix[1:].upper(), optimize=True, **options)
    if not path.exists() or path.read_bytes() != out.getvalue():
        path.write_bytes(out.getvalue())


def main():
    check = "--check" in sys.argv[1:]
    source = Image.open(ICONS / "icon.png")
    if source.mode != "RGBA" or source.size != (512, 512):
        sys.exit(f"icon.png must be 512 x 512 RGBA, is {source.size} {source.mode}")
    bad = []
    for name, size in wanted():
        path = ICONS / name
        if check:
            if not path.exists():
                bad.append(f"{name}: missing")
                continue
            with Image.open(path) as im:
                if im.mode != "RGBA" or im.size != (size, size):
                    bad.append(f"{name}: {im.size} {im.mode}, want ({size}, {size}) RGBA")
        else:
            write_if_changed(path, source.resize((size, size), Image.LANCZOS))
    if not check:
        write_if_changed(ICONS / "icon.ico", source, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    elif not (ICONS / "icon.ico").exists():
        bad.append("icon.ico: missing")
    if bad:
        sys.exit("icons: " + "; ".join(bad))


if __name__ == "__main__":
    main()
