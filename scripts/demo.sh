#!/usr/bin/env bash
# Builds Jianggao and writes a speech from a built-in template into ./demo-output/:
# Markdown now, .docx once the exporter is there. Uses a throwaway library file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --locked
jg=./target/release/jianggao
out=demo-output
mkdir -p "$out"
export JIANGGAO_DB="$out/demo-library.sqlite3"
rm -f "$JIANGGAO_DB" "$JIANGGAO_DB"-wal "$JIANGGAO_DB"-shm

id=$($jg new --template commendation-annual \
  --set 单位=市总工会 --set 讲话人=王建华 --set 职务=市总工会党组书记、主席 \
  --set 年份=2026 --set 日期=2026-04-28 --set 地区=全市 --set 党委=市委 \
  --set 上级工会=省总工会 --set 先进集体数=30 --set 先进个人数=120 \
  --set 活动名称=建功新时代劳动和技能竞赛 --set 帮扶人次=2.3万)
$jg show "$id"
echo
$jg stats "$id"
$jg check "$id" || true
$jg export "$id" --format md --front-matter --out "$out/speech.md"
echo "wrote $out/speech.md"
if $jg export --help | grep -q -- '--layout'; then
  $jg export "$id" --format docx --out "$out/speech.docx"
  echo "wrote $out/speech.docx"
fi
