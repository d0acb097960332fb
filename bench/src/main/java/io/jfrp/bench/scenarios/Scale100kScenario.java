package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.HolderProcess;
import io.jfrp.bench.load.IdleConnections;
import io.jfrp.bench.load.ProcessFiles;
import io.jfrp.bench.load.ProcessMemory;
import io.jfrp.bench.paths.Child;
import io.jfrp.bench.paths.FrpPath;
import io.jfrp.bench.paths.FrpToml;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.bench.paths.TransportMode;
import io.jfrp.bench.report.Summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * "scale-100k": 100,000 concurrent public connections through one jfrpc, on a machine whose per-process
 * open-file limit (20,000 here) no one process could hold them under. Every process holds only its
 * share: {@link Plan#servers} jfrps, each on its own 127.0.0.x address with a share of the public
 * connections; one jfrpc connected to all of them ({@code jfrp.servers}, tcpMux over TLS) with one tcp
 * proxy whose {@code static_file} plugin ends each connection inside jfrpc (a yamux stream, no
 * descriptor); one load process ({@link HolderProcess}) per jfrps. Each connection is proven by an HTTP
 * GET of a file through the tunnel, its whole response compared with the first one (itself checked: 200,
 * Content-Length, the file's bytes), then held idle as a keep-alive client holds it. Figures, as
 * {@link ScaleScenario} reads them: a warm-up tenth held before the baseline, then the growth of jfrpc's
 * and each jfrps's live heap (after a full GC, {@code jcmd GC.class_histogram}) and RSS per connection
 * added; the connections held (the load processes' count), jfrpc's yamux streams and each jfrps's
 * (instances in the same histograms), the time to open them, and whether everything went back once the
 * load closed them. In the default run, quick and full alike (about two minutes): the goal is
 * 100,000, and fewer would not judge it.
 *
 * <h3>What the figure is</h3>
 * Public connections through one jfrpc ending in a plugin, over several jfrps; not 100,000 local
 * sockets: a tcp proxy to a local service would need one descriptor in jfrpc per connection.
 */
public final class Scale100kScenario extends Scenario {
    static final String NAME = "scale-100k";
    static final int CONNECTIONS = 100_000;
    /** Descriptors each jfrps and load process keeps beyond its share (JVM, sessions, connections closing). */
    static final int HEADROOM = 3_000;
    /** Each jfrps at 127.0.0.(FIRST_HOST + i). */
    static final int FIRST_HOST = 101;
    static final int MAX_SERVERS = 100;
    static final String STREAM_CLASS = "io.jfrp.mux.YamuxStreamChannel";
    static final String FILE = "held.txt";
    private static final int HOLDER_HEAP_MIB = 512;

    public Scale100kScenario() {
        super(NAME, false, "100,000 public connections through one jfrpc (static_file plugin) over several"
                + " jfrps: heap and RSS per connection, streams held, time to open");
    }

    /**
     * How the connections are spread: {@code servers} jfrps (at least two), each with {@code shares[i]}
     * connections from its own load process, {@code warmUp[i]} of them before the baseline.
     */
    record Plan(int connections, int servers, int[] shares, int[] warmUp) {
        int warmUpTotal() {
            return Arrays.stream(warmUp).sum();
        }
    }

    /**
     * The plan for {@code connections} where each process may hold {@code openFilesLimit} descriptors and
     * one source address reaches one destination from {@code ephemeralPorts} ports.
     */
    static Plan plan(int connections, long openFilesLimit, int ephemeralPorts) {
        if (connections < 2) {
            throw new IllegalArgumentException("need at least 2 connections, not " + connections);
        }
        long perProcess = Math.min(openFilesLimit - HEADROOM, ephemeralPorts);
        if (perProcess < 1) {
            throw new IllegalArgumentException("an open-file limit of " + openFilesLimit + " leaves no room beside"
                    + " the " + HEADROOM + " descriptors each process keeps");
        }
        int servers = (int) Math.max(2, (connections + perProcess - 1) / perProcess);
        if (servers > MAX_SERVERS || servers > connections) {
            throw new IllegalArgumentException(connections + " connections need " + servers + " jfrps of "
                    + perProcess + " each; at most " + Math.min(MAX_SERVERS, connections));
        }
        int[] shares = new int[servers];
        int[] warm = new int[servers];
        for (int i = 0; i < servers; i++) {
            shares[i] = connections / servers + (i < connections % servers ? 1 : 0);
            warm[i] = Math.max(1, shares[i] / 10);
        }
        return new Plan(connections, servers, shares, warm);
    }

    /** The loopback address of jfrps number {@code i}. */
    static String serverHost(int i) {
        return "127.0.0." + (FIRST_HOST + i);
    }

    /** The GET each connection sends. */
    static byte[] request() {
        return ("GET /" + FILE + " HTTP/1.1\r\nHost: files.test\r\nUser-Agent: jfrp-bench\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks one whole HTTP response to {@link #request}: status 200, a Content-Length equal to the
     * body's length, the body {@code file}'s bytes. Returns it; throws naming what is wrong.
     */
    static byte[] checkResponse(byte[] response, byte[] file) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no end of the response head in " + response.length + " bytes");
        }
        String[] head = text.substring(0, end).split("\r\n");
        if (!head[0].equals("HTTP/1.1 200 OK")) {
            throw new IllegalStateException("status line '" + head[0] + "', not 'HTTP/1.1 200 OK'");
        }
        long length = Arrays.stream(head).skip(1).filter(h -> h.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToLong(h -> Long.parseLong(h.substring(h.indexOf(':') + 1).trim())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Content-Length in the response head"));
        byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
        if (length != body.length || !Arrays.equals(body, file)) {
            throw new IllegalStateException("body of " + body.length + " bytes (Content-Length " + length
                    + ") is not the file's " + file.length + " bytes");
        }
        return response;
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> paths, Results results) throws Exception {
        long self = ProcessHandle.current().pid();
        long limit = ProcessFiles.openFilesLimit(self, true);
        int[] ephemeral = Net.ephemeralRange();
        int ports = ephemeral[1] - ephemeral[0] + 1;
        Plan plan;
        try {
            plan = plan(CONNECTIONS, limit > 0 ? limit : 1024,
                    ports > 0 ? ports : 28_232);
        } catch (IllegalArgumentException e) {
            throw new Skipped(e.getMessage());
        }
        results.note(String.format(Locale.ROOT, "%s: %,d connections over %d jfrps (127.0.0.%d-%d), %,d-%,d each,"
                        + " one load process each; open-file limit %d per process (ulimit -Hn), %d ephemeral ports",
                NAME, plan.connections(), plan.servers(), FIRST_HOST, FIRST_HOST + plan.servers() - 1,
                Arrays.stream(plan.shares()).min().orElse(0), Arrays.stream(plan.shares()).max().orElse(0), limit,
                ports));
        Path dir = ctx.newLogDir(NAME);
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] file = new byte[384];
        ThreadLocalRandom.current().nextBytes(file);
        file = (Base64.getEncoder().encodeToString(file) + "\n").getBytes(StandardCharsets.US_ASCII);
        Files.write(www.resolve(FILE), file);

        FrpPath.Programs jfrp = FrpPath.Programs.jfrp(ctx.readingHeap());
        String token = UUID.randomUUID().toString();
        int remotePort = Net.freePort();
        List<Child> servers = new ArrayList<>();
        List<HolderProcess> holders = new ArrayList<>();
        Child client = null;
        Idle idle = null;
        try {
            List<String> serverList = new ArrayList<>();
            for (int i = 0; i < plan.servers(); i++) {
                String host = serverHost(i);
                int bindPort = Net.freePort();
                Map<String, Object> keys = FrpToml.server(TransportMode.MUX_TLS, new FrpToml.Server(host, bindPort,
                        token, 0));
                keys.put("proxyBindAddr", host);
                keys.putAll(FrpToml.jfrpKeys(TransportMode.MUX_TLS, dir.resolve("self-signed-" + i).toString()));
                Child s = jfrp.start("jfrps-" + i, jfrp.server(), dir, keys);
                servers.add(s);
                s.awaitAccepting(new InetSocketAddress(host, bindPort), Duration.ofSeconds(60));
                serverList.add(host + ":" + bindPort);
            }
            Map<String, Object> keys = FrpToml.client(TransportMode.MUX_TLS, serverHost(0), 0, token);
            keys.remove("serverAddr");
            keys.remove("serverPort");
            keys.put("jfrp.servers", serverList);
            keys.put("proxies", List.of(FrpToml.keys("name", "files", "type", "tcp", "remotePort", remotePort,
                    "plugin", FrpToml.keys("type", "static_file", "localPath", www.toString()))));
            client = jfrp.start("jfrpc", jfrp.client(), dir, keys);
            for (int i = 0; i < plan.servers(); i++) {
                client.awaitLine(Duration.ofSeconds(60), "[files] start proxy success", "start error");
            }
            List<InetSocketAddress> publicAddresses = new ArrayList<>();
            for (int i = 0; i < plan.servers(); i++) {
                InetSocketAddress a = new InetSocketAddress(serverHost(i), remotePort);
                servers.get(i).awaitAccepting(a, Duration.ofSeconds(30));
                publicAddresses.add(a);
            }
            byte[] request = request();
            byte[] response = checkResponse(fetch(publicAddresses.get(0), request), file);
            for (InetSocketAddress a : publicAddresses) {
                if (!Arrays.equals(fetch(a, request), response)) {
                    throw new IllegalStateException("the response through " + a + " differs from the first");
                }
            }
            Path requestFile = Files.write(dir.resolve("request.bin"), request);
            Path responseFile = Files.write(dir.resolve("response.bin"), response);
            for (int i = 0; i < plan.servers(); i++) {
                holders.add(HolderProcess.start(dir, "load-" + i, publicAddresses.get(i), requestFile, responseFile,
                        HOLDER_HEAP_MIB));
            }
            idle = Idle.read(client, servers);
            measure(plan, file.length, client.process.toHandle(), servers, holders, results);
        } finally {
            tearDown(client, servers, holders, idle, results);
        }
    }

    /** The warm-up tenth, the baseline, the rest, the readings; figures and notes into {@code results}. */
    private static void measure(Plan plan, int fileBytes, ProcessHandle client, List<Child> servers, List<HolderProcess> holders,
                                Results results) throws Exception {
        Duration timeout = Duration.ofSeconds(120 + plan.connections() / 200);
        long t0 = System.nanoTime();
        List<IdleConnections.Result> warm = openAll(holders, plan.warmUp(), timeout);
        double warmSeconds = (System.nanoTime() - t0) / 1e9;
        BenchLog.log(String.format(Locale.ROOT, "%s: warm-up, %,d connections held in %.1f s; reading the baseline",
                NAME, warm.stream().mapToInt(IdleConnections.Result::held).sum(), warmSeconds));
        List<String> stream = List.of(STREAM_CLASS);
        ProcessMemory.Counted clientBefore = ProcessMemory.counting(client, stream);
        List<ProcessMemory.Counted> serversBefore = new ArrayList<>();
        servers.forEach(s -> serversBefore.add(ProcessMemory.counting(s.process.toHandle(), stream)));

        int[] rest = new int[plan.servers()];
        Arrays.setAll(rest, i -> plan.shares()[i] - plan.warmUp()[i]);
        long t1 = System.nanoTime();
        List<IdleConnections.Result> added = openAll(holders, rest, timeout);
        double restSeconds = (System.nanoTime() - t1) / 1e9;
        BenchLog.log(String.format(Locale.ROOT, "%s: %,d more connections held in %.1f s; reading the heaps", NAME,
                added.stream().mapToInt(IdleConnections.Result::held).sum(), restSeconds));
        ProcessMemory.Counted clientAfter = ProcessMemory.counting(client, stream);
        List<ProcessMemory.Counted> serversAfter = new ArrayList<>();
        servers.forEach(s -> serversAfter.add(ProcessMemory.counting(s.process.toHandle(), stream)));

        int addedHeld = added.stream().mapToInt(IdleConnections.Result::held).sum();
        int held = addedHeld + warm.stream().mapToInt(IdleConnections.Result::held).sum();
        int stillOpen = 0;
        for (HolderProcess h : holders) {
            stillOpen += h.stillOpen();
        }
        String path = Summary.JFRP;
        String n = String.format(Locale.ROOT, ", N=%d over %d jfrps", plan.connections(), plan.servers());
        results.add(NAME, "held" + n, path, stillOpen, "conns", true);
        results.add(NAME, "jfrpc yamux streams" + n, path, clientAfter.of(STREAM_CLASS), "streams", true);
        results.add(NAME, "heap/conn jfrpc" + n, path, perConnection(clientBefore.snapshot()::heapBytes,
                clientAfter.snapshot()::heapBytes, addedHeld), "bytes", false);
        results.add(NAME, "RSS/conn jfrpc" + n, path, perConnection(clientBefore.snapshot()::rssBytes,
                clientAfter.snapshot()::rssBytes, addedHeld), "bytes", false);
        results.add(NAME, "RSS jfrpc" + n, path, clientAfter.snapshot().rssBytes() / (1024.0 * 1024), "MiB", false);
        results.add(NAME, "time to open" + n, path, warmSeconds + restSeconds, "s", false);
        long serverStreams = 0;
        for (int i = 0; i < servers.size(); i++) {
            ProcessMemory.Counted b = serversBefore.get(i);
            ProcessMemory.Counted a = serversAfter.get(i);
            int addedHere = added.get(i).held();
            String role = "jfrps-" + i;
            results.add(NAME, "held " + role + n, path, warm.get(i).held() + addedHere, "conns", true);
            results.add(NAME, "yamux streams " + role + n, path, a.of(STREAM_CLASS), "streams", true);
            results.add(NAME, "heap/conn " + role + n, path, perConnection(b.snapshot()::heapBytes,
                    a.snapshot()::heapBytes, addedHere), "bytes", false);
            results.add(NAME, "RSS/conn " + role + n, path, perConnection(b.snapshot()::rssBytes,
                    a.snapshot()::rssBytes, addedHere), "bytes", false);
            serverStreams += a.of(STREAM_CLASS) - b.of(STREAM_CLASS);
        }
        long clientStreams = clientAfter.of(STREAM_CLASS) - clientBefore.of(STREAM_CLASS);
        results.note(String.format(Locale.ROOT, "%s: %,d of %,d connections held (%,d still open after the readings),"
                        + " each proven by a GET of a %d-byte file through the tunnel; opened in %.1f s (%,d before the"
                        + " baseline in %.1f s, %,d after in %.1f s); yamux streams added after the baseline: jfrpc %,d,"
                        + " the jfrps %,d, for %,d connections added", NAME, held, plan.connections(), stillOpen,
                fileBytes, warmSeconds + restSeconds, plan.warmUpTotal(), warmSeconds, addedHeld, restSeconds,
                clientStreams, serverStreams, addedHeld));
        if (held < plan.connections() || stillOpen < held || clientStreams != addedHeld || serverStreams != addedHeld) {
            StringBuilder why = new StringBuilder(NAME + ": not every connection was held or counted;");
            for (int i = 0; i < holders.size(); i++) {
                IdleConnections.Result w = warm.get(i);
                IdleConnections.Result r = added.get(i);
                String first = w.firstError() != null ? w.firstError() : r.firstError();
                why.append(String.format(Locale.ROOT, " load-%d held %d of %d (first failure: %s), jfrps-%d has %d"
                                + " files open of %d;", i, w.held() + r.held(), plan.shares()[i], first, i,
                        ProcessFiles.openFiles(servers.get(i).process.pid()),
                        ProcessFiles.maxOpenFiles(servers.get(i).process.pid())));
            }
            results.note(why.toString());
        }
    }

    /** Each holder opens {@code counts[i]} at once; their results, in order. */
    private static List<IdleConnections.Result> openAll(List<HolderProcess> holders, int[] counts, Duration timeout)
            throws IOException, InterruptedException {
        for (int i = 0; i < holders.size(); i++) {
            holders.get(i).startOpening(counts[i], timeout);
        }
        List<IdleConnections.Result> out = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            out.add(holders.get(i).opened(counts[i], timeout.plusSeconds(60)));
        }
        return out;
    }

    /** jfrpc's yamux streams and each jfrps's open sockets before the load: what the tear-down must come back to. */
    record Idle(long clientStreams, long[] serverSockets) {
        static Idle read(Child client, List<Child> servers) {
            // a first jcmd makes each jfrps's attach listener (a socket it keeps) before its sockets are counted
            servers.forEach(s -> ProcessMemory.counting(s.process.toHandle(), List.of()));
            return new Idle(ProcessMemory.counting(client.process.toHandle(), List.of(STREAM_CLASS)).of(STREAM_CLASS),
                    servers.stream().mapToLong(s -> ProcessFiles.openSockets(s.process.pid())).toArray());
        }

        /** Whether jfrpc's streams and the jfrps' open sockets are back to what they were (read now). */
        boolean reached(Child client, List<Child> servers, long[] now) {
            now[0] = ProcessMemory.counting(client.process.toHandle(), List.of(STREAM_CLASS)).of(STREAM_CLASS);
            now[1] = 0;
            boolean sockets = true;
            for (int i = 0; i < servers.size(); i++) {
                long open = ProcessFiles.openSockets(servers.get(i).process.pid());
                now[1] += open;
                sockets &= open <= serverSockets[i];
            }
            return now[0] <= clientStreams && sockets;
        }
    }

    /**
     * Closes the load, then waits (bounded) until jfrpc's streams and the jfrps' open sockets are back to
     * what they were before it; notes whether they were and whether every process exited.
     */
    private static void tearDown(Child client, List<Child> servers, List<HolderProcess> holders, Idle idle,
                                 Results results) {
        long t = System.nanoTime();
        holders.forEach(HolderProcess::close);
        if (client != null && client.process.isAlive() && idle != null) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long[] now = new long[2];
            boolean back;
            do {
                back = idle.reached(client, servers, now);
            } while (!back && System.nanoTime() < deadline && sleep(Duration.ofSeconds(2)));
            results.note(String.format(Locale.ROOT, "%s: %s %.1f s after the load closed its connections: jfrpc %,d"
                            + " yamux streams (%,d before the load), the jfrps %,d open sockets (%,d before)", NAME,
                    back ? "all back" : "NOT all back", (System.nanoTime() - t) / 1e9, now[0], idle.clientStreams(),
                    now[1], Arrays.stream(idle.serverSockets()).sum()));
        }
        if (client != null) {
            client.stop(Duration.ZERO);
        }
        servers.forEach(s -> s.stop(Duration.ZERO));
        long alive = holders.stream().filter(h -> h.child().process.isAlive()).count()
                + servers.stream().filter(s -> s.process.isAlive()).count()
                + (client != null && client.process.isAlive() ? 1 : 0);
        results.note(NAME + ": processes still running after the tear-down: " + alive);
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One GET on a fresh connection: the whole response (the server answers with Content-Length, keep-alive). */
    static byte[] fetch(InetSocketAddress address, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 10_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int n = 0;
            while (true) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                int complete = completeLength(buf, n);
                if (complete > 0) {
                    return Arrays.copyOf(buf, complete);
                }
                if (n == buf.length) {
                    throw new IOException("response from " + address + " longer than " + buf.length + " bytes");
                }
            }
            throw new IOException("connection to " + address + " closed after " + n + " bytes of the response");
        }
    }

    /** The length of a whole response (head and Content-Length body) at the start of {@code buf}, or 0. */
    static int completeLength(byte[] buf, int n) {
        String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return 0;
        }
        for (String h : text.substring(0, end).split("\r\n")) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int total = end + 4 + Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
                return n >= total ? total : 0;
            }
        }
        return 0;
    }

    /** Growth per connection added; NaN (no figure) when a reading is unknown. */
    private static double perConnection(LongSupplier before, LongSupplier after, int added) {
        long b = before.getAsLong();
        long a = after.getAsLong();
        return added > 0 && b > 0 && a > 0 ? (a - b) / (double) added : Double.NaN;
    }
}
