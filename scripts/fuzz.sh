#!/usr/bin/env bash
# Fuzzes Jianggao's parsers with cargo-fuzz (libFuzzer): each target in fuzz/ runs for a
# bounded time, then the executions and findings are printed per target. Not run in CI.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]      (default 60 s each, every target)
#
# There is no nightly toolchain here: cargo-fuzz's -Z flags are allowed on the stable one
# by RUSTC_BOOTSTRAP=1. The sanitizer is off by default (the code under test is safe Rust;
# libFuzzer still catches panics, overflows with debug assertions, hangs and slow inputs);
# FUZZ_SANITIZER=address turns AddressSanitizer on. A finding is a file in
# fuzz/artifacts/TARGET/ (crash-*, timeout-*, oom-*, slow-unit-* for a run over 1 s);
# reproduce one with `RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a TARGET FILE`. FUZZ_ARGS
# adds libFuzzer options (e.g. "-max_len=65536 -len_control=0" to look for slow inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
# Only for cargo fuzz: in the environment of the seed CLI build it would change every
# fingerprint in target/ and rebuild everything.
fuzz() { RUSTC_BOOTSTRAP=1 cargo fuzz "$@"; }

seconds="${1:-60}"
shift || true
all=(import_txt import_md import_docx slot markup search pack template)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
sanitizer="${FUZZ_SANITIZER:-none}"

if ! fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# Seed corpora, made from the repository's own files each time (nothing large is
# committed): the import fixtures, every template exported as .md and .docx by the CLI,
# the starter library's texts, and small packs cut from an exported pack.
seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
cargo build --quiet -p jianggao --bin jianggao
bin=target/debug/jianggao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/seed.sqlite3"
mkdir -p "$seeds"/{import_txt,import_md,import_docx}
for t in templates/*.toml; do
  id=$(basename "$t" .toml)
  draft=$("$bin" --db "$db" new --template "$id" --set 届次=十八 --set 年份=2026)
  "$bin" --db "$db" export "$draft" --format md --front-matter --out "$seeds/import_md/$id.md"
  "$bin" --db "$db" export "$draft" --format docx --out "$seeds/import_docx/$id.docx"
  "$bin" --db "$db" export "$draft" --format docx --layout podium --out "$seeds/import_docx/$id-podium.docx"
  cp "$seeds/import_md/$id.md" "$seeds/import_txt/$id.txt"
done
cp tests/fixtures/import/* "$seeds/import_txt/"
cp templates/README.md "$seeds/import_md/templates-README.md"
cp assets/library/README.md "$seeds/import_md/library-README.md"
cp docs/*.md "$seeds/import_md/"
"$bin" --db "$db" pack export "$work/all.pack"
python3 - "$seeds" "$work/all.pack" <<'PY'
import glob, json, os, sys, tomllib
seeds, pack_file = sys.argv[1], sys.argv[2]
def put(target, name, data):
    os.makedirs(os.path.join(seeds, target), exist_ok=True)
    with open(os.path.join(seeds, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
texts = []
for path in sorted(glob.glob("assets/library/*.toml")):
    lib = tomllib.load(open(path, "rb"))
    texts += [b["text"] for b in lib.get("block", [])]
    texts += [p["text"] for p in lib.get("phrase", [])]
for path in sorted(glob.glob("templates/*.toml")):
    src = open(path, encoding="utf-8").read()
    put("template", os.path.basename(path), src)
    t = tomllib.loads(src)
    texts += [t.get("title", "")] + [s.get("text", "") for s in t.get("sections", [])]
texts = [t for t in texts if t.strip()]
# slot and markup: a selector byte (kind and filters / lead style), then the text.
for i, t in enumerate(texts[::3]):
    put("markup", f"text-{i}", bytes([i % 7]) + t.encode())
for i, t in enumerate(t for t in texts if "{{" in t):
    put("slot", f"text-{i}", bytes([i]) + t.encode())
for i, v in enumerate(["2026-01-15", "二〇二六年一月十五日", "2026年1月", "十八", "18",
                       "12.5%", "百分之十二点五", "3.5万元", "120", "{{届次|中文}}届",
                       "{{日期|年月}}", "{{ |数字}}", "{{a{{b}}", "{{x|未知}}"]):
    put("slot", f"value-{i}", bytes([i * 9]) + v.encode())
# search: a selector byte, then query NUL text.
queries = ["工会", "工", "职工", "\"AN*", "NEAR(", "a", "十八", "**", "{{届次}}", " 劳动 "]
for i, q in enumerate(queries):
    put("search", f"query-{i}", bytes([i * 23]) + q.encode() + b"\0" + texts[i].encode())
# pack: small packs of one to three items cut from the exported library.
pack = json.load(open(pack_file, encoding="utf-8"))
for i in range(0, 12):
    small = dict(pack, blocks=pack["blocks"][i * 3 : i * 3 + (i % 3) + 1],
                 phrases=pack["phrases"][i * 2 : i * 2 + (i % 2) + 1])
    put("pack", f"pack-{i}", json.dumps(small, ensure_ascii=False, indent=1))
put("pack", "empty", json.dumps({"format": "jianggao-pack", "version": 1}))
PY

summary=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  dict=()
  [ -f "fuzz/dicts/$t.dict" ] && dict=("-dict=fuzz/dicts/$t.dict")
  log="fuzz/artifacts/$t.log"
  echo "== $t: ${seconds}s"
  before=$(ls "fuzz/artifacts/$t" | wc -l)
  set +e
  # -timeout: an input running 10 s stops the run as a hang; -report_slow_units=1 keeps
  # any input over 1 s as slow-unit-* and goes on.
  fuzz run --sanitizer "$sanitizer" --debug-assertions "$t" \
    "fuzz/corpus/$t" "$seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -report_slow_units=1 \
    -print_final_stats=1 "${dict[@]}" ${FUZZ_ARGS:-} >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -oE '^Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' || true)
  [ -z "$runs" ] && runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  after=$(ls "fuzz/artifacts/$t" | wc -l)
  slowest=$(grep -oE 'Slowest unit: [0-9]+ s' "$log" | tail -1 || true)
  line="$t: ${runs:-?} executions, $((after - before)) new findings (rc=$rc)${slowest:+, $slowest}"
  echo "$line"
  summary+=("$line")
done
echo "== summary (logs and findings in fuzz/artifacts/)"
printf '%s\n' "${summary[@]}"
