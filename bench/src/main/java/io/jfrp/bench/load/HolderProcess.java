package io.jfrp.bench.load;

import io.jfrp.bench.paths.Child;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@link IdleConnections} in a JVM of its own, so that the connections one load process holds stay
 * under its open-file limit while several such processes hold more between them. Each holds
 * connections to one target, each proven by a fixed request and its fixed response (files given to
 * the process), and opens more on each {@link #open} until {@link #close}. The harness talks to it over
 * stdin and stdout, one line each way: {@code open N SECONDS} answered {@code OPENED held failed
 * seconds firstError}, {@code count} answered {@code OPEN n}; stdin closed, it closes everything and
 * exits.
 */
public record HolderProcess(Child child, InetSocketAddress target) implements AutoCloseable {
    /** Connections each {@code open} makes at once. */
    static final int CONCURRENCY = 256;
    private static final String READY = "HOLDER READY";
    private static final String OPENED = "OPENED ";
    private static final String OPEN = "OPEN ";

    /** Starts one in a JVM of {@code heapMiB}, its output in {@code dir/NAME.log}, and waits until it is ready. */
    public static HolderProcess start(Path dir, String name, InetSocketAddress target, Path request, Path response,
                                      int heapMiB) throws IOException, InterruptedException {
        Child c = Child.start(name, Child.java(List.of("-Xms32m", "-Xmx" + heapMiB + "m", "-XX:+UseSerialGC"),
                HolderProcess.class, List.of(target.getHostString(), Integer.toString(target.getPort()),
                        request.toString(), response.toString())), dir.resolve(name + ".log"));
        try {
            c.awaitLine(Duration.ofSeconds(30), READY);
            return new HolderProcess(c, target);
        } catch (TimeoutException | RuntimeException e) {
            c.stop(Duration.ZERO);
            throw new IOException(name + " did not start: " + e.getMessage(), e);
        }
    }

    /** Asks it to open {@code n} more connections within {@code timeout}, without waiting: {@link #opened} answers. */
    public void startOpening(int n, Duration timeout) throws IOException {
        send("open " + n + " " + timeout.toSeconds());
    }

    /** The answer to the last {@link #startOpening} of {@code n}, waiting up to {@code timeout}. */
    public IdleConnections.Result opened(int n, Duration timeout) throws IOException, InterruptedException {
        return parseOpened(n, await(timeout, OPENED));
    }

    /** The connections it holds that are still open now. */
    public int stillOpen() throws IOException, InterruptedException {
        send("count");
        return Integer.parseInt(await(Duration.ofSeconds(60), OPEN).trim());
    }

    public ProcessHandle handle() {
        return child.process.toHandle();
    }

    @Override
    public void close() {
        child.stop(Duration.ofSeconds(20));
    }

    private void send(String line) throws IOException {
        Writer w = new OutputStreamWriter(child.process.getOutputStream(), StandardCharsets.UTF_8);
        w.write(line + "\n");
        w.flush();
    }

    private String await(Duration timeout, String prefix) throws IOException, InterruptedException {
        try {
            String line = child.awaitLine(timeout, prefix);
            return line.substring(line.indexOf(prefix) + prefix.length());
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** {@code held failed seconds firstError...} as a result of {@code requested} connections. */
    static IdleConnections.Result parseOpened(int requested, String fields) {
        String[] f = fields.trim().split(" ", 4);
        String error = f.length < 4 || f[3].equals("-") ? null : f[3];
        return new IdleConnections.Result(requested, Integer.parseInt(f[0]), Integer.parseInt(f[1]),
                Double.parseDouble(f[2]), error);
    }

    /** The answer line to an {@code open}. */
    static String formatOpened(IdleConnections.Result r) {
        String error = r.firstError() == null ? "-" : r.firstError().replace('\n', ' ');
        return OPENED + r.held() + " " + r.failed() + " " + r.seconds() + " " + error;
    }

    /** Args: host port requestFile responseFile. Commands on stdin, answers on stdout; ends when stdin closes. */
    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        byte[] request = Files.readAllBytes(Path.of(args[2]));
        byte[] response = Files.readAllBytes(Path.of(args[3]));
        PrintStream out = System.out;
        List<IdleConnections> held = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println(READY);
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cmd = line.trim().split(" ");
                if (cmd[0].equals("open") && cmd.length == 3) {
                    IdleConnections c = IdleConnections.open(target, Integer.parseInt(cmd[1]), CONCURRENCY,
                            Duration.ofSeconds(Long.parseLong(cmd[2])), request, response);
                    held.add(c);
                    out.println(formatOpened(c.result()));
                } else if (cmd[0].equals("count")) {
                    out.println(OPEN + held.stream().mapToInt(IdleConnections::stillOpen).sum());
                } else {
                    out.println("unknown command: " + line);
                }
                out.flush();
            }
        } finally {
            held.forEach(IdleConnections::close);
        }
    }
}
