"""Loop workloads of scripts/bench.sh, run by /usr/bin/python3.11 (untraced, under Capgate, under the baseline).

    workload.py calls|stat N REPS SYNC_DIR

Warms up (N/10 iterations at a time, for at least half a second), then waits at the gate SYNC_DIR/go (a FIFO: open blocks until the harness opens
the write end, read returns when it closes it), so the harness can attach tracers and read BPF counters before
the measured part. Then times REPS runs of N iterations each and prints them as one JSON line, and waits at the
gate SYNC_DIR/end so the harness can read the counters again before the process exits.
"""
import json
import os
import sys
import time


def f(x):
    return x + 1


def calls(n):
    x = 0
    for _ in range(n):
        x = f(x)
    return x


def stat(n):
    st = os.stat
    for _ in range(n):
        st("/")


def gate(path):
    with open(path, "rb") as fifo:
        fifo.read()


def main():
    kind, n, reps, sync = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    work = {"calls": calls, "stat": stat}[kind]
    warm = time.perf_counter()
    while time.perf_counter() - warm < 0.5:
        work(max(1, n // 10))
    gate(os.path.join(sync, "go"))
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        work(n)
        times.append(time.perf_counter() - start)
    print(json.dumps({"kind": kind, "n": n, "times": times}), flush=True)
    gate(os.path.join(sync, "end"))


if __name__ == "__main__":
    main()
