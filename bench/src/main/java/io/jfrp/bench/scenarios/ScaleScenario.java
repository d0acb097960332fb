package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.EchoProcess;
import io.jfrp.bench.load.IdleConnections;
import io.jfrp.bench.load.ProcessFiles;
import io.jfrp.bench.load.ProcessMemory;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.PublicEndpoint;
import io.jfrp.bench.report.Goals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * "scale": N concurrent idle public connections through each TCP path, each proven by one echo round
 * trip to an echo server in a JVM of its own ({@link EchoProcess}), then held. Figures: how many were
 * held, and per process of the path the growth of RSS and of the live heap (after a full GC, JVMs
 * only) from a warm-up tenth of the connections to all of them, per connection added. The warm-up
 * tenth takes what a path's first connections cost once (classes, pools, caches) out of the figure, so
 * it reads what each further connection costs, the cost that adds up at 100,000; the JVMs run with
 * {@link ProcessMemory#HEAP_READING_JAVA_OPTS} so that a collection's leftovers do not move it. One round: memory
 * per connection is not a noisy figure, and a round of 100,000 takes minutes.
 *
 * <h3>Limits</h3>
 * Each held connection costs a descriptor in the load client, one in the echo server and one or two
 * in each tunnel process; the notes name the limit that stopped a count. A tunnel's client reaches the
 * one service address from one source address, so the ephemeral port range caps any single-service tunnel.
 */
public final class ScaleScenario extends Scenario {
    static final String NAME = "scale";
    /** Descriptors a process keeps free for the JVM itself (jars, epoll, pipes, logs); clients uses it too. */
    static final int FD_RESERVE = 300;
    private static final int CONNECT_CONCURRENCY = 256;

    public ScaleScenario() {
        super(NAME, "N idle connections held through each TCP path; RSS and heap per connection");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        List<Integer> counts = ctx.quick() ? List.of(1000) : List.of(10_000, 100_000);
        List<PathFactory> tcp = tcpPaths(paths, results);
        BenchContext reading = ctx.readingHeap();
        int[] ephemeral = Net.ephemeralRange();
        int portRange = ephemeral[1] - ephemeral[0] + 1;
        long self = ProcessHandle.current().pid();
        try (EchoProcess echo = EchoProcess.start(ctx.newLogDir("scale-echo-server"))) {
            results.add(NAME, Goals.HARD_NOFILE, Goals.LOAD_CLIENT, ProcessFiles.openFilesLimit(self, true), "files",
                    true);
            // the smaller of the load client's and the echo server's limits that could be read
            long limit = LongStream.of(ProcessFiles.maxOpenFiles(self), ProcessFiles.maxOpenFiles(echo.handle().pid()))
                    .filter(l -> l > 0).min().orElse(-1);
            for (int n : counts) {
                if (limit > 0 && n > limit - FD_RESERVE) {
                    results.note(NAME + ": N=" + n + " skipped: the open-file limit (" + limit + ", ulimit -n) of the"
                            + " load client and echo server allows about " + (limit - FD_RESERVE) + " connections;"
                            + " not reachable here: hard nofile limit " + ProcessFiles.openFilesLimit(self, true)
                            + " (ulimit -Hn; raising it needs CAP_SYS_RESOURCE)");
                    continue;
                }
                if (portRange > 0 && n > portRange) {
                    results.note(NAME + ": N=" + n + " exceeds the " + portRange + " ephemeral ports"
                            + " (net.ipv4.ip_local_port_range) a tunnel client has for its connections to one local"
                            + " service address; tunnel paths cannot hold more than that here");
                }
                for (PathFactory factory : tcp) {
                    measure(reading, factory, echo.address(), results, "N=" + n,
                            (path, endpoint) -> hold(n, path.name(), path.processes(), endpoint, results));
                }
            }
        }
    }

    /** Opens and holds {@code n} connections through {@code endpoint}; adds what they cost each process. */
    private static void hold(int n, String path, Map<String, ProcessHandle> processes, PublicEndpoint endpoint,
                             Results results) throws Exception {
        int warm = Math.max(1, n / 10);
        Duration timeout = Duration.ofSeconds(60 + n / 500);
        try (IdleConnections first = IdleConnections.open(endpoint.address(), warm, CONNECT_CONCURRENCY, timeout)) {
            // Before: the warm-up tenth held; one GC'd baseline per process.
            Map<String, ProcessMemory.Snapshot> before = snapshots(processes);
            try (IdleConnections rest = IdleConnections.open(endpoint.address(), n - warm, CONNECT_CONCURRENCY,
                    timeout)) {
                IdleConnections.Result r = rest.result();
                Map<String, ProcessMemory.Snapshot> after = snapshots(processes);
                int held = first.result().held() + r.held();
                int stillOpen = first.stillOpen() + rest.stillOpen();
                String label = "N=" + n;
                results.add(NAME, "held, " + label, path, stillOpen, "conns", true);
                for (String role : processes.keySet()) {
                    ProcessMemory.Snapshot b = before.get(role);
                    ProcessMemory.Snapshot a = after.get(role);
                    results.add(NAME, "RSS/conn " + role + ", " + label, path, perConnection(b.rssBytes(),
                            a.rssBytes(), r.held()), "bytes", false);
                    results.add(NAME, "heap/conn " + role + ", " + label, path, perConnection(b.heapBytes(),
                            a.heapBytes(), r.held()), "bytes", false);
                }
                if (held < n || stillOpen < held) {
                    String firstError = first.result().firstError() != null ? first.result().firstError()
                            : r.firstError();
                    StringBuilder why = new StringBuilder(NAME + ": " + path + " held " + held + " of " + n + " ("
                            + stillOpen + " still open after the memory readings); first failure: " + firstError);
                    processes.forEach((role, h) -> why.append("; ").append(role).append(" has ")
                            .append(ProcessFiles.treeOpenFiles(h)).append(" files open (with its child"
                            + " processes) of its limit ").append(ProcessFiles.maxOpenFiles(h.pid())));
                    results.note(why.toString());
                }
                results.note(String.format(Locale.ROOT, "%s: %s opened %d connections in %.1f s (%d of them"
                        + " before the baseline)", NAME, path, held, first.result().seconds() + r.seconds(), warm));
            }
        }
    }

    /** Growth from {@code before} to {@code after} per connection held; NaN (no figure) when either is unknown. */
    private static double perConnection(long before, long after, int held) {
        return held > 0 && before > 0 && after > 0 ? (after - before) / (double) held : Double.NaN;
    }

    /** Per role: RSS with the process's descendants (an sshd session child) and its live heap. */
    private static Map<String, ProcessMemory.Snapshot> snapshots(Map<String, ProcessHandle> processes) {
        Map<String, ProcessMemory.Snapshot> out = new LinkedHashMap<>();
        processes.forEach((role, p) -> out.put(role, ProcessMemory.treeSnapshot(p)));
        return out;
    }
}
