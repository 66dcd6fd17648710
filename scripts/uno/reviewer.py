#!/usr/bin/env python3
"""A leader's reviewer, played by LibreOffice itself (python3-uno, headless).

Opens a .docx (our export), optionally turns on record changes (修订), makes the edits
listed in a JSON file, saves as .docx ("MS Word 2007 XML") and, when asked, adds a
comment (批注) with python-docx >= 1.2 afterwards: LibreOffice 7.4 crashes when a UNO
script saves a comment to .docx.

    reviewer.py IN.docx OUT.docx EDITS.json [--no-track]

EDITS.json: {"author": "王主任",
             "edits": [{"op": "insert", "after": "anchor text", "text": "new sentence"},
                       {"op": "paragraph", "after": "anchor text", "text": "a new paragraph"},
                       {"op": "delete", "text": "a phrase"},
                       {"op": "replace", "text": "word", "with": "new word"}],
             "comment": {"on": "text of the paragraph's start", "text": "…"}}

Every text is found with LibreOffice's own search, first occurrence. The soffice process
is our own (office.py): a throw-away profile, always terminated.
"""

import json
import os
import sys

from office import office, prop, url


def set_author(ctx, author):
    """Tracked changes carry the user profile's name."""
    cp = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx)
    access = cp.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", author)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def find(doc, text):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"reviewer: {text!r} not found in the document")
    return found


def edit(doc, e):
    if e["op"] == "insert":
        anchor = find(doc, e["after"])
        cursor = anchor.getText().createTextCursorByRange(anchor.getEnd())
        cursor.getText().insertString(cursor, e["text"], False)
    elif e["op"] == "paragraph":
        # Enter at the end of the anchor's paragraph, then the new paragraph's text.
        from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK
        anchor = find(doc, e["after"])
        cursor = anchor.getText().createTextCursorByRange(anchor.getEnd())
        cursor.gotoEndOfParagraph(False)
        text = cursor.getText()
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, e["text"], False)
    elif e["op"] == "delete":
        find(doc, e["text"]).setString("")
    elif e["op"] == "replace":
        find(doc, e["text"]).setString(e["with"])
    else:
        raise SystemExit(f"reviewer: unknown edit {e['op']!r}")


def review(src, out, plan, track):
    with office() as (ctx, desktop):
        set_author(ctx, plan.get("author", "审阅人"))
        doc = desktop.loadComponentFromURL(url(src), "_blank", 0, (prop("Hidden", True),))
        doc.RecordChanges = track
        for e in plan.get("edits", []):
            edit(doc, e)
        doc.storeToURL(url(out), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)


def comment(path, c, author):
    import docx  # python-docx >= 1.2 (comments)
    d = docx.Document(path)
    for p in d.paragraphs:
        if p.text.startswith(c["on"]) and p.runs:
            d.add_comment(p.runs, text=c["text"], author=author, initials=author[:1])
            d.save(path)
            return
    raise SystemExit(f"reviewer: no paragraph starts with {c['on']!r}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        raise SystemExit(__doc__)
    src, out, edits = args
    with open(edits, encoding="utf-8") as f:
        plan = json.load(f)
    review(src, out, plan, "--no-track" not in sys.argv)
    if not os.path.exists(out):
        raise SystemExit("reviewer: LibreOffice wrote nothing")
    if plan.get("comment"):
        comment(out, plan["comment"], plan.get("author", "审阅人"))


if __name__ == "__main__":
    main()
