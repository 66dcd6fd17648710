#!/usr/bin/env bash
# Proves that Jianggao makes no network connection: a CLI session (new draft, set, add,
# insert, check, stats, export .docx and .md, import a fixture, search, pack export and
# import) runs under `strace -f -e trace=network`, and any socket other than the local
# ones listed below fails the run.
#
#   bash scripts/no-network.sh              the CLI session
#   bash scripts/no-network.sh --desktop    also the desktop end-to-end flows (needs Xvfb,
#                                           tauri-driver and WebKitWebDriver, like test.sh)
#   JIANGGAO_BIN=PATH                       use this CLI binary instead of building one
#
# Allowed in the CLI session: nothing but AF_UNIX sockets, and only for glibc's name
# service lookups (nscd) should the machine run nscd; no AF_INET/AF_INET6/AF_NETLINK/
# AF_PACKET socket, and no connect() to any address other than such a local path.
#
# Allowed in the desktop run (the test, tauri-driver, WebKitWebDriver, the app and its
# WebKit processes), as measured:
#   AF_INET on 127.0.0.1 only: the test → tauri-driver (4544, 4564 in flows.rs) →
#     WebKitWebDriver (4545, 4565) → the inspector port the app opens on loopback for
#     automation (WebKitWebDriver and the web process connect to it); any other address,
#     any other port, and port 53 (a name lookup) fail the run;
#   AF_UNIX: the X server (@/tmp/.X11-unix/X*), the D-Bus system bus, nscd, and
#     socketpair()s for WebKit's IPC between its processes;
#   AF_NETLINK, NETLINK_ROUTE only (NETLINK_KOBJECT_UEVENT would pass too): GLib's network
#     monitor in WebKitNetworkProcess (in one of two runs also the app) reads the local
#     routing table.
#   WebKitNetworkProcess opens no internet socket at all.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"

desktop=0
[ "${1:-}" = "--desktop" ] && desktop=1

if ! command -v strace >/dev/null 2>&1; then
  sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends strace
fi

bin="${JIANGGAO_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --quiet --locked -p jianggao --bin jianggao
  bin=target/debug/jianggao
fi
bin=$(realpath "$bin")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# Prints the network system calls of a trace and fails on any that is not allowed.
# $1: the trace, $2: "cli" or "desktop".
judge() {
  local trace=$1 mode=$2
  # Only the calls themselves (not "resumed" halves or signals); their first argument
  # is the family or the socket.
  grep -E '(socket|socketpair|connect|bind|listen|accept4?|sendto|sendmsg)\(' "$trace" >"$work/calls" || true
  echo "-- $mode: network system calls by kind"
  if [ ! -s "$work/calls" ]; then
    echo "   none"
  else
    # call and address family (none for calls on a connected socket)
    awk '{ match($0, /[a-z0-9]+\(/); call = substr($0, RSTART, RLENGTH - 1); fam = "";
           if (match($0, /AF_[A-Z0-9]+/)) fam = substr($0, RSTART, RLENGTH); print call, fam }' \
      "$work/calls" | sort | uniq -c | sed 's/^/  /'
  fi
  local bad
  if [ "$mode" = cli ]; then
    # Any socket of another family, and any connect() except to nscd's socket.
    bad=$(grep -E 'socket(pair)?\(AF_(INET|INET6|NETLINK|PACKET)' "$work/calls" || true)
    bad+=$(grep -E 'connect\(' "$work/calls" | grep -v 'sun_path="/var/run/nscd/socket"' | grep -v 'sun_path="/run/nscd/socket"' || true)
  else
    # Internet addresses must be loopback: 127.0.0.0/8 or ::1 (also as ::ffff:127.x).
    bad=$(grep -E '(connect|bind|sendto|sendmsg)\(' "$work/calls" | grep -E 'AF_INET6?' |
      grep -vE 'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|inet_pton\(AF_INET6, "::ffff:127\.' || true)
    bad+=$(grep -E 'socket\(AF_(PACKET|BLUETOOTH|CAN|X25|AX25|IPX|APPLETALK)' "$work/calls" || true)
    # A name lookup (DNS, port 53) is network use even through a loopback resolver.
    bad+=$(grep -E 'sin6?_port=htons\(53\)' "$work/calls" || true)
  fi
  if [ -n "$bad" ]; then
    echo "FAIL ($mode): network use that is not allowed:"
    echo "$bad" | head -20
    status=1
  else
    echo "ok ($mode): no network use beyond the allowed local sockets"
  fi
}

# First the check itself: a program that opens an internet socket (and connects to the
# discard port on loopback, which reaches nothing outside) must be caught.
strace -f -qq -e trace=network -o "$work/canary.trace" \
  bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' 2>/dev/null || true
judge "$work/canary.trace" cli >/dev/null
if [ "$status" -ne 1 ]; then
  echo "FAIL: the check missed the socket of a program that opens one (may strace trace here?)"
  exit 1
fi
status=0

# The CLI session, one shell script under one trace (the shell makes no socket itself).
cat >"$work/session.sh" <<EOF
set -eu
j() { "$bin" --db "$work/lib.sqlite3" "\$@"; }
d=\$(j new --template opening-congress --title 无网络测试)
j set "\$d" 届次=十八 年份=2026 单位=市总工会
j add "\$d" general-political-theory
j insert "\$d" "会议要求，各单位认真落实。"
j check "\$d" >/dev/null || [ \$? -eq 1 ]
j stats "\$d"
j export "\$d" --format docx --out "$work/out.docx"
j export "\$d" --format md --out "$work/out.md"
j import tests/fixtures/import/website-copy.txt --tag 无网络
j import "$work/out.docx" --dry-run >/dev/null
j search 工会 --limit 3 >/dev/null
j blocks search 职工 --limit 3 >/dev/null
j pack export "$work/lib.pack"
"$bin" --db "$work/other.sqlite3" pack import "$work/lib.pack"
j drafts
EOF
echo "== CLI session under strace"
started=$(date +%s)
strace -f -qq -e trace=network -o "$work/cli.trace" bash "$work/session.sh" >"$work/cli.out" 2>&1 ||
  { cat "$work/cli.out"; echo "FAIL: the CLI session itself failed"; exit 1; }
judge "$work/cli.trace" cli
echo "   (CLI session: $(( $(date +%s) - started )) s)"

if [ "$desktop" -eq 1 ]; then
  echo "== desktop end-to-end flows under strace"
  # Built as scripts/test.sh builds it: the front end, then the whole workspace.
  (cd ui && { [ -d node_modules ] || npm install --no-audit --no-fund; } && npx vite build --logLevel warn)
  cargo build --workspace --all-targets --locked --features jianggao-desktop/e2e
  flows=$(cargo test --workspace --locked --features jianggao-desktop/e2e --test flows --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "flows" and m.get("executable"):
        print(m["executable"])')
  # strace inside xvfb-run: the X server itself is not traced, everything the test
  # starts is (tauri-driver, WebKitWebDriver, the app and its WebKit processes).
  xvfb-run -a -s "-screen 0 1600x1000x24" \
    strace -f -qq -e trace=network,execve,clone,clone3,fork,vfork -o "$work/desktop.trace" \
    env JIANGGAO_E2E=1 "$flows" --nocapture --test-threads=1 >"$work/desktop.out" 2>&1 ||
    { tail -40 "$work/desktop.out"; echo "FAIL: the desktop flows failed"; exit 1; }
  grep -E '^test result' "$work/desktop.out" || true
  judge "$work/desktop.trace" desktop
  echo "-- desktop: sockets per program (socket families; internet and AF_UNIX peers)"
  python3 - "$work/desktop.trace" <<'PY' || { echo "FAIL (desktop): a port or netlink protocol that is not allowed"; status=1; }
import collections, re, sys
prog, pending = {}, {}
fams, peers = collections.defaultdict(collections.Counter), collections.defaultdict(set)
for line in open(sys.argv[1], errors="replace"):
    pid, _, rest = line.partition(" ")
    rest = rest.strip()
    # An execve may be split by other threads' calls: remember its path until it ends.
    m = re.match(r'execve\("([^"]+)"', rest)
    if m:
        pending[pid] = m.group(1).rsplit("/", 1)[-1]
    if (m or rest.startswith("<... execve resumed>")) and re.search(r"= 0$", rest):
        prog[pid] = pending.get(pid, "?")
    if m or rest.startswith("<... execve"):
        continue
    m = re.match(r'(?:<\.\.\. )?(clone3?|fork|vfork)\b.*= (\d+)$', rest)
    if m:
        prog[m.group(2)] = prog.get(pid, "?")
        continue
    who = prog.get(pid, "?")
    m = re.match(r'(socket|socketpair)\((AF_\w+), ([A-Z_|]+)', rest)
    if m:
        kind = m.group(3).split("|")[0]
        proto = rest.split(", ")[2].split(")")[0] if m.group(2) == "AF_NETLINK" else ""
        fams[who][f"{m.group(1)} {m.group(2)} {kind} {proto}".strip()] += 1
    m = re.match(r'(connect|bind|sendto)\(\d+, .*?sin6?_port=htons\((\d+)\).*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")', rest)
    if m:
        peers[who].add(f"{m.group(1)} {m.group(3) or m.group(4)}:{m.group(2)}")
    m = re.match(r'connect\(\d+, \{sa_family=AF_UNIX, sun_path=(@?"[^"]+")', rest)
    if m:
        peers[who].add(f"connect AF_UNIX {m.group(1)}")
for who in sorted(set(fams) | set(peers)):
    print(f"  {who}:")
    for f, n in sorted(fams[who].items()):
        print(f"    {n:4d} {f}")
    for p in sorted(peers[who]):
        print(f"         {p}")
# Loopback ports allowed: the WebDriver ports of flows.rs, ephemeral binds (port 0), and
# the ports the app itself listens on (the web view's inspector, opened for automation).
ports = {"4544", "4545", "4564", "4565", "0"}
ports |= {p.rsplit(":", 1)[1] for p in peers.get("jianggao-desktop", ()) if p.startswith("bind ")}
bad = [f"{who}: {p}" for who, ps in peers.items() for p in ps
       if "AF_UNIX" not in p and p.rsplit(":", 1)[1] not in ports]
bad += [f"{who}: {f}" for who, fs in fams.items() for f in fs
        if "AF_NETLINK" in f and not re.search(r"NETLINK_(ROUTE|KOBJECT_UEVENT)$", f)]
for b in bad:
    print(f"  not allowed: {b}")
sys.exit(1 if bad else 0)
PY
  [ -n "${NO_NETWORK_KEEP:-}" ] && cp "$work/desktop.trace" "$NO_NETWORK_KEEP"
fi
[ -n "${NO_NETWORK_KEEP_CLI:-}" ] && cp "$work/cli.trace" "$NO_NETWORK_KEEP_CLI"
exit "$status"
