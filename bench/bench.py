#!/usr/bin/env python3
"""Harness of scripts/bench.sh: Capgate's overhead as ratios to an untraced run, measured in one run.

Workloads (all on /usr/bin/python3.11, the Debian build with USDT probes):
  calls    1M calls of `def f(x): return x + 1` in a loop           -> wall time of the loop
  stat     200k os.stat("/")                                         -> wall time of the loop
  fastapi  FastAPI under uvicorn on 127.0.0.1, driven by wrk         -> requests/s and p99 latency

Columns:
  untraced  the workload alone
  trace     capgate trace (the first round's trace is what log and kill enforce)
  log       capgate run --on-violation log, manifest from `capgate build` of that trace (default capabilities)
  kill      capgate run --on-violation kill, same manifest (the CLI's defaults: seccomp floor on)
  usdt      secimport-style baseline: bpftrace -p with python:function__entry/return and raw_syscalls:sys_enter
  armed     (loops only) the baseline's USDT semaphores armed with no tracer attached: the interpreter's own
            share of the baseline's cost (CPython 3.11 needs python:line armed to fire function__entry at all)

Each column of a loop workload is one process that warms up, waits at a FIFO gate, then times REPS runs of the
loop; each FastAPI column is one server that gets a warm-up and then WRK_REPS wrk runs. The columns run in ROUNDS
rounds, in order in odd rounds and in reverse order in even ones (ABBA), so slow drift of the machine spreads over
all columns; a column's figure is the median of all its repetitions over the rounds, and the untraced figures of
the first and last round show the drift. A profile pass then repeats some columns with kernel.bpf_stats_enabled=1 and reads run_time_ns/run_cnt of every BPF
program the tracer loaded (from /proc/PID/fdinfo), before and after the measured part.

Only loopback addresses are used. Writes OUT/results.json and OUT/results.md and prints the tables.
"""
import argparse
import datetime
import errno
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PY = "/usr/bin/python3.11"
COLUMNS = ["untraced", "trace", "log", "kill", "usdt", "armed"]
# One-program bpftrace scripts on raw_syscalls:sys_enter whose run time, on the stat workload, prices the operations
# the engine is made of (the profile pass runs each; @x..@v exist from BEGIN so lookups find the map).
_ON = "tracepoint:raw_syscalls:sys_enter /pid == PID/ "
PRIMITIVES = {
    "empty program, pid predicate": _ON + "{ }",
    "map-lookup predicate (miss)": "tracepoint:raw_syscalls:sys_enter /@x[tid] == 7/ { }",
    "10 hash lookups": _ON + "{ $a = @x[tid] + @x[pid] + @y[tid] + @y[pid] + @z[tid] + @z[pid] + @w[tid] + @w[pid]"
                             " + @v[tid] + @v[pid]; }",
    "1 hash update": _ON + "{ @x[tid] = 1; }",
    "6 user-memory reads": _ON + "{ $p = args->args[1]; $a = *(uint64*)uptr($p) + *(uint64*)uptr($p + 8)"
                                 " + *(uint64*)uptr($p + 16) + *(uint64*)uptr($p + 24) + *(uint64*)uptr($p + 32)"
                                 " + *(uint64*)uptr($p + 40); }",
    "1 kernel read (curtask)": _ON + "{ $s = curtask->thread_info.status; }",
    "count() into @c[tid, nr]": _ON + "{ @c[tid, args->id] = count(); }",
}
# The engine's dispatch without its work: as many programs on raw_syscalls as the engine attaches (main walk, four
# continuations and report on sys_enter, the floor program on sys_exit), each one only a map-lookup predicate that
# misses. Timed with statistics off against the workload alone, it prices attaching that many programs at all.
_MISS = "/@x[tid] == 7/ { }\n"
SHAPE = ("tracepoint:raw_syscalls:sys_enter " + _MISS) * 6 + "tracepoint:raw_syscalls:sys_exit " + _MISS
# Columns that run the workload without Capgate: alone, under the baseline tracer, with armed semaphores only.
DIRECT = ("untraced", "usdt", "armed")
CAPGATE = ("trace", "log", "kill")
# python:line is armed too: CPython 3.11 only reaches function__entry on its tracing path, which a non-zero line
# semaphore (or a sys.settrace/setprofile hook) turns on; function__return fires either way.
USDT_PROBES = ["function__entry", "function__return", "line"]
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
APP_DIR = os.path.join(BENCH_DIR, "app")


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# /proc helpers


def _ppid(pid):
    with open("/proc/%d/stat" % pid) as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                children.setdefault(_ppid(int(name)), []).append(int(name))
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


def bpf_programs(pid):
    """{prog_id: {type, name, run_time_ns, run_cnt, insns}} of the BPF programs process pid holds open."""
    progs = {}
    try:
        fds = os.listdir("/proc/%d/fd" % pid)
    except OSError:
        return progs
    for fd in fds:
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) != "anon_inode:bpf-prog":
                continue
            with open("/proc/%d/fdinfo/%s" % (pid, fd)) as f:
                info = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
        except OSError:
            continue
        pid_ = int(info["prog_id"])
        progs[pid_] = {"type": int(info["prog_type"]), "run_time_ns": int(info.get("run_time_ns", 0)),
                       "run_cnt": int(info.get("run_cnt", 0)), "insns": int(info.get("verified_insns", 0) or 0)}
    for prog_id, p in progs.items():
        p["name"] = prog_name(prog_id)
    return progs


_names = {}


def prog_name(prog_id):
    if prog_id not in _names:
        name = "?"
        if shutil.which("bpftool"):
            try:
                out = subprocess.run(["bpftool", "-j", "prog", "show", "id", str(prog_id)], capture_output=True,
                                     text=True, timeout=10).stdout
                name = json.loads(out).get("name", "?")
            except (subprocess.SubprocessError, ValueError, OSError):
                pass
        _names[prog_id] = name
    return _names[prog_id]


def other_tracers(mine):
    """bpftrace processes on this machine that this run did not start (they add cost to every syscall)."""
    mine = set(mine) | set(descendants(os.getpid()))
    return [p for p in (int(n) for n in os.listdir("/proc") if n.isdigit())
            if comm(p) == "bpftrace" and p not in mine]


# ---------------------------------------------------------------------------------------------------------------
# one supervised (or not) process


class Session:
    """One column's process: the workload alone, under the capgate CLI, or under the USDT baseline."""

    def __init__(self, env, column, command, marker, trace_file):
        self.env, self.column, self.command, self.marker = env, column, command, marker
        self.usdt = None
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        if column == "trace":
            argv = [env.capgate, "trace", "-o", trace_file, "--service", "bench", "--app-root", APP_DIR, "--"] + command
        elif column in CAPGATE:
            argv = [env.capgate, "run", "--manifest", env.manifest(trace_file), "--on-violation", column,
                    "--app-root", APP_DIR, "--"] + command
        else:
            argv = command
        self.proc = subprocess.Popen(argv, stdout=self.out, stderr=self.err, stdin=subprocess.DEVNULL,
                                     cwd=APP_DIR, start_new_session=True)
        env.started.add(self.proc.pid)
        self._target = self.proc.pid if column in DIRECT or column.startswith(("primitive:", "shape:")) else None
        self.started = time.time()

    def alive(self):
        return self.proc.poll() is None

    def target(self, timeout=120):
        """The workload's python pid (for Capgate columns, the launcher's pid once it executed the command)."""
        deadline = time.time() + timeout
        while self._target is None:
            for p in descendants(self.proc.pid):
                argv = cmdline(p)
                if argv[:1] == [PY] and "-I" not in argv[1:2] and self.marker in argv:
                    self._target = p
            if self._target is None:
                if not self.alive() or time.time() > deadline:
                    raise RuntimeError("%s: the workload never started:\n%s" % (self.column, self.stderr()))
                time.sleep(0.05)
        return self._target

    def tracer_pids(self):
        if self.usdt is not None:
            return [self.usdt.pid]
        return [p for p in descendants(self.proc.pid) if comm(p) == "bpftrace"]

    def bpf_snapshot(self):
        progs = {}
        for p in self.tracer_pids():
            progs.update(bpf_programs(p))
        return progs

    def attach_usdt(self, tracer=True):
        """Attaches the baseline to the (gated) workload and arms its USDT semaphores (only arms: tracer=False)."""
        pid = self.target()
        if not tracer:
            subprocess.run(self.env.helper + ["arm", str(pid)] + USDT_PROBES, check=True, stderr=subprocess.DEVNULL)
            return
        script = os.path.join(self.env.tmp, "usdt-%d.bt" % pid)
        subprocess.run(self.env.helper + ["script", str(pid), script], check=True)
        self.usdt_out = tempfile.TemporaryFile()
        self.usdt = subprocess.Popen(["bpftrace", "-p", str(pid), script], stdout=subprocess.PIPE,
                                     stderr=self.usdt_out, stdin=subprocess.DEVNULL, start_new_session=True)
        self.env.started.add(self.usdt.pid)
        line = self.usdt.stdout.readline()
        while line and line.strip() != b"READY":
            line = self.usdt.stdout.readline()
        if not line:
            self.usdt_out.seek(0)
            raise RuntimeError("the USDT baseline did not start:\n" + self.usdt_out.read().decode(errors="replace"))
        subprocess.run(self.env.helper + ["arm", str(pid)] + USDT_PROBES, check=True, stderr=subprocess.DEVNULL)

    def attach_script(self, text):
        """Attaches a small bpftrace program (PID replaced by the workload's pid) and waits until it runs."""
        pid = self.target()
        begin = "BEGIN { @x[0] = 0; @y[0] = 0; @z[0] = 0; @w[0] = 0; @v[0] = 0; printf(\"READY\\n\"); }"
        self.usdt_out = tempfile.TemporaryFile()
        self.usdt = subprocess.Popen(["bpftrace", "-e", text.replace("PID", str(pid)) + "\n" + begin],
                                     stdout=subprocess.PIPE, stderr=self.usdt_out, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        self.env.started.add(self.usdt.pid)
        line = self.usdt.stdout.readline()
        while line and line.strip() != b"READY":
            line = self.usdt.stdout.readline()
        if not line:
            self.usdt_out.seek(0)
            raise RuntimeError("bpftrace did not start:\n" + self.usdt_out.read().decode(errors="replace"))

    def kill(self):
        """Ends what this session started (its own process group, and the baseline tracer) after a failure."""
        for p in (self.proc, self.usdt):
            if p is not None and p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except OSError:
                    pass
                p.wait()

    def finish(self, timeout=180):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            raise RuntimeError("%s: timed out after %ds" % (self.column, timeout))
        finally:
            if self.usdt is not None:
                if self.usdt.poll() is None:
                    os.kill(self.usdt.pid, signal.SIGINT)
                try:
                    self.usdt.communicate(timeout=30)
                except subprocess.TimeoutExpired:
                    self.usdt.kill()
                    self.usdt.communicate()
        return self.proc.returncode

    def stdout(self):
        self.out.seek(0)
        return self.out.read().decode(errors="replace")

    def stderr(self):
        self.err.seek(0)
        return self.err.read().decode(errors="replace")

    def violations(self):
        """Violations the CLI reported (it prints a count when there were any); None outside log and kill."""
        if self.column not in ("log", "kill"):
            return None
        m = re.search(r"^capgate: (\d+) violations? reported", self.stderr(), re.M)
        return int(m.group(1)) if m else 0


# ---------------------------------------------------------------------------------------------------------------
# loop workloads


def open_gate(path, session, timeout=180):
    """Opens a FIFO for writing once the workload waits at it (it then stays blocked until the fd is closed)."""
    deadline = time.time() + timeout
    while True:
        try:
            return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as e:
            if e.errno != errno.ENXIO:
                raise
        if not session.alive() or time.time() > deadline:
            raise RuntimeError("%s: the workload did not reach %s (exit %s):\n%s"
                               % (session.column, os.path.basename(path), session.proc.poll(), session.stderr()))
        time.sleep(0.02)


def run_loop(env, kind, n, reps, column, profile=False):
    sync = tempfile.mkdtemp(prefix="sync-", dir=env.tmp)
    for gate in ("go", "end"):
        os.mkfifo(os.path.join(sync, gate), 0o600)
    command = [PY, os.path.join(APP_DIR, "workload.py"), kind, str(n), str(reps), sync]
    s = Session(env, column, command, sync, env.trace_file(kind) if column == "trace" else env.enforced_trace(kind))
    try:
        return _run_loop(s, kind, n, reps, column, sync, profile)
    except BaseException:
        s.kill()
        raise


def _run_loop(s, kind, n, reps, column, sync, profile):
    go = open_gate(os.path.join(sync, "go"), s)
    startup = time.time() - s.started
    if column in ("usdt", "armed"):
        s.attach_usdt(tracer=column == "usdt")
    elif column.startswith("primitive:"):
        s.attach_script(PRIMITIVES[column.split(":", 1)[1]])
    elif column.startswith("shape:"):
        s.attach_script(SHAPE)
    before = s.bpf_snapshot() if profile else None
    os.close(go)
    end = open_gate(os.path.join(sync, "end"), s)
    after = s.bpf_snapshot() if profile else None
    os.close(end)
    status = s.finish()
    lines = [line for line in s.stdout().splitlines() if line.startswith("{")]
    if status != 0 or not lines:
        raise RuntimeError("%s/%s exited %s:\n%s" % (kind, column, status, s.stderr()[-3000:]))
    result = {"times": json.loads(lines[-1])["times"], "violations": s.violations(), "status": status,
              "startup_s": round(startup, 2)}
    result["median"] = statistics.median(result["times"])
    if profile:
        result["profile"] = profile_delta(before, after, reps * n)
    return result


# ---------------------------------------------------------------------------------------------------------------
# FastAPI + wrk


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, session, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not session.alive():
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("fastapi/%s: the server did not listen on 127.0.0.1:%d:\n%s"
                       % (session.column, port, session.stderr()[-3000:]))


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wrk(port, seconds, env):
    url = "http://127.0.0.1:%d/items/42?q=bench" % port
    out = subprocess.run(["wrk", "-t%d" % env.args.wrk_threads, "-c%d" % env.args.wrk_connections,
                          "-d%ds" % seconds, "--latency", url], capture_output=True, text=True,
                         timeout=seconds + 60).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    requests = re.search(r"^\s*(\d+) requests in", out, re.M)
    errors = re.search(r"Socket errors: (.*)|Non-2xx or 3xx responses: (\d+)", out)
    if not rps or not p99 or not requests:
        raise RuntimeError("cannot read wrk's output:\n" + out)
    return {"rps": float(rps.group(1)), "p99_ms": float(p99.group(1)) * UNITS[p99.group(2)],
            "requests": int(requests.group(1)), "errors": errors.group(0) if errors else None}


def run_fastapi(env, reps, column, profile=False):
    port = free_port()
    marker = str(port)
    command = [PY, "-m", "uvicorn", "webapp:app", "--app-dir", APP_DIR, "--host", "127.0.0.1", "--port", marker,
               "--loop", "asyncio", "--http", "h11", "--log-level", "warning"]
    s = Session(env, column, command, marker,
                env.trace_file("fastapi") if column == "trace" else env.enforced_trace("fastapi"))
    try:
        return _run_fastapi(env, s, port, reps, column, profile)
    except BaseException:
        s.kill()
        raise


def _run_fastapi(env, s, port, reps, column, profile):
    try:
        wait_port(port, s)
        startup = time.time() - s.started
        if column in ("usdt", "armed"):
            s.attach_usdt(tracer=column == "usdt")
        wrk(port, env.args.wrk_warmup, env)
        before = s.bpf_snapshot() if profile else None
        runs = [wrk(port, env.args.wrk_seconds, env) for _ in range(reps)]
        after = s.bpf_snapshot() if profile else None
        alive = s.alive()
    finally:
        try:
            os.kill(s.target(timeout=5), signal.SIGINT)
        except (OSError, RuntimeError):
            pass
    status = s.finish()
    if not alive:
        raise RuntimeError("fastapi/%s: the server died during the load (exit %s, violations %s):\n%s"
                           % (column, status, s.violations(), s.stderr()[-3000:]))
    result = {"runs": runs, "violations": s.violations(), "status": status, "startup_s": round(startup, 2),
              "rps": statistics.median(r["rps"] for r in runs),
              "p99_ms": statistics.median(r["p99_ms"] for r in runs),
              "errors": [r["errors"] for r in runs if r["errors"]]}
    if profile:
        result["profile"] = profile_delta(before, after, sum(r["requests"] for r in runs))
    return result


# ---------------------------------------------------------------------------------------------------------------
# BPF program profile


def profile_delta(before, after, workload_events):
    """Per program: invocations and run time during the measured part, in load (prog_id) order."""
    rows = []
    for prog_id in sorted(after):
        a, b = after[prog_id], before.get(prog_id, {"run_time_ns": 0, "run_cnt": 0})
        cnt, ns = a["run_cnt"] - b["run_cnt"], a["run_time_ns"] - b["run_time_ns"]
        rows.append({"id": prog_id, "name": a["name"], "type": a["type"], "insns": a["insns"], "run_cnt": cnt,
                     "run_time_ns": ns, "ns_per_run": ns / cnt if cnt else 0.0})
    label_engine(rows)
    return {"programs": rows, "workload_events": workload_events}


def label_engine(rows):
    """Names the engine's raw_syscalls:sys_enter programs by load order: main walk, continuations, report."""
    enter = [r for r in rows if r["name"] == "sys_enter"]
    if len(enter) >= 3:
        enter[0]["role"] = "main walk"
        for i, r in enumerate(enter[1:-1], 1):
            r["role"] = "continuation %d" % i
        enter[-1]["role"] = "report"
    elif len(enter) == 1:
        enter[0]["role"] = "sys_enter counter"
    # bpftool shows names cut to 15 characters; exec comes before exit in the engine, as in its template.
    sched_e = iter(["sched_process_exec", "sched_process_exit"])
    for r in rows:
        if "role" in r:
            continue
        if r["name"].startswith("function__entr"):
            r["role"] = "usdt function__entry"
        elif r["name"].startswith("function__retu"):
            r["role"] = "usdt function__return"
        elif r["name"] == "sched_process_f":
            r["role"] = "sched_process_fork"
        elif r["name"] == "sched_process_e":
            r["role"] = next(sched_e, r["name"])
        elif r["type"] == 7:
            r["role"] = "interval"
        else:
            r["role"] = r["name"]


# ---------------------------------------------------------------------------------------------------------------
# driver


class Env:
    def __init__(self, args):
        self.args = args
        self.out = os.path.abspath(args.out)
        os.makedirs(self.out, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="capgate-bench-")
        self.capgate = args.capgate
        self.helper = [args.java, "--enable-native-access=ALL-UNNAMED", "-cp", args.jar,
                       "io.capgate.agent.bench.UsdtBaseline"]
        self.started = set()

    def trace_file(self, workload):
        """The trace log and kill enforce: the first trace-mode run's (later trace runs write elsewhere)."""
        first = os.path.join(self.tmp, "trace-%s.json" % workload)
        return first if not os.path.exists(first) else os.path.join(self.tmp, "trace-%s-again.json" % workload)

    def enforced_trace(self, workload):
        return os.path.join(self.tmp, "trace-%s.json" % workload)

    def manifest(self, trace_file):
        """capgate build of a trace (once), with the default capabilities, as a user would."""
        manifest = trace_file[:-len(".json")] + ".manifest.yaml"
        if not os.path.exists(manifest):
            done = subprocess.run([self.capgate, "build", trace_file, "-o", manifest], capture_output=True,
                                  text=True, timeout=120)
            if done.returncode != 0:
                raise RuntimeError("capgate build failed (%d):\n%s" % (done.returncode, done.stderr))
        return manifest


def machine():
    def first(path, key):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(key):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    def cmd(*argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"

    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "nproc": os.cpu_count(), "memory_gib": round(int(mem_kb) / 1024 / 1024, 1),
            "cpu": first("/proc/cpuinfo", "model name"), "kernel": os.uname().release,
            "bpftrace": cmd("bpftrace", "--version"), "python": cmd(PY, "--version"), "wrk": cmd("wrk", "-v")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--capgate", required=True, help="the capgate launcher (the CLI under test)")
    ap.add_argument("--java", required=True)
    ap.add_argument("--jar", required=True, help="agent jar with io.capgate.agent.bench.UsdtBaseline")
    ap.add_argument("--out", default=os.path.join(BENCH_DIR, "out"))
    ap.add_argument("--rounds", type=int, default=2, help="rounds over all columns (ABBA order)")
    ap.add_argument("--reps", type=int, default=4, help="timed loop repetitions per column and round")
    ap.add_argument("--wrk-reps", type=int, default=3, help="wrk runs per FastAPI column and round")
    ap.add_argument("--wrk-seconds", type=int, default=5)
    ap.add_argument("--wrk-warmup", type=int, default=2)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--wrk-connections", type=int, default=16)
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--stats", type=int, default=200_000)
    ap.add_argument("--workloads", default="calls,stat,fastapi")
    ap.add_argument("--columns", default=",".join(COLUMNS), help="armed is run for the loop workloads only")
    ap.add_argument("--no-profile", action="store_true")
    args = ap.parse_args()
    if args.rounds * args.reps < 5 or args.rounds * args.wrk_reps < 5:
        log("WARNING: fewer than 5 repetitions per column: medians are unreliable")
    env = Env(args)
    workloads = args.workloads.split(",")
    columns = [c for c in COLUMNS if c in args.columns.split(",")]
    if ("log" in columns or "kill" in columns) and "trace" not in columns:
        columns.insert(1, "trace")  # log and kill enforce the manifest built from this run's trace

    started = time.time()
    info = machine()
    info["other_tracers_at_start"] = len(other_tracers(env.started))
    if info["other_tracers_at_start"]:
        log("WARNING: %d other bpftrace process(es) run on this machine: every syscall pays for them too, "
            "and the numbers are noisier" % info["other_tracers_at_start"])
    results = {"machine": info, "settings": {k: v for k, v in vars(args).items() if k not in ("java", "jar", "capgate")},
               "workloads": {}, "profile": {}}
    try:
        for w in workloads:
            results["workloads"][w] = {}
            for rnd in range(args.rounds):
                order = columns if rnd % 2 == 0 else columns[::-1]
                for c in order:
                    if c == "armed" and w == "fastapi":
                        continue
                    log("%s / %s (round %d) ..." % (w, c, rnd + 1))
                    foreign = len(other_tracers(env.started))
                    info["other_tracers_max"] = max(info.get("other_tracers_max", 0), foreign)
                    t0 = time.time()
                    try:
                        if c in ("log", "kill") and not os.path.exists(env.enforced_trace(w)):
                            raise RuntimeError("no trace of %s to build the manifest from" % w)
                        if w == "fastapi":
                            r = run_fastapi(env, args.wrk_reps, c)
                        else:
                            r = run_loop(env, w, args.calls if w == "calls" else args.stats, args.reps, c)
                    except RuntimeError as e:
                        log("FAILED: %s" % e)
                        r = {"error": str(e)[:4000]}
                    r["seconds"] = round(time.time() - t0, 1)
                    results["workloads"][w].setdefault(c, {"rounds": []})["rounds"].append(r)
                    log("%s / %s (round %d): %s" % (w, c, rnd + 1, summary(w, r)))
            for c, col in results["workloads"][w].items():
                pool(col)
        if not args.no_profile:
            profile_runs(env, results, workloads)
            if "stat" in workloads:
                dispatch_runs(env, results)
    finally:
        results["machine"]["bench_seconds"] = round(time.time() - started)
        with open(os.path.join(env.out, "results.json"), "w") as f:
            json.dump(results, f, indent=2)
        md = render(results)
        with open(os.path.join(env.out, "results.md"), "w") as f:
            f.write(md)
        print(md)
        shutil.rmtree(env.tmp, ignore_errors=True)
    failed = [(w, c) for w, cols in results["workloads"].items() for c, r in cols.items() if "error" in r]
    return 1 if failed else 0


def pool(col):
    """A column's figures over its rounds: medians of all repetitions; failed if any round failed."""
    rounds = col["rounds"]
    bad = [r for r in rounds if "error" in r]
    if bad:
        col["error"] = bad[0]["error"]
        return
    col["violations"] = sum(r["violations"] or 0 for r in rounds) if rounds[0]["violations"] is not None else None
    col["startup_s"] = [r["startup_s"] for r in rounds]
    if "times" in rounds[0]:
        col["times"] = [t for r in rounds for t in r["times"]]
        col["median"] = statistics.median(col["times"])
    else:
        col["runs"] = [x for r in rounds for x in r["runs"]]
        col["rps"] = statistics.median(x["rps"] for x in col["runs"])
        col["p99_ms"] = statistics.median(x["p99_ms"] for x in col["runs"])
        col["errors"] = [e for r in rounds for e in r["errors"]]


def profile_runs(env, results, workloads):
    """Repeats some columns with BPF run-time statistics on (they add a little to every program run)."""
    path = "/proc/sys/kernel/bpf_stats_enabled"
    with open(path) as f:
        old = f.read().strip()
    plan = [("stat", "kill"), ("stat", "trace"), ("fastapi", "kill"), ("stat", "usdt"), ("calls", "usdt")]
    if "stat" in workloads:
        plan += [("stat", "primitive:" + name) for name in PRIMITIVES]
    try:
        with open(path, "w") as f:
            f.write("1")
        for w, c in plan:
            if w not in workloads or (c in CAPGATE and "error" in results["workloads"][w].get("trace", {"error": 1})):
                continue
            log("profile %s / %s ..." % (w, c))
            try:
                if w == "fastapi":
                    r = run_fastapi(env, 1, c, profile=True)
                else:
                    n = env.args.calls if w == "calls" else env.args.stats
                    r = run_loop(env, w, n, 1 if c.startswith("primitive:") else 2, c, profile=True)
            except RuntimeError as e:
                log("FAILED: %s" % e)
                continue
            r["profile"]["untraced_per_op_ns"] = untraced_per_op(results, w)
            results["profile"]["%s/%s" % (w, c)] = r
    finally:
        with open(path, "w") as f:
            f.write(old)


def dispatch_runs(env, results, rounds=4):
    """The stat loop alone and under SHAPE, alternated; statistics off (they would add to every program run)."""
    out = results["dispatch"] = {"alone": [], "shape": []}
    for i in range(rounds):
        for key, column in (("alone", "untraced"), ("shape", "shape:engine")):
            log("dispatch %s (%d/%d) ..." % (key, i + 1, rounds))
            try:
                r = run_loop(env, "stat", env.args.stats, 3, column)
            except RuntimeError as e:
                log("FAILED: %s" % e)
                continue
            out[key].append(r["median"] / env.args.stats * 1e9)


def baseline(cols):
    """The untraced column (all rounds pooled), or None."""
    base = cols.get("untraced")
    return None if base is None or "error" in base else base


def untraced_per_op(results, w):
    base = baseline(results["workloads"].get(w, {}))
    if base is None:
        return None
    if "median" in base:
        n = results["settings"]["calls"] if w == "calls" else results["settings"]["stats"]
        return base["median"] / n * 1e9
    return 1e9 / base["rps"]


# ---------------------------------------------------------------------------------------------------------------
# report


def summary(w, r):
    if "error" in r:
        return "FAILED"
    if w == "fastapi":
        return "%.0f req/s, p99 %.2f ms, violations %s, startup %ss (%ss)" % (
            r["rps"], r["p99_ms"], r["violations"], r["startup_s"], r["seconds"])
    return "median %.3fs of %s, violations %s, startup %ss (%ss)" % (
        r["median"], " ".join("%.3f" % t for t in r["times"]), r["violations"], r["startup_s"], r["seconds"])


TARGETS = {("calls", "median"): "<= 1.10x", ("stat", "median"): "<= 1.5x", ("fastapi", "rps"): ">= 0.90x"}


def render(results):
    m, s, wl = results["machine"], results["settings"], results["workloads"]
    out = ["## Results (%s)" % m["date"], "",
           "Machine: %s CPUs (%s), %s GiB RAM, kernel %s, %s, %s, %s. Bench run took %ss; other bpftrace "
           "processes seen at column starts: up to %s (each adds its own programs to every syscall)."
           % (m["nproc"], m["cpu"], m["memory_gib"], m["kernel"], m["bpftrace"], m["python"],
              m["wrk"].split(" [")[0], m.get("bench_seconds", "?"),
              max(m["other_tracers_at_start"], m.get("other_tracers_max", 0))), ""]
    cols = [c for c in COLUMNS if any(c in v for v in wl.values())]
    out += ["| workload | metric | " + " | ".join(cols) + " | kill target |", "|" + "---|" * (len(cols) + 3)]

    def value(w, c, key, fmt):
        r = wl[w].get(c)
        return "-" if r is None else "failed" if "error" in r else fmt % r[key]

    def ratio_cell(w, c, key):
        r, base = wl[w].get(c), baseline(wl[w])
        if r is None or base is None or "error" in r:
            return "-"
        return "**%.2fx**" % (r[key] / base[key])

    for w in wl:
        if w == "fastapi":
            rows = [("requests/s (median of %d wrk runs)" % (s["wrk_reps"] * s["rounds"]), "rps", "%.0f"),
                    ("p99 latency ms (median)", "p99_ms", "%.2f")]
        else:
            what = "%s calls" % f"{s['calls']:,}" if w == "calls" else "%s os.stat" % f"{s['stats']:,}"
            rows = [("seconds for %s (median of %d)" % (what, s["reps"] * s["rounds"]), "median", "%.3f")]
        for label, key, fmt in rows:
            out.append("| %s | %s | " % (w, label) + " | ".join(value(w, c, key, fmt) for c in cols) + " | |")
            out.append("| %s | ratio to untraced | " % w + " | ".join(ratio_cell(w, c, key) for c in cols)
                       + " | %s |" % TARGETS.get((w, key), ""))
    notes = []
    for w in wl:
        for c in ("log", "kill"):
            r = wl[w].get(c, {})
            if r.get("violations"):
                notes.append("%s/%s: %s violations" % (w, c, r["violations"]))
    out += ["", "Violations in the log and kill columns: %s." % ("; ".join(notes) if notes else "none")]
    errors = ["%s/%s: %s" % (w, c, r["error"].splitlines()[0]) for w in wl for c, r in wl[w].items() if "error" in r]
    if errors:
        out += ["", "Failed: " + "; ".join(errors)]
    drift, spread, startup = [], [], []
    for w in wl:
        rounds = wl[w].get("untraced", {}).get("rounds", [])
        if len(rounds) > 1 and all("error" not in r for r in rounds):
            if "times" in rounds[0]:
                drift.append("%s %s" % (w, " / ".join("%.3fs" % statistics.median(r["times"]) for r in rounds)))
            else:
                drift.append("%s %s" % (w, " / ".join("%.0f req/s" % r["rps"] for r in rounds)))
        for c, r in wl[w].items():
            if "times" in r:
                spread.append("%s/%s %.3f-%.3f" % (w, c, min(r["times"]), max(r["times"])))
            elif "runs" in r:
                spread.append("%s/%s %.0f-%.0f" % (w, c, min(x["rps"] for x in r["runs"]),
                                                   max(x["rps"] for x in r["runs"])))
            if c in CAPGATE and "startup_s" in r:
                startup.append("%s/%s %s s" % (w, c, "/".join("%.1f" % x for x in r["startup_s"])))
    out += ["", "Untraced median per round (drift of the machine during the run): " + ("; ".join(drift) or "-")
            + ".",
            "", "Range (min-max) of the repetitions (seconds, or requests/s): " + ", ".join(spread) + ".",
            "", "Time from start to the workload's first instruction under Capgate (bpftrace compiles, verifies and "
                "attaches the engine; not part of the ratios): " + ", ".join(startup) + "."]

    prims = [(k.split(":", 1)[1], r) for k, r in results["profile"].items() if ":" in k]
    if prims:
        out += ["", "### Price of the engine's operations on this machine (kernel.bpf_stats_enabled=1)", "",
                "One bpftrace program on raw_syscalls:sys_enter during %s os.stat calls; ns/run includes the "
                "program's own entry and the statistics' clock reads." % f"{s['stats']:,}", "",
                "| program | ns/run |", "|---|---|"]
        for name, r in prims:
            rows = [x for x in r["profile"]["programs"] if x["name"] == "sys_enter" and x["run_cnt"]]
            out.append("| %s | %s |" % (name, "%.0f" % rows[0]["ns_per_run"] if rows else "?"))
    d = results.get("dispatch")
    if d and d["alone"] and d["shape"]:
        alone, shape = statistics.median(d["alone"]), statistics.median(d["shape"])
        out += ["", "### Price of attaching the engine's seven programs (statistics off)", "",
                "One os.stat: %.0f ns alone, %.0f ns with seven programs whose bodies do nothing but a map-lookup "
                "predicate that misses (six on sys_enter, one on sys_exit, as the engine attaches): %.0f ns per "
                "syscall for dispatch alone (medians of %d alternated runs: %s / %s)."
                % (alone, shape, shape - alone, len(d["alone"]), " ".join("%.0f" % x for x in d["alone"]),
                   " ".join("%.0f" % x for x in d["shape"]))]
    for key, r in results["profile"].items():
        if ":" in key:
            continue
        p = r["profile"]
        w = key.split("/")[0]
        unit = {"calls": "call", "stat": "os.stat", "fastapi": "request"}[w]
        ops = p["workload_events"]
        out += ["", "### Profile %s (kernel.bpf_stats_enabled=1)" % key, "",
                "%s in %s; runs count all invocations on the machine (each program runs for every syscall of "
                "every process; its predicate filters)." % (
                    f"{ops:,} {unit}s" if ops else "?",
                    "%ds of wrk" % s["wrk_seconds"] if "times" not in r else "%.2fs" % sum(r["times"])),
                "", "| program | prog id | verified insns | runs | ns/run | ns per %s |" % unit,
                "|---|---|---|---|---|---|"]
        total = 0.0
        for row in p["programs"]:
            if not row["run_cnt"]:
                continue
            per_op = row["run_time_ns"] / ops if ops else float("nan")
            total += per_op
            out.append("| %s | %d | %d | %d | %.0f | %.0f |" % (row["role"], row["id"], row["insns"], row["run_cnt"],
                                                               row["ns_per_run"], per_op))
        out.append("| **all programs** | | | | | **%.0f** |" % total)
        base = p.get("untraced_per_op_ns")
        if base:
            out += ["", "Untraced, one %s takes %.0f ns (bench median); the BPF programs add %.0f ns, %.0f%% of it."
                    % (unit, base, total, 100 * total / base)]
        if "times" in r and ops:
            out.append("In this profile run (statistics on) one %s took %.0f ns."
                       % (unit, statistics.median(r["times"]) / (ops / len(r["times"])) * 1e9))
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
