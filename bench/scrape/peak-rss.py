#!/usr/bin/env python3
"""Runs a command and samples its whole process tree every 100 ms. Prints to stderr the peak of the
summed PSS (proportional set size: shared pages split among the processes that share them, so the
JVM, the Node drivers and Chromium's many processes add up honestly) and the RSS sum at that moment,
with a per-program breakdown."""
import os, subprocess, sys, time

def tree(root):
    children = {}
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            try:
                with open(f'/proc/{pid}/stat') as f:
                    children.setdefault(int(f.read().rsplit(')', 1)[1].split()[1]), []).append(int(pid))
            except OSError:
                pass
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(children.get(pid, []))
    return out

def memory(pid):
    pss = rss = 0
    try:
        with open(f'/proc/{pid}/smaps_rollup') as f:
            for line in f:
                if line.startswith('Pss:'):
                    pss = int(line.split()[1])
                elif line.startswith('Rss:'):
                    rss = int(line.split()[1])
        with open(f'/proc/{pid}/comm') as f:
            name = f.read().strip()
    except OSError:
        return None
    return name, pss, rss

proc = subprocess.Popen(sys.argv[1:])
peak, peak_rss, breakdown = 0, 0, {}
while proc.poll() is None:
    sample = [m for m in (memory(p) for p in tree(proc.pid)) if m]
    pss = sum(m[1] for m in sample)
    if pss > peak:
        peak, peak_rss = pss, sum(m[2] for m in sample)
        breakdown = {}
        for name, p, _ in sample:
            breakdown[name] = breakdown.get(name, 0) + p
    time.sleep(0.1)
parts = ", ".join(f"{k} {v // 1024}" for k, v in sorted(breakdown.items(), key=lambda kv: -kv[1]))
sys.stderr.write(f"peak-pss-mb {peak // 1024} rss-mb {peak_rss // 1024} ({parts})\n")
sys.exit(proc.returncode)
