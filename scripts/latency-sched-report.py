#!/usr/bin/env python3
"""Who ran, and who waited for a CPU, while the slowest requests of a traced http-latency run were in flight.

Lines the load client's per-request traces (-Djfrp.bench.trace=DIR, wall clock) up with a
`perf sched record -k mono -a` of the same run (CLOCK_MONOTONIC, which Java's nanoTime also uses).
DIR must hold, besides the traces:
  clocks.txt    one line "MONOTONIC WALL" in seconds, written at the run's start (the offset between
                the two clocks)
  ps.txt        snapshots of `ps -eo pid,ppid,args` taken during the run (which process is which:
                jfrps, jfrpc, the load client, the harness, its nginx, everything else "other")
  timehist.txt  `perf sched timehist -i perf.data` of the recording

Recording, in the measuring processes' autogroup (docs/PERFORMANCE.md, "The p99 at 1,000 req/s"):

    python3 -c 'import time; print(time.clock_gettime(time.CLOCK_MONOTONIC), time.time())' > D/clocks.txt
    perf sched record -k mono -a -o D/perf.data &       # stop it with kill -INT when the run ends
    while sleep 0.5; do ps -eo pid,ppid,args >> D/ps.txt; done &
    JAVA_OPTS="-Xmx2g -Djfrp.bench.trace=D" bin/jfrp-bench --quick --scenarios http-latency ...
    perf sched timehist -i D/perf.data > D/timehist.txt
    scripts/latency-sched-report.py D

For each trace (one path), in order: the CPU time of every role in the window; each of the path's
threads' switch-ins (how long each ran once switched in, and its scheduling delay: from wake-up to
running); for the slowest 1%, the share of the two CPUs' time that each role's threads ran while
they were in flight and how long the path's threads waited for a CPU meanwhile; and the longest
stalls one by one.
"""
import argparse
import bisect
import collections
import glob
import os
import re

SWITCH = re.compile(r'^\s*([\d.]+)\s+\[(\d+)\]\s+(.*?)\[(\d+)(?:/(\d+))?\]\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)')
PATH_ROLES = ('jfrps', 'jfrpc', 'client', 'nginx')


def roles(directory, root):
    """pid -> role, from the ps snapshots: only this checkout's programs count as the path's."""
    rows = {}
    for line in open(os.path.join(directory, 'ps.txt'), encoding='utf-8', errors='replace'):
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0].isdigit():
            rows[parts[0]] = (parts[1], parts[2])
    found = {}
    for pid, (_, args) in rows.items():
        if root not in args:
            continue
        if 'jfrp.bench.root' in args:
            found[pid] = 'harness'
        elif 'io.jfrp.server' in args or 'jfrps.jsa' in args:
            found[pid] = 'jfrps'
        elif 'io.jfrp.client' in args or 'jfrpc.jsa' in args:
            found[pid] = 'jfrpc'
        elif 'HttpLatencyProcess' in args or 'TieredStopAtLevel=1' in args:
            found[pid] = 'client'
    for pid, (ppid, args) in rows.items():  # nginx: the harness's own (master or worker)
        if args.startswith('nginx'):
            parent = rows.get(ppid, ('', ''))[0]
            if found.get(ppid) == 'harness' or found.get(parent) == 'harness':
                found[pid] = 'nginx'
    return found


def switches(directory, role_of):
    """(start, end, cpu, role, thread name, tid, wait for a CPU before it) of every switch-in, by start."""
    out = []
    for line in open(os.path.join(directory, 'timehist.txt'), encoding='utf-8', errors='replace'):
        m = SWITCH.match(line)
        if not m:
            continue
        end, cpu, name, tid, pid, _, delay, run = m.groups()
        end, run, delay = float(end), float(run) / 1e3, float(delay) / 1e3
        role = 'idle' if tid == '0' else role_of.get(pid or tid, 'other')
        out.append((end - run, end, int(cpu), role, name.strip()[:15], tid, delay))
    out.sort()
    return out


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] if values else 0.0


def report(directory, root, stalls):
    mono, wall = map(float, open(os.path.join(directory, 'clocks.txt')).readline().split())
    offset = mono - wall
    ev = switches(directory, roles(directory, root))
    starts = [e[0] for e in ev]

    def overlapping(a, b):
        return ev[bisect.bisect_left(starts, a - 0.2):bisect.bisect_left(starts, b)]

    traces = sorted(glob.glob(os.path.join(directory, 'trace-*.txt')), key=lambda f: int(f[:-4].split('-')[-1]))
    for trace in traces:
        reqs = []
        for line in open(trace):
            due, conn, latency = line.split()
            reqs.append((int(due) / 1e6 + offset, int(conn), int(latency) / 1e6))
        lats = sorted(r[2] for r in reqs)
        p99 = lats[int(0.99 * len(lats))]
        lo, hi = reqs[0][0], max(r[0] + r[2] for r in reqs)
        print(f'== {os.path.basename(trace)}: {len(reqs)} requests, p50 {lats[len(lats) // 2] * 1e3:.2f} ms,'
              f' p99 {p99 * 1e3:.2f} ms')
        cpu, runs, delays = collections.Counter(), collections.defaultdict(list), collections.defaultdict(list)
        for e in overlapping(lo, hi):
            if e[0] >= lo:
                cpu[e[3]] += e[1] - e[0]
                if e[3] in PATH_ROLES:
                    runs[e[3:6]].append(e[1] - e[0])
                    delays[e[3:6]].append(e[6])
        print('  CPU s in the window: ' + ', '.join(f'{k} {v:.2f}' for k, v in cpu.most_common() if k != 'idle'))
        for key, v in sorted(runs.items(), key=lambda kv: -sum(kv[1]))[:6]:
            d = delays[key]
            print(f'  {key[0]:6} {key[1]:15} {key[2]:>7}: {len(v):6} switch-ins, ran p50 {pct(v, .5) * 1e6:4.0f} µs'
                  f' p99 {pct(v, .99) * 1e6:5.0f} µs max {max(v) * 1e3:5.2f} ms, over 1 ms {sum(x > 1e-3 for x in v)};'
                  f' waited for a CPU p99 {pct(d, .99) * 1e3:5.2f} ms max {max(d) * 1e3:6.2f} ms')
        slow = [r for r in reqs if r[2] >= p99]
        ran, waited, total = collections.Counter(), collections.Counter(), 0.0
        for due, _, latency in slow:
            a, b = due, due + latency
            total += 2 * latency
            for e in overlapping(a, b):
                ran[e[3]] += max(0.0, min(b, e[1]) - max(a, e[0]))
                if e[3] in PATH_ROLES:
                    waited[e[3] + '/' + e[4]] += max(0.0, min(b, e[0]) - max(a, e[0] - e[6]))
        print(f'  slowest {len(slow)}: share of the 2 CPUs while in flight: '
              + ', '.join(f'{k} {v / total * 100:.0f}%' for k, v in ran.most_common()))
        print('    the path\'s threads waiting for a CPU meanwhile (ms, summed): '
              + ', '.join(f'{k} {v * 1e3:.0f}' for k, v in waited.most_common(6) if v > 0))
        seen = []
        for due, conn, latency in sorted(reqs, key=lambda r: -r[2]):
            if len(seen) >= stalls:
                break
            if any(abs(due - s) < 0.05 for s in seen):
                continue
            seen.append(due)
            a, b = due, due + latency
            per = collections.defaultdict(lambda: [0.0, 0.0, 0.0])  # ran, longest switch-in, waited
            for e in overlapping(a, b):
                if e[3] not in PATH_ROLES:
                    continue
                p = per[e[3:6]]
                p[0] += max(0.0, min(b, e[1]) - max(a, e[0]))
                if e[1] > a:
                    p[1] = max(p[1], e[1] - e[0])
                p[2] += max(0.0, min(b, e[0]) - max(a, e[0] - e[6]))
            print(f'  stall at +{due - reqs[0][0]:.3f} s (connection {conn}, {latency * 1e3:.1f} ms): '
                  + '; '.join(f'{k[0]}/{k[1]}[{k[2]}] ran {v[0] * 1e3:.1f} (longest {v[1] * 1e3:.1f}), waited {v[2] * 1e3:.1f}'
                              for k, v in sorted(per.items(), key=lambda kv: -(kv[1][0] + kv[1][2]))[:4]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('directory')
    parser.add_argument('--root', default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        help='the checkout whose programs make up the path (default: this one)')
    parser.add_argument('--stalls', type=int, default=3, help='the longest stalls to list per trace')
    args = parser.parse_args()
    report(args.directory, args.root, args.stalls)


if __name__ == '__main__':
    main()
