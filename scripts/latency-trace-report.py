#!/usr/bin/env python3
"""What the slowest requests of a traced http-latency run have in common.

Reads the per-request traces the bench's load client writes with -Djfrp.bench.trace=DIR
(trace-PORT-STARTMILLIS.txt: due time in wall-clock microseconds, connection, latency in
microseconds) and, when present in the same directory, the JVMs' logs written with
--child-java-opts="-Xlog:gc,safepoint,trimnative:file=DIR/jvm-%p.log:time" (wall-clock decorations).
For each trace, one line: requests, p50 and p99; of the requests at or above the p99, how many
overlap a safepoint (collections included) or a native-heap trim of any logged JVM, against the
share of all requests that do (what chance alone gives); and with how many connections each of
them was slow (at or above half the p99) at the same time: 1 is one stream waiting, all of them a
stall of the whole path (a thread every connection goes through not running).

    JAVA_OPTS="-Xmx2g -Djfrp.bench.trace=/tmp/t" bin/jfrp-bench --quick --scenarios http-latency \\
        --paths direct,jfrp-vhost-http \\
        --child-java-opts="-Xlog:gc,safepoint,trimnative:file=/tmp/t/jvm-%p.log:time"
    scripts/latency-trace-report.py /tmp/t

The traces of a run's paths follow one another in time, so a JVM log only ever overlaps the
trace of its own path. Figures and how they were read: docs/PERFORMANCE.md, "The p99 at 1,000 req/s".
"""
import argparse
import bisect
import datetime
import glob
import os
import re

STAMP = re.compile(r'\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})([+-]\d{4})\]')
SAFEPOINT = re.compile(r'Safepoint ".*Total: (\d+) ns')
TRIM = re.compile(r'Periodic Trim .* ([\d.]+)ms')


def wall_micros(stamp, offset):
    t = datetime.datetime.strptime(stamp + offset, '%Y-%m-%dT%H:%M:%S.%f%z')
    return int(t.timestamp() * 1_000_000)


def stops(directory):
    """(start, end, kind) in wall-clock µs of every safepoint and trim in the directory's JVM logs."""
    found = []
    for path in glob.glob(os.path.join(directory, 'jvm-*.log')):
        with open(path, encoding='utf-8', errors='replace') as f:
            for line in f:
                m = STAMP.match(line)
                if not m:
                    continue
                end = wall_micros(m.group(1), m.group(2))
                s = SAFEPOINT.search(line)
                if s:
                    found.append((end - int(s.group(1)) // 1000, end, 'safepoint'))
                t = TRIM.search(line)
                if t:
                    found.append((end - int(float(t.group(1)) * 1000), end, 'trim'))
    return sorted(found)


def overlaps(request, windows):
    """Whether [due, due + latency] meets any of the windows (sorted by start)."""
    due, _, latency = request
    i = bisect.bisect_right(windows, (due + latency, float('inf'), ''))
    return any(w[1] >= due for w in windows[max(0, i - 64):i])


def report(path, all_stops):
    with open(path, encoding='utf-8') as f:
        rows = sorted(tuple(int(x) for x in line.split()) for line in f if line.strip())
    if not rows:
        return f'{os.path.basename(path)}: empty'
    latencies = sorted(r[2] for r in rows)
    n = len(rows)
    p99 = latencies[min(n - 1, int(n * 0.99))]
    slow = [r for r in rows if r[2] >= p99]
    half = [r for r in rows if r[2] >= p99 / 2]
    starts = [h[0] for h in half]
    together = []
    for due, _, latency in slow:
        # slow requests of other connections whose [due, due + latency] meets this one's
        i = bisect.bisect_left(starts, due + latency)
        together.append(len({h[1] for h in half[:i] if h[0] + h[2] > due}))
    together.sort()
    line = (f'{os.path.basename(path)}: {n} requests, p50 {latencies[n // 2]} µs, p99 {p99} µs; '
            f'slowest {len(slow)}: slow together with a median {together[len(together) // 2]} '
            f'(least {together[0]}) connections')
    for kind in ('safepoint', 'trim'):
        end = max(r[0] + r[2] for r in rows)
        windows = [w for w in all_stops if w[2] == kind and w[1] >= rows[0][0] and w[0] <= end]
        if windows:
            hit = sum(overlaps(r, windows) for r in slow)
            share = 100.0 * sum(overlaps(r, windows) for r in rows) / n
            line += f'; {hit} on a {kind} ({len(windows)} logged; {share:.1f}% of all requests on one)'
    return line


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('directory', help='the -Djfrp.bench.trace directory (with the jvm-*.log files, if any)')
    args = parser.parse_args()
    traces = sorted(glob.glob(os.path.join(args.directory, 'trace-*.txt')),
                    key=lambda p: int(re.search(r'-(\d+)\.txt$', p).group(1)))
    if not traces:
        raise SystemExit(f'no trace-*.txt in {args.directory}')
    all_stops = stops(args.directory)
    for path in traces:
        print(report(path, all_stops))


if __name__ == '__main__':
    main()
