#!/usr/bin/env python3
"""Scores the import on ../shared/corpus/web as its README says (cruft left, speech lost,
titles, level-1 headings, leads and placeholders per file and summed), through
`jianggao import --dry-run --json`. Usage: python3 scripts/score-web.py [JIANGGAO_BIN].

The files are split by a fixed rule into two halves: odd file numbers are the tuning half
(rules are made and checked on them), even file numbers the held-out half (looked at only
through these figures, never to make a rule), so "measured on pages not tuned on" means
something here too. Totals are printed for each half and for all."""
import json, os, re, subprocess, sys, tempfile
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
web = os.path.join(root, "..", "shared", "corpus", "web")
J = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "debug", "jianggao")
db = os.path.join(tempfile.mkdtemp(), "score.sqlite3")
labels = json.load(open(f"{web}/labels.json"))
def norm(s):
    s = re.sub(r"\s+", "", s or "")
    return s.translate(str.maketrans(",:;!?()", "，：；！？（）"))
KEYS = ("files", "cruft", "cruft_left", "keep", "lost", "title", "heads_tp", "heads_lab", "heads_det", "leads_lab", "lead_diff", "ph_lab", "ph_diff")
halves = {"tuning (odd)": dict.fromkeys(KEYS, 0), "held-out (even)": dict.fromkeys(KEYS, 0), "all": dict.fromkeys(KEYS, 0)}
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
    half = "tuning (odd)" if int(f[:2]) % 2 == 1 else "held-out (even)"
    got = dict(files=1, cruft=len(L["cruft"]), cruft_left=cl, keep=len(keep), lost=lost, title=int(t_ok),
               heads_tp=tp, heads_lab=len(lab), heads_det=len(det), leads_lab=L["leads"],
               lead_diff=abs(leads - L["leads"]), ph_lab=L["placeholders"], ph_diff=abs(ph - L["placeholders"]))
    for name in (half, "all"):
        for k, v in got.items():
            halves[name][k] += v
print("| file | cruft left | speech lost | title | headings found/labelled/detected | leads |Δ| | placeholders |Δ| |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]}/{r[2]} | {r[3]}/{r[4]} | {'✓' if r[5] else '✗'} | {r[6]}/{r[7]}/{r[8]} | {r[9]} | {r[10]} |")
def pct(a, b):
    return 100.0 * a / max(b, 1)
print()
print("| half | files | cruft left | speech lost | titles | headings found/labelled (detected) | leads Δ / labelled | placeholders Δ / labelled |")
print("|---|---|---|---|---|---|---|---|")
for name, t in halves.items():
    print(f"| {name} | {t['files']} | {t['cruft_left']}/{t['cruft']} ({pct(t['cruft_left'], t['cruft']):.1f}%) | {t['lost']}/{t['keep']} "
          f"| {t['title']}/{t['files']} ({pct(t['title'], t['files']):.0f}%) | {t['heads_tp']}/{t['heads_lab']} ({t['heads_det']}) "
          f"| {t['lead_diff']}/{t['leads_lab']} ({100 - pct(t['lead_diff'], t['leads_lab']):.0f}%) | {t['ph_diff']}/{t['ph_lab']} ({100 - pct(t['ph_diff'], t['ph_lab']):.0f}%) |")
print(json.dumps(halves["all"]))
