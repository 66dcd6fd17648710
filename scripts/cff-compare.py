#!/usr/bin/env python3
"""An independent reader of our CFF subsets (tests/cff_subset.rs): fontTools parses the
bare CFF and compares every glyph with the same glyph of the original face — the outline
drawn by a RecordingPen, the advance width, and the Private DICT values of its font DICT
(without Subrs, which the subset drops with the subroutines).

usage: cff-compare.py FONT FACE_INDEX SUBSET.cff GID,GID,...
Prints "ok N" and exits 0 when all N glyphs are equal; else lists the differences."""
import sys
from io import BytesIO

from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont


def drawn(charstring):
    pen = RecordingPen()
    charstring.draw(pen)
    return pen.value, charstring.width


def private_values(top, fd_index):
    private = top.FDArray[fd_index].Private
    return {k: v for k, v in private.rawDict.items() if k != "Subrs"}


def main():
    path, face, subset_path, gids = sys.argv[1:5]
    gids = [int(g) for g in gids.split(",")]
    font = TTFont(path, fontNumber=int(face), lazy=True)
    order = font.getGlyphOrder()
    orig_top = font["CFF "].cff.topDictIndex[0]
    orig = orig_top.CharStrings

    cff = CFFFontSet()
    with open(subset_path, "rb") as f:
        cff.decompile(BytesIO(f.read()), None, isCFF2=False)
    top = cff.topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0), top.ROS
    names = top.charset
    assert len(names) == len(gids), (len(names), len(gids))
    problems = []
    for new, gid in enumerate(gids):
        if names[new] != "cid%05d" % new and not (new == 0 and names[0] == ".notdef"):
            problems.append(f"glyph {new} named {names[new]}")
        ours = top.CharStrings[names[new]]
        theirs = orig[order[gid]]
        if drawn(ours) != drawn(theirs):
            problems.append(f"glyph {new} (gid {gid}): outline or width differs")
        fd_ours, fd_theirs = top.FDSelect[new], orig_top.FDSelect[gid]
        if private_values(top, fd_ours) != private_values(orig_top, fd_theirs):
            problems.append(f"glyph {new} (gid {gid}): Private DICT differs")
    if problems:
        print("\n".join(problems[:20]))
        sys.exit(1)
    print("ok", len(gids))


main()
