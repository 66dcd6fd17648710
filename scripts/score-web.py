#!/usr/bin/env python3
"""Scores the import on ../shared/corpus/web as its README says (cruft left, speech lost,
titles, level-1 headings, leads and placeholders per file and summed), through
`jianggao import --dry-run --json`. Usage: python3 scripts/score-web.py [JIANGGAO_BIN]."""
import json, os, re, subprocess, sys, tempfile
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
web = os.path.join(root, "..", "shared", "corpus", "web")
J = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "debug", "jianggao")
db = os.path.join(tempfile.mkdtemp(), "score.sqlite3")
labels = json.load(open(f"{web}/labels.json"))
def norm(s):
    s = re.sub(r"\s+", "", s or "")
    return s.translate(str.maketrans(",:;!?()", "，：；！？（）"))
tot = dict(cruft=0, cruft_left=0, keep=0, lost=0, title=0, heads_tp=0, heads_lab=0, heads_det=0, lead_diff=0, ph_diff=0)
rows = []
for L in labels:
    f = L["file"]
    out = subprocess.run([J, "--db", db, "import", f"{web}/{f}", "--dry-run", "--json"], capture_output=True, text=True)
    a = json.loads(out.stdout)
    text = norm(a["cleaned_text"])
    tr = L["traditional"]
    keep = L.get("keep_simplified") if tr else L["keep"]
    title = L.get("title_simplified") if tr else L["title"]
    heads = (L.get("headings_simplified") if tr else L["headings"]) or []
    cl = sum(1 for c in L["cruft"] if norm(c) in text)
    lost = sum(1 for k in keep if norm(k) not in text)
    t_ok = norm(a.get("title")) == norm(title) if title else a.get("title") is None
    det = [norm(b["text"]) for b in a["blocks"] if b["kind"] == "heading" and b.get("level", 1) == 1]
    lab = [norm(h) for h in heads]
    tp = sum(1 for h in lab if h in det)
    leads = sum(1 for b in a["blocks"] if b.get("lead"))
    ph = sum(len(b.get("slots", [])) for b in a["blocks"] if b["kind"] != "title") + (len([1 for b in a["blocks"] if b["kind"]=="title" and b.get("slots")]) )
    rows.append((f, cl, len(L["cruft"]), lost, len(keep), t_ok, tp, len(lab), len(det), abs(leads - L["leads"]), abs(ph - L["placeholders"])))
    tot["cruft"] += len(L["cruft"]); tot["cruft_left"] += cl; tot["keep"] += len(keep); tot["lost"] += lost
    tot["title"] += t_ok; tot["heads_tp"] += tp; tot["heads_lab"] += len(lab); tot["heads_det"] += len(det)
    tot["lead_diff"] += abs(leads - L["leads"]); tot["ph_diff"] += abs(ph - L["placeholders"])
print("| file | cruft left | speech lost | title | headings found/labelled/detected | leads |Δ| | placeholders |Δ| |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]}/{r[2]} | {r[3]}/{r[4]} | {'✓' if r[5] else '✗'} | {r[6]}/{r[7]}/{r[8]} | {r[9]} | {r[10]} |")
print(json.dumps(tot))
