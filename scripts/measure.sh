#!/usr/bin/env bash
# Measures the interactive app the way a user runs it: the release binary in a
# pseudo-terminal (provided by a small python3 helper using only the standard
# library: pty/os/select), with figures read from /proc.
#
#   scripts/measure.sh [--no-build]
#
# Prints:
#   - time to first frame: spawn to the end of the first frame that shows the
#     routine picker (median of RUNS runs)
#   - resident memory at the picker (VmRSS and VmHWM from /proc/PID/status)
#   - CPU % (sum of /proc/PID/task/*/schedstat run time) and wake-ups per second
#     (voluntary + nonvoluntary context switches of every thread in
#     /proc/PID/task/*/status, also shown apart: voluntary ones are the app
#     waking from sleep, nonvoluntary ones are preemptions, e.g. by the pty
#     reader it just woke) and frames drawn per second, over WINDOW seconds:
#     idle at the picker, in a paused session, and with a session timer running
#   - time to first frame with a large session history, when this build reads
#     the session log (skipped otherwise, and the script says so)
#
# Environment: RUNS (default 7), WINDOW (seconds, default 10), COLS and ROWS
# (terminal size, default 100x30), HISTORY_SESSIONS (default 3650).
set -euo pipefail

cd "$(dirname "$0")/.."

RUNS=${RUNS:-7}
WINDOW=${WINDOW:-10}
COLS=${COLS:-100}
ROWS=${ROWS:-30}
HISTORY_SESSIONS=${HISTORY_SESSIONS:-3650}

if [[ ${1:-} != --no-build ]]; then
    cargo build --release --quiet
fi
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN="$TARGET_DIR/release/upright"
[[ -x $BIN ]] || { echo "no release binary at $BIN" >&2; exit 1; }
BIN=$(realpath "$BIN")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A returning user: default configuration, the safety notice already read.
mkdir -p "$WORK/home" "$WORK/config" "$WORK/data"
echo "seen" > "$WORK/data/notice-seen"
# Default configuration except the pain question before a session, so that
# `start ROUTINE` goes straight to "Get ready".
printf '[session]\nask_pain = false\n' > "$WORK/config/config.toml"

# A two-minute routine of timed phases only (holds, rests, a side switch), for
# how late each phase change lands. Its own config dir keeps the other figures
# on the default configuration.
mkdir -p "$WORK/phase-config"
cat > "$WORK/phase-config/config.toml" <<'TOML'
[timer]
lead_in = "5s"
switch_gap = "5s"
rest = "10s"

[session]
ask_pain = false
TOML
cat > "$WORK/phase-config/routines.toml" <<'TOML'
[[routine]]
id = "phase-timing"
name = "Phase timing"

[[routine.step]]
exercise = "plank"
level = 1
sets = 2
hold = "20s"
rest = "10s"

[[routine.step]]
exercise = "shoulder-blade-stretch"
level = 1
sets = 1
hold = "15s"
per_side = true

[[routine.step]]
exercise = "childs-pose"
level = 1
sets = 1
hold = "30s"
TOML

# A data dir with a long history (HISTORY_SESSIONS daily sessions), for the
# first frame and the memory with it loaded.
HISTORY=yes
{
    mkdir -p "$WORK/history-data"
    echo "seen" > "$WORK/history-data/notice-seen"
    # A long history in the DESIGN.md session-log shape: start, steps, end.
    python3 - "$WORK/history-data/sessions.jsonl" "$HISTORY_SESSIONS" <<'PY'
import datetime, json, sys
path, n = sys.argv[1], int(sys.argv[2])
day0 = datetime.datetime(2020, 1, 1, 7, 30, tzinfo=datetime.timezone.utc)
steps = [("plank", 1, 20.0), ("push-up", 1, None), ("ostrich", 1, None),
         ("shoulder-blade-stretch", 1, 30.0), ("childs-pose", 1, 60.0)]
with open(path, "w") as f:
    for i in range(n):
        at = day0 + datetime.timedelta(days=i)
        sid = at.strftime("%Y%m%dT%H%M%S") + "-0001"
        w = lambda o: f.write(json.dumps(o, separators=(",", ":")) + "\n")
        w({"v": 1, "type": "start", "session": sid, "at": at.isoformat(),
           "routine": "full", "routine_name": "Full upper-back routine",
           "pain_before": 4 + i % 3})
        for k, (ex, level, hold) in enumerate(steps):
            for s in (1, 2):
                ev = {"v": 1, "type": "step", "session": sid,
                      "at": (at + datetime.timedelta(seconds=60 * k + 30 * s)).isoformat(),
                      "index": 2 * k + s, "exercise": ex,
                      "exercise_name": ex.replace("-", " ").capitalize(),
                      "level": level, "set": s, "sets": 2,
                      "skipped": False, "hurt": False}
                if hold is None:
                    ev.update(dose="reps", planned_reps=10, achieved_reps=10)
                else:
                    ev.update(dose="hold", planned_secs=hold, achieved_secs=hold)
                w(ev)
        w({"v": 1, "type": "end", "session": sid,
           "at": (at + datetime.timedelta(minutes=11)).isoformat(),
           "status": "completed", "pain_after": 3 + i % 3, "note": ""})
PY
}

python3 - "$BIN" "$WORK" "$RUNS" "$WINDOW" "$COLS" "$ROWS" "$HISTORY" <<'PY'
import fcntl, os, select, signal, statistics, struct, subprocess, sys, termios, time

BIN, WORK = sys.argv[1], sys.argv[2]
RUNS, WINDOW, COLS, ROWS = (int(x) for x in sys.argv[3:7])
HISTORY = sys.argv[7]
END_FRAME = b"\x1b[?2026l"     # each frame ends its synchronized update
PICKER = b"Full upper-back routine"


def env_for(data_dir, config_dir=None):
    home = os.path.join(WORK, "home")
    return {
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local/share"),
        "UPRIGHT_CONFIG_DIR": config_dir or os.path.join(WORK, "config"),
        "UPRIGHT_DATA_DIR": data_dir,
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": "/usr/bin:/bin",
    }


class Run:
    """The binary in a fresh pseudo-terminal, its output drained as it comes."""

    def __init__(self, args, data_dir=None, config_dir=None):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))

        def take_terminal():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.fd = master
        self.out = bytearray()
        self.t0 = time.perf_counter()
        self.p = subprocess.Popen(
            [BIN, *args], stdin=slave, stdout=slave, stderr=slave,
            env=env_for(data_dir or os.path.join(WORK, "data"), config_dir),
            start_new_session=True, preexec_fn=take_terminal, close_fds=True)
        os.close(slave)

    def read_for(self, seconds):
        """Reads whatever comes for `seconds`; returns the bytes."""
        end = time.perf_counter() + seconds
        got = bytearray()
        while (left := end - time.perf_counter()) > 0:
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                got += chunk
        self.out += got
        return bytes(got)

    def wait_frame(self, needle, timeout=10.0):
        """Seconds from spawn until a frame showing `needle` is complete."""
        end = self.t0 + timeout
        while True:
            i = self.out.find(needle)
            if i >= 0 and self.out.find(END_FRAME, i) >= 0:
                return time.perf_counter() - self.t0
            left = end - time.perf_counter()
            if left <= 0:
                raise SystemExit(f"no frame with {needle!r} within {timeout} s; "
                                 f"output: {bytes(self.out[-400:])!r}")
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise SystemExit(f"the app exited before showing {needle!r}: "
                                     f"{bytes(self.out[-400:])!r}")
                self.out += chunk

    def send(self, keys):
        os.write(self.fd, keys)

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        end = time.perf_counter() + 5
        while self.p.poll() is None and time.perf_counter() < end:
            self.read_for(0.05)
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
        os.close(self.fd)

    # /proc readings, over every thread of the process.
    def tasks(self):
        return os.listdir(f"/proc/{self.p.pid}/task")

    def switches(self):
        """(voluntary, nonvoluntary) context switches, summed over threads."""
        vol = invol = 0
        for t in self.tasks():
            try:
                with open(f"/proc/{self.p.pid}/task/{t}/status") as f:
                    for line in f:
                        if line.startswith("voluntary_ctxt_switches"):
                            vol += int(line.split()[1])
                        elif line.startswith("nonvoluntary_ctxt_switches"):
                            invol += int(line.split()[1])
            except FileNotFoundError:
                pass
        return vol, invol

    def cpu_ns(self):
        total = 0
        for t in self.tasks():
            try:
                with open(f"/proc/{self.p.pid}/task/{t}/schedstat") as f:
                    total += int(f.read().split()[0])
            except FileNotFoundError:
                pass
        return total

    def memory_kb(self):
        got = {}
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                key = line.split(":")[0]
                if key in ("VmRSS", "VmHWM"):
                    got[key] = int(line.split()[1])
        return got

    def window(self, seconds):
        """CPU %, context switches/s (voluntary, nonvoluntary), frames/s."""
        (v0, i0), n0, t0 = self.switches(), self.cpu_ns(), time.perf_counter()
        out = self.read_for(seconds)
        (v1, i1), n1, t1 = self.switches(), self.cpu_ns(), time.perf_counter()
        span = t1 - t0
        return ((n1 - n0) / 1e9 / span * 100, (v1 - v0) / span,
                (i1 - i0) / span, out.count(END_FRAME) / span)


def first_frames(data_dir=None):
    times = []
    for _ in range(RUNS):
        r = Run([], data_dir)
        times.append(r.wait_frame(PICKER) * 1000)
        r.stop()
    return times


def report_frames(label, times):
    print(f"{label:<34} median {statistics.median(times):6.1f} ms"
          f"  (min {min(times):.1f}, max {max(times):.1f}; {len(times)} runs)")


def report_window(label, figures):
    cpu, vol, invol, frames = figures
    print(f"{label:<34} CPU {cpu:5.2f} %   {vol + invol:5.2f} wake-ups/s"
          f" ({vol:.2f} vol + {invol:.2f} invol)   {frames:4.2f} frames/s")


print(f"upright {BIN}")
print(f"terminal {COLS}x{ROWS} (python3 pty), {os.cpu_count()} CPUs, "
      f"window {WINDOW} s")
report_frames("first frame (picker)", first_frames())

r = Run([])
r.wait_frame(PICKER)
r.read_for(1.0)
m = r.memory_kb()
print(f"{'memory at the picker':<34} VmRSS {m['VmRSS'] / 1024:.1f} MB"
      f"   VmHWM {m['VmHWM'] / 1024:.1f} MB")
report_window("idle at the picker", r.window(WINDOW))
r.stop()

r = Run(["start", "full"])
r.wait_frame(b"Get ready")
r.send(b" ")
r.wait_frame(b"PAUSED")
r.read_for(0.5)
report_window("session paused", r.window(WINDOW))
r.stop()

r = Run(["start", "full"])
r.wait_frame(b"Get ready")
r.read_for(0.5)
report_window("session timer running", r.window(WINDOW))
r.stop()

if HISTORY == "yes":
    size = os.path.getsize(os.path.join(WORK, "history-data", "sessions.jsonl"))
    report_frames(f"first frame, {size / 1e6:.1f} MB history",
                  first_frames(os.path.join(WORK, "history-data")))
    # The log is read after the first frame; History shows once it is in.
    r = Run([], os.path.join(WORK, "history-data"))
    r.wait_frame(PICKER)
    r.read_for(2.0)
    m = r.memory_kb()
    print(f"{'memory, large history loaded':<34} VmRSS {m['VmRSS'] / 1024:.1f} MB"
          f"   VmHWM {m['VmHWM'] / 1024:.1f} MB")
    r.stop()
else:
    print(f"{'first frame, large history':<34} skipped: this build does not "
          f"read the session log yet")


class Screen:
    """Just enough of a terminal to read what ratatui draws: cursor moves
    (CSI row;col H), text, and every other escape sequence skipped."""

    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.pending = b""

    def feed(self, data):
        data = self.pending + data
        self.pending = b""
        i, n = 0, len(data)
        while i < n:
            b = data[i]
            if b == 0x1b:
                if i + 1 >= n:
                    self.pending = data[i:]
                    return
                if data[i + 1] == ord("["):
                    j = i + 2
                    while j < n and not 0x40 <= data[j] <= 0x7e:
                        j += 1
                    if j >= n:
                        self.pending = data[i:]
                        return
                    if data[j] == ord("H"):
                        parts = data[i + 2:j].split(b";")
                        self.y = int(parts[0] or 1) - 1 if parts and parts[0] else 0
                        self.x = int(parts[1] or 1) - 1 if len(parts) > 1 else 0
                    i = j + 1
                else:
                    i += 2
                continue
            if b < 0x20:
                i += 1
                continue
            # One UTF-8 character.
            width = 1 if b < 0x80 else 2 if b >= 0xf0 or b < 0xe0 else 3
            width = 4 if b >= 0xf0 else width
            if i + width > n:
                self.pending = data[i:]
                return
            ch = data[i:i + width].decode("utf-8", "replace")
            if 0 <= self.y < self.rows and 0 <= self.x < self.cols:
                self.grid[self.y][self.x] = ch
            self.x += 1
            i += width

    def row(self, y):
        return "".join(self.grid[y]).strip()

    def text(self):
        return "\n".join(self.row(y) for y in range(self.rows))


def phase_lateness():
    """Runs the two-minute routine and times, from the pty output, each frame
    that shows a new phase (title and headline rows change) against the planned
    start of that phase: the sum of the earlier phases' planned lengths (read
    from each phase's "M:SS of M:SS" line). Time zero is the first frame (the
    session starts just before it), so the figure is how much later than its
    deadline, relative to the first frame, each change reached the terminal."""
    import re
    r = Run(["start", "phase-timing"], config_dir=os.path.join(WORK, "phase-config"))
    scr = Screen(COLS, ROWS)
    seen = []            # (time since spawn, key, planned length in s)
    buf = bytearray()
    end = time.perf_counter() + 180
    done = False
    while time.perf_counter() < end and not done:
        r_, _, _ = select.select([r.fd], [], [], 1.0)
        if not r_:
            continue
        try:
            chunk = os.read(r.fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        now = time.perf_counter() - r.t0
        buf += chunk
        while (k := buf.find(END_FRAME)) >= 0:
            scr.feed(bytes(buf[:k + len(END_FRAME)]))
            del buf[:k + len(END_FRAME)]
            text = scr.text()
            if "Session complete" in text:
                seen.append((now, "complete", 0))
                done = True
                break
            key = (scr.row(1), scr.row(2))
            if seen and seen[-1][1] == key:
                continue
            m = re.search(r"(\d+):(\d\d) of (\d+):(\d\d)", text)
            length = int(m.group(3)) * 60 + int(m.group(4)) if m else None
            seen.append((now, key, length))
    r.stop()
    if not done:
        print(f"{'phase changes':<34} the routine did not complete within 180 s")
        return
    t0 = seen[0][0]
    planned = 0.0
    late = []
    for (t, key, length), (_, _, prev_len) in zip(seen[1:], seen[:-1]):
        planned += prev_len or 0
        late.append((t - t0 - planned) * 1000)
    total = planned
    print(f"{'phase changes (' + str(len(late)) + ', ' + str(round(total)) + ' s routine)':<34}"
          f" late by median {statistics.median(late):5.1f} ms, max {max(late):5.1f} ms,"
          f" min {min(late):5.1f} ms")
    print(f"{'':<34} each: " + " ".join(f"{x:.1f}" for x in late))


phase_lateness()
PY
