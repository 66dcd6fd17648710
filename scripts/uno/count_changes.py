#!/usr/bin/python3
"""The tracked changes LibreOffice reads in .docx files, as JSON on standard output: one
object per file, {"file", "count", "changes": [{"type": "Insert"|"Delete"|
"ParagraphFormat"|…, "author", "date", "text"}], "paragraphs": [[style, text], …]} —
the document's Redlines collection in LibreOffice's order, then every paragraph of the
body with its style name, after accepting (--accept) or rejecting (--reject) every
change as 编辑 → 修订 → 全部接受/全部拒绝 does, or as the file is.

Usage: /usr/bin/python3 scripts/uno/count_changes.py [--accept | --reject] FILE.docx...
(Debian's python3-uno: the interpreter LibreOffice's bridge is built for.)

It starts its own headless soffice with a private profile on a private pipe, so it
neither needs nor disturbs another LibreOffice, and ends it (by its process) afterwards.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def iso(dt):
    return "%04d-%02d-%02dT%02d:%02d:%02d" % (
        dt.Year, dt.Month, dt.Day, dt.Hours, dt.Minutes, dt.Seconds)


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            return resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit("soffice did not start")
            time.sleep(0.2)


RESOLVE = {"--accept": ".uno:AcceptAllTrackedChanges",
           "--reject": ".uno:RejectAllTrackedChanges"}


def paragraphs(doc):
    out = []
    items = doc.Text.createEnumeration()
    while items.hasMoreElements():
        p = items.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph"):
            out.append([p.ParaStyleName, p.getString()])
    return out


def read(ctx, desktop, path, resolve):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise SystemExit("LibreOffice could not open %s" % path)
    out = []
    items = doc.Redlines.createEnumeration()
    while items.hasMoreElements():
        r = items.nextElement()
        text = ""
        try:
            start = r.RedlineStart
            end = r.RedlineEnd
            cursor = start.getText().createTextCursorByRange(start)
            cursor.gotoRange(end, True)
            text = cursor.getString()
        except Exception:  # a paragraph-format change has no text to show
            pass
        out.append({
            "type": r.RedlineType,
            "author": r.RedlineAuthor,
            "date": iso(r.RedlineDateTime),
            "text": text,
        })
    if resolve:
        helper = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", ctx)
        helper.executeDispatch(doc.CurrentController.Frame, resolve, "", 0, ())
    paras = paragraphs(doc)
    doc.close(True)
    return {"file": path, "count": len(out), "changes": out, "paragraphs": paras}


def main():
    args = sys.argv[1:]
    resolve = RESOLVE.get(args[0]) if args else None
    files = args[1:] if resolve else args
    if not files or any(f.startswith("--") for f in files):
        raise SystemExit(__doc__)
    profile = tempfile.mkdtemp(prefix="jianggao-uno-")
    pipe = "jianggao-" + uuid.uuid4().hex
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "--nodefault", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        found = [read(ctx, desktop, f, resolve) for f in files]
        print(json.dumps(found, ensure_ascii=False))
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the office
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
