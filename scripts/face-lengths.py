#!/usr/bin/env python3
"""Lists the faces' functions that are too long to be thin: Tauri commands in
src-tauri/src and CLI command functions in src/bin/jianggao longer than LIMIT lines
(default 25). A face parses, calls one app function and prints; anything longer is
where a rule may have crept in. Exit 1 when any is found (ARCHITECTURE.md explains the
ones allowed, listed in ALLOWED below)."""
import pathlib
import re
import sys

LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 25
ROOT = pathlib.Path(__file__).resolve().parent.parent
# Explained in ARCHITECTURE.md ("Thin faces").
ALLOWED = {
    # The native save dialog is built in the command: it is the face's own job.
    "src-tauri/src/commands/files.rs:export_draft",
    "src-tauri/src/commands/files.rs:choose_library",
    "src-tauri/src/commands/import.rs:choose_import_files",
    # The dispatch table: one line per command.
    "src/bin/jianggao/main.rs:run",
    # Printing the import analysis as text is only formatting, line by line.
    "src/bin/jianggao/import.rs:run",
}


def functions(path, commands_only):
    """(name, first line, length) of each fn; for Tauri, only #[tauri::command] ones."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = re.match(r"\s*(pub(\(\w+\))? )?(async )?fn (\w+)", lines[i])
        if m:
            attrs = " ".join(lines[max(0, i - 4):i])
            if not commands_only or "tauri::command" in attrs:
                depth, j, opened = 0, i, False
                while j < len(lines):
                    depth += lines[j].count("{") - lines[j].count("}")
                    opened = opened or "{" in lines[j]
                    if opened and depth <= 0:
                        break
                    j += 1
                out.append((m.group(4), i + 1, j - i + 1))
        i += 1
    return out


def main():
    found = []
    faces = [(ROOT / "src-tauri/src", True), (ROOT / "src/bin/jianggao", False)]
    for base, commands_only in faces:
        for path in sorted(base.rglob("*.rs")):
            rel = path.relative_to(ROOT).as_posix()
            for name, line, length in functions(path, commands_only):
                if length > LIMIT and f"{rel}:{name}" not in ALLOWED:
                    found.append(f"{rel}:{line}: {name} is {length} lines")
    for f in found:
        print(f)
    print(f"{len(found)} face functions over {LIMIT} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
