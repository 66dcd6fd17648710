#!/usr/bin/env python3
"""An independent reader of our CFF subsets (tests/cff_subset.rs): fontTools parses the
bare CFF and compares every glyph with the same glyph of the original face — the outline
drawn by a RecordingPen, the advance width, the Private DICT values of its font DICT
(without Subrs, which the subset drops with the subroutines), and the FontMatrix it is
drawn with (the Top DICT's times its font DICT's). The original may be CID-keyed or
name-keyed (its Private DICT then stands for every glyph's font DICT).

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


IDENTITY = [1, 0, 0, 1, 0, 0]
DEFAULT = [0.001, 0, 0, 0.001, 0, 0]


def font_dict(top, gid):
    """The glyph's font DICT: its FD, or the Top DICT of a name-keyed font."""
    if "ROS" in top.rawDict:
        return top.FDArray[top.FDSelect[gid]]
    return top


def private_values(top, gid):
    private = font_dict(top, gid).Private
    return {k: v for k, v in private.rawDict.items() if k != "Subrs"}


def times(a, b):
    """The affine matrix a then b (PostScript order: a × b)."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def matrix(top, gid):
    """The glyph's FontMatrix: a font DICT's without one scales nothing more."""
    fd = font_dict(top, gid)
    own = fd.rawDict.get("FontMatrix", IDENTITY) if fd is not top else IDENTITY
    return [round(v, 9) for v in times(own, top.rawDict.get("FontMatrix", DEFAULT))]


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
        if private_values(top, new) != private_values(orig_top, gid):
            problems.append(f"glyph {new} (gid {gid}): Private DICT differs")
        if matrix(top, new) != matrix(orig_top, gid):
            problems.append(f"glyph {new} (gid {gid}): FontMatrix differs")
    if problems:
        print("\n".join(problems[:20]))
        sys.exit(1)
    print("ok", len(gids))


main()
