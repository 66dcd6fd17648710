#!/usr/bin/python3
"""The tracked changes LibreOffice reads in .docx files, as JSON on standard output: one
object per file, {"file", "count", "changes": [{"type": "Insert"|"Delete"|
"ParagraphFormat"|…, "author", "date", "text"}], "paragraphs": [[style, text], …]} —
the document's Redlines collection in LibreOffice's order, then every paragraph of the
body with its style name, after accepting (--accept) or rejecting (--reject) every
change as 编辑 → 修订 → 全部接受/全部拒绝 does, or as the file is.

Usage: /usr/bin/python3 scripts/uno/count_changes.py [--accept | --reject] FILE.docx...
(Debian's python3-uno: the interpreter LibreOffice's bridge is built for.)

It runs its own headless soffice (office.py), so it neither needs nor disturbs another
LibreOffice.
"""

import json
import sys

from office import office, prop, url


def iso(dt):
    return "%04d-%02d-%02dT%02d:%02d:%02d" % (
        dt.Year, dt.Month, dt.Day, dt.Hours, dt.Minutes, dt.Seconds)


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
    doc = desktop.loadComponentFromURL(url(path), "_blank", 0, (prop("Hidden", True),))
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
    with office() as (ctx, desktop):
        found = [read(ctx, desktop, f, resolve) for f in files]
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main()
