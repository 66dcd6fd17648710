#!/usr/bin/env bash
# Our .docx export against pandoc's, side by side in one run, on the same ~10,000-character
# draft: `jianggao export --format docx` versus `pandoc -f markdown -t docx` of the Markdown
# that `jianggao export --format md` gives for that draft. Both are whole command runs
# (process start included), each repeated N times. Target: ours at least 20× faster.
#
# usage: benches/pandoc_compare.sh [N]        (default N=20)
set -euo pipefail

N="${1:-20}"
cd "$(dirname "$0")/.."
command -v pandoc >/dev/null || { echo "pandoc is not installed (apt-get install pandoc)" >&2; exit 2; }

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/jianggao"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export JIANGGAO_DB="$work/lib.sqlite3"

# A draft of about 10,000 characters: a template, then library blocks until it is long enough.
id="$("$bin" new --template plenary-annual --set 年份=2026 --set 单位=市总工会 --set 日期=2026-04-28)"
mapfile -t blocks < <("$bin" blocks search "" --limit 1000 | awk '{print $1}')
chars=0
while [ "$chars" -lt 10000 ]; do
  for b in "${blocks[@]}"; do
    "$bin" add "$id" "$b" >/dev/null
    chars="$("$bin" stats "$id" --json | sed -n 's/.*"chars": *\([0-9]*\).*/\1/p')"
    [ "$chars" -ge 10000 ] && break
  done
done

"$bin" export "$id" --format md --out "$work/draft.md"
"$bin" export "$id" --format docx --out "$work/ours.docx"
pandoc -f markdown -t docx -o "$work/pandoc.docx" "$work/draft.md"

# Each loop runs in a subshell timed by bash: wall time, and CPU time (user + system) of
# the commands, which a busy machine disturbs less.
measure() {  # prints "wall_seconds cpu_seconds" for N runs of the command
  local TIMEFORMAT='%R %U %S' out
  out="$( { time ( for _ in $(seq "$N"); do "$@"; done ) ; } 2>&1 )"
  awk '{ print $1, $2 + $3 }' <<<"$out"
}
read -r base_wall base_cpu < <(measure /bin/true)
read -r ours_wall ours_cpu < <(measure "$bin" export "$id" --format docx --out "$work/ours.docx")
read -r pipe_wall pipe_cpu < <(measure sh -c "exec \"$bin\" export $id --format docx > \"$work/pipe.docx\"")
read -r pandoc_wall pandoc_cpu < <(measure pandoc -f markdown -t docx -o "$work/pandoc.docx" "$work/draft.md")

# The loop's own cost (bash forking a process N times) is measured with `/bin/true` and shown
# separately; "net" figures leave it out.
awk -v c="$chars" -v n="$N" -v bw="$base_wall" -v bc="$base_cpu" \
    -v ow="$ours_wall" -v oc="$ours_cpu" -v qw="$pipe_wall" -v qc="$pipe_cpu" \
    -v pw="$pandoc_wall" -v pc="$pandoc_cpu" \
    -v os="$(stat -c %s "$work/ours.docx")" -v ps="$(stat -c %s "$work/pandoc.docx")" 'BEGIN {
  printf "draft: %d characters; %d runs of each command (process start included)\n", c, n
  printf "%-42s %8s %8s %9s %9s %7s\n", "ms per run", "wall", "CPU", "net wall", "net CPU", "bytes"
  row("jianggao export --format docx --out FILE", ow, oc, os)
  row("jianggao export --format docx > FILE", qw, qc, 0)
  row("pandoc -f markdown -t docx -o FILE", pw, pc, ps)
  printf "%-42s %8.2f %8.2f\n", "(loop overhead: /bin/true)", bw * 1000 / n, bc * 1000 / n
  printf "ratio pandoc / jianggao --out:  wall %.1fx  CPU %.1fx  net wall %.1fx  net CPU %.1fx  (target >= 20x)\n",
    pw / ow, pc / oc, (pw - bw) / (ow - bw), (pc - bc) / (oc - bc)
  printf "ratio pandoc / jianggao > FILE: wall %.1fx  CPU %.1fx  net wall %.1fx  net CPU %.1fx\n",
    pw / qw, pc / qc, (pw - bw) / (qw - bw), (pc - bc) / (qc - bc)
  printf "(--out writes a temporary file and renames it into place; > FILE adds a shell)\n"
}
function row(name, w, cpu, bytes) {
  printf "%-42s %8.2f %8.2f %9.2f %9.2f", name, w * 1000 / n, cpu * 1000 / n, (w - bw) * 1000 / n, (cpu - bc) * 1000 / n
  if (bytes) printf " %7d", bytes
  printf "\n"
}'
