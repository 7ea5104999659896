#!/usr/bin/env bash
# Measures `upright status` against `upright --version` as whole processes, with
# no history, one year and ten years of it, and `upright remind`'s resident memory
# and wake-ups while it waits. Figures go in BENCHMARKS.md ("upright status").
#
#   scripts/status-bench.sh              # builds the release binary first
#   RUNS=15 WINDOW=30 scripts/status-bench.sh --no-build
#
# RUNS: alternating runs of each command per history (median taken; at least 9).
# WINDOW: seconds `upright remind` is watched while it waits.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-15}
WINDOW=${WINDOW:-30}
target=${CARGO_TARGET_DIR:-target}
if [ "${1:-}" != "--no-build" ]; then
    cargo build --release --bin upright --example gen_log
fi
bin="$target/release/upright"
gen="$target/release/examples/gen_log"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/config" "$work/none" "$work/1y" "$work/10y"
cat >"$work/config/config.toml" <<'EOF'
[[reminder]]
routine = "desk-break"
every = "2h"
between = "09:00-17:30"
days = ["mon", "tue", "wed", "thu", "fri"]

[[reminder]]
routine = "full"
at = ["08:00", "18:30"]
EOF
"$gen" --days 365 --per-day 1 --seed 1 "$work/1y/sessions.jsonl" >/dev/null
"$gen" --days 3650 --per-day 1 --seed 1 "$work/10y/sessions.jsonl" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

BIN="$bin" WORK="$work" RUNS="$RUNS" WINDOW="$WINDOW" python3 - <<'EOF'
import os, statistics, subprocess, time

bin_, work, runs, window = os.environ["BIN"], os.environ["WORK"], int(os.environ["RUNS"]), int(os.environ["WINDOW"])
env = {"PATH": os.environ["PATH"], "HOME": work, "UPRIGHT_CONFIG_DIR": f"{work}/config"}

cpu = {}

def run(args, data):
    """Wall time of the whole process in ms (and its CPU time, user + system, kept
    in `cpu` per command), and what it printed."""
    e = dict(env, UPRIGHT_DATA_DIR=f"{work}/{data}")
    t = time.perf_counter_ns()
    p = subprocess.Popen([bin_] + args, env=e, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    ms = (time.perf_counter_ns() - t) / 1e6
    assert status == 0, (args, status)
    cpu.setdefault((data, args[0]), []).append((usage.ru_utime + usage.ru_stime) * 1000)
    return ms, out.decode().strip()

print(f"{'history':8} {'--version':>10} {'status':>10} {'ratio':>6} {'status, no cache':>17} {'stats':>9}  {'CPU --version':>13} {'CPU status':>10}  line")
for data in ["none", "1y", "10y"]:
    cache = f"{work}/{data}/status-cache.json"
    cold = []
    for _ in range(5):
        if os.path.exists(cache):
            os.remove(cache)
        cold.append(run(["status"], data)[0])
    version, status, stats = [], [], []
    run(["status"], data)  # leaves the cache
    for i in range(runs):
        pair = [(version, ["--version"]), (status, ["status"])]
        if i % 2:
            pair.reverse()
        for store, args in pair:
            store.append(run(args, data)[0])
    for _ in range(5):
        stats.append(run(["stats"], data)[0])
    line = run(["status"], data)[1]
    v, s = statistics.median(version), statistics.median(status)
    cv = statistics.median(cpu[(data, "--version")])
    cs = statistics.median(cpu[(data, "status")][5:])  # the runs with the cache
    print(f"{data:8} {v:9.2f}ms {s:9.2f}ms {s / v:6.2f} {statistics.median(cold):15.2f}ms {statistics.median(stats):7.2f}ms  {cv:11.2f}ms {cs:8.2f}ms  {line}")

# The first status after a session is appended to the ten-year log: only the
# new lines are read.
after = []
for i in range(9):
    at = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    with open(f"{work}/10y/sessions.jsonl", "a") as f:
        f.write(f'{{"type":"start","v":1,"session":"bench{i}","at":"{at}","routine":"full","routine_name":"Full upper-back routine"}}\n')
        f.write(f'{{"type":"end","v":1,"session":"bench{i}","at":"{at}","status":"completed","active_secs":600}}\n')
    after.append(run(["status"], "10y")[0])
print(f"10y, first status after a session is appended: {statistics.median(after):.2f}ms (median of 9)")

# upright remind waiting for a reminder an hour away: memory and wake-ups.
def tasks(pid):
    return os.listdir(f"/proc/{pid}/task")

def switches(pid):
    total = 0
    for t in tasks(pid):
        for l in open(f"/proc/{pid}/task/{t}/status"):
            if "ctxt_switches" in l:
                total += int(l.split()[1])
    return total

def mem(pid):
    fields = {}
    for l in open(f"/proc/{pid}/status"):
        k, _, v = l.partition(":")
        fields[k] = v.strip()
    return fields["VmRSS"], fields["VmHWM"]

later = time.strftime("%H:%M", time.localtime(time.time() + 3600))
os.makedirs(f"{work}/remind", exist_ok=True)
with open(f"{work}/remind/config.toml", "w") as f:
    f.write(f'[[reminder]]\nroutine = "desk-break"\nat = "{later}"\n')
e = dict(env, UPRIGHT_CONFIG_DIR=f"{work}/remind", UPRIGHT_DATA_DIR=f"{work}/10y")
os.remove(f"{work}/10y/status-cache.json")  # the worst case: the whole log to read
p = subprocess.Popen([bin_, "remind"], env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
time.sleep(2)
before = switches(p.pid)
time.sleep(window)
after = switches(p.pid)
rss, hwm = mem(p.pid)
print(f"remind, waiting {window} s (ten years of history, no cache at start): VmRSS {rss}, VmHWM {hwm}, "
      f"{len(tasks(p.pid))} thread(s), {after - before} context switches ({(after - before) / window:.2f}/s)")
p.terminate()
p.wait()

# The same after it sent a desktop notification (a private D-Bus session with
# no notification service: the send fails, but the D-Bus client ran).
if subprocess.run(["sh", "-c", "command -v dbus-run-session"], stdout=subprocess.DEVNULL).returncode == 0:
    now = time.strftime("%H:%M", time.localtime(time.time() - 60))
    with open(f"{work}/remind/config.toml", "w") as f:
        f.write(f'[[reminder]]\nroutine = "desk-break"\nat = ["{now}", "{later}"]\n')
    p = subprocess.Popen(["dbus-run-session", "--", bin_, "remind"], env=e,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(3)
    child = subprocess.run(["pgrep", "-P", str(p.pid), "-x", "upright"], stdout=subprocess.PIPE).stdout.split()
    pid = int(child[0])
    before = switches(pid)
    time.sleep(window)
    after = switches(pid)
    rss, hwm = mem(pid)
    print(f"remind, after a desktop notification, waiting {window} s: VmRSS {rss}, VmHWM {hwm}, "
          f"{len(tasks(pid))} thread(s), {after - before} context switches ({(after - before) / window:.2f}/s)")
    os.kill(pid, 15)
    p.wait()
EOF
