#!/usr/bin/env bash
# Measures the sound cues of the release binary, run the way a user runs it (in
# a pseudo-terminal from a python3 standard-library helper), with a stand-in
# player: a bash script that appends the time it started ($EPOCHREALTIME) and
# its arguments to a file.
#
#   scripts/measure-sound.sh [--no-build]
#
# Prints:
#   - how late each cue's player starts: the stand-in's timestamp against the
#     cue's planned instant on the session's timeline. Every cue of a routine of
#     timed phases falls on a whole second of that timeline, whose zero is taken
#     as the first byte the program writes (it follows the session's start by
#     well under a millisecond: only the terminal set-up lies between). The
#     figure includes starting the stand-in (exec of bash and its start-up).
#   - wake-ups per second (voluntary + nonvoluntary context switches of every
#     thread, /proc/PID/task/*/status) and frames per second over WINDOW
#     seconds of a session: the lead-in's countdown into the first hold with
#     tones on, the same with tones off (the bell), and paced push-ups (a tempo
#     cue every second or two) with tones on. The players are other processes
#     and are not counted.
#   - the one-second grid while the player sleeps 5 s at every cue: the time of
#     each frame (each shows a new second) against the whole seconds of the
#     timeline, and the longest gap between frames; then the same with a
#     player that returns at once, to compare.
#
# Environment: WINDOW (seconds, default 10), COLS and ROWS (default 100x30).
set -euo pipefail

cd "$(dirname "$0")/.."

WINDOW=${WINDOW:-10}
COLS=${COLS:-100}
ROWS=${ROWS:-30}

if [[ ${1:-} != --no-build ]]; then
    cargo build --release --quiet
fi
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN="$TARGET_DIR/release/upright"
[[ -x $BIN ]] || { echo "no release binary at $BIN" >&2; exit 1; }
BIN=$(realpath "$BIN")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/data"
echo "seen" > "$WORK/data/notice-seen"

# Stand-in players: log, then return at once or sleep 5 s. bash's
# $EPOCHREALTIME (bash 5) reads the clock without starting `date`; with an older
# bash the script falls back to `date +%s.%N`, which adds its own start-up.
for kind in fast sleep; do
    {
        echo '#!/usr/bin/env bash'
        echo 'now=${EPOCHREALTIME:-$(date +%s.%N)}'
        echo "printf '%s %s\\n' \"\${now/,/.}\" \"\$*\" >> \"\$PLAYED\""
        [[ $kind == sleep ]] && echo 'exec sleep 5'
        echo 'exit 0'
    } > "$WORK/player-$kind"
    chmod +x "$WORK/player-$kind"
done

# One config dir per player setting; all share a routine of timed phases only
# (about 42 s) and one of paced push-ups.
for setting in fast sleep bell; do
    dir="$WORK/config-$setting"
    mkdir -p "$dir"
    case $setting in
        bell) sound='tones = false' ;;
        *) sound="player = \"$WORK/player-$setting\"" ;;
    esac
    printf '[session]\nask_pain = false\n\n[sound]\n%s\n' "$sound" > "$dir/config.toml"
    cat > "$dir/routines.toml" <<'TOML'
[[routine]]
id = "timed"
name = "Timed phases"

[[routine.step]]
exercise = "plank"
level = 1
sets = 2
hold = "8s"
rest = "4s"

[[routine.step]]
exercise = "shoulder-blade-stretch"
level = 1
sets = 1
hold = "6s"
per_side = true

[[routine]]
id = "paced"
name = "Paced push-ups"

[[routine.step]]
exercise = "push-up"
level = 1
sets = 1
reps = 10
TOML
done

python3 - "$BIN" "$WORK" "$WINDOW" "$COLS" "$ROWS" <<'PY'
import fcntl, os, select, signal, statistics, struct, subprocess, sys, termios, time

BIN, WORK = sys.argv[1], sys.argv[2]
WINDOW, COLS, ROWS = (int(x) for x in sys.argv[3:6])
END_FRAME = b"\x1b[?2026l"


class Run:
    """The binary in a fresh pseudo-terminal. Times are wall-clock seconds
    (time.time(), the clock `date` reads too)."""

    def __init__(self, setting, args, timer=None):
        self.played = os.path.join(WORK, f"played-{setting}-{time.time()}")
        config = os.path.join(WORK, f"config-{setting}")
        if timer:
            config = os.path.join(WORK, f"config-{setting}-{timer}")
            os.makedirs(config, exist_ok=True)
            base = os.path.join(WORK, f"config-{setting}")
            with open(os.path.join(base, "config.toml")) as f:
                text = f.read()
            with open(os.path.join(config, "config.toml"), "w") as f:
                f.write(f"[timer]\nlead_in = \"{timer}\"\nswitch_gap = \"3s\"\n\n" + text)
            with open(os.path.join(base, "routines.toml")) as f, \
                    open(os.path.join(config, "routines.toml"), "w") as g:
                g.write(f.read())
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        home = os.path.join(WORK, "home")
        env = {"HOME": home, "XDG_CACHE_HOME": os.path.join(home, ".cache"),
               "UPRIGHT_CONFIG_DIR": config,
               "UPRIGHT_DATA_DIR": os.path.join(WORK, "data"),
               "TERM": "xterm-256color", "LANG": "C.UTF-8",
               "PATH": "/usr/bin:/bin", "PLAYED": self.played}
        self.fd = master
        self.first_byte = None
        self.frames = []           # wall time of each frame's end
        self.out = bytearray()
        self.p = subprocess.Popen(
            [BIN, *args], stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, close_fds=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)

    def read_until(self, needle=None, seconds=None):
        """Reads until `needle` is in the output or `seconds` have passed."""
        end = time.time() + (seconds if seconds is not None else 240)
        while (left := end - time.time()) > 0:
            if needle is not None and needle in self.out:
                return True
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                continue
            now = time.time()
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            if self.first_byte is None:
                self.first_byte = now
            start = len(self.out)
            self.out += chunk
            # Every frame end that this chunk completes (one may straddle two).
            i = self.out.find(END_FRAME, max(0, start - len(END_FRAME) + 1))
            while i >= 0:
                self.frames.append(now)
                i = self.out.find(END_FRAME, i + 1)
        return needle is None or needle in self.out

    def switches(self):
        vol = invol = 0
        for t in os.listdir(f"/proc/{self.p.pid}/task"):
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

    def window(self, seconds):
        (v0, i0), n0, t0 = self.switches(), len(self.frames), time.time()
        self.read_until(seconds=seconds)
        (v1, i1), n1, t1 = self.switches(), len(self.frames), time.time()
        span = t1 - t0
        return (v1 - v0) / span, (i1 - i0) / span, (n1 - n0) / span

    def played_times(self):
        try:
            with open(self.played) as f:
                return [(float(l.split()[0]), l.split()[1].rsplit("/", 1)[-1])
                        for l in f if l.strip()]
        except FileNotFoundError:
            return []

    def stop(self):
        try:
            os.killpg(self.p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.p.wait(timeout=5)
        os.close(self.fd)


def off_grid(t, zero):
    """How far `t` is from the nearest whole second after `zero`, in ms."""
    x = t - zero
    return (x - round(x)) * 1000


def summary(values):
    return (f"median {statistics.median(values):5.1f} ms, "
            f"max {max(values):5.1f} ms, min {min(values):5.1f} ms ({len(values)})")


print(f"upright {BIN}")
print(f"terminal {COLS}x{ROWS} (python3 pty), {os.cpu_count()} CPUs, "
      f"load {os.getloadavg()[0]:.1f}, window {WINDOW} s")

# 1. Phase change (or countdown second) to the player started.
r = Run("fast", ["start", "timed"], timer="3s")
r.read_until(b"Session complete")
time.sleep(0.3)
zero = r.first_byte
cues = r.played_times()
r.stop()
late = [off_grid(t, zero) for t, _ in cues]
print(f"{'cue to player started':<36} {summary(late)}")
print(f"{'':<36} each: " + " ".join(f"{x:.1f}" for x in late))

# 2. Wake-ups with tones on (and off, and in paced reps).
for label, setting, args, wait in [
        ("wake-ups, lead-in + hold, tones", "fast", ["start", "full"], b"Get ready"),
        ("wake-ups, lead-in + hold, bell", "bell", ["start", "full"], b"Get ready"),
        ("wake-ups, paced push-ups, tones", "fast", ["start", "paced"], b"Rep 1/10")]:
    r = Run(setting, args)
    r.read_until(wait)
    r.read_until(seconds=0.5)
    vol, invol, frames = r.window(WINDOW)
    n = len(r.played_times())
    r.stop()
    print(f"{label:<36} {vol + invol:5.2f} wake-ups/s ({vol:.2f} vol + "
          f"{invol:.2f} invol), {frames:4.2f} frames/s, {n} players started")

# 3. The one-second grid while every player sleeps 5 s.
for label, setting in [("grid, player sleeping 5 s", "sleep"),
                       ("grid, player returning at once", "fast")]:
    r = Run(setting, ["start", "timed"], timer="3s")
    r.read_until(b"Session complete")
    zero = r.first_byte
    frames = r.frames[1:-1]        # the first frame and the end screen aside
    n = len(r.played_times())
    r.stop()
    dev = [off_grid(t, zero) for t in frames]
    gaps = [(b - a) * 1000 for a, b in zip(frames, frames[1:])]
    print(f"{label:<36} frames off the grid {summary(dev)}; "
          f"longest gap {max(gaps):.0f} ms; {n} players started")
PY
