package io.jfrp.e2e.nathole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.testkit.netns.NetnsLab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test's handle on a {@link NatPeerMain} JVM running inside a namespace: sends commands, gets
 * answers as futures (several may be outstanding), keeps its log.
 */
final class NatPeer {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Path log;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private NatPeer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
        Thread reader = new Thread(this::readAnswers, "nat-peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a peer JVM in {@code ns} with this test's class path; its standard error goes to {@code log}. */
    static NatPeer start(NetnsLab lab, String ns, String name, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = lab.startPiped(ns, log, java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dio.netty.leakDetection.level=paranoid", "-cp", System.getProperty("java.class.path"),
                NatPeerMain.class.getName());
        return new NatPeer(name, p, log);
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode answer = JSON.readTree(line);
                CompletableFuture<JsonNode> f = pending.remove(answer.path("id").asInt());
                if (f != null) {
                    f.complete(answer);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        IllegalStateException ended = new IllegalStateException("peer " + name + " ended; see " + log);
        pending.values().forEach(f -> f.completeExceptionally(ended));
    }

    /** Sends {@code cmd} with the given fields; the answer completes the future. */
    CompletableFuture<JsonNode> send(String cmd, Map<String, Object> fields) {
        int id = ids.incrementAndGet();
        ObjectNode request = JSON.valueToTree(fields);
        request.put("id", id);
        request.put("cmd", cmd);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        try {
            synchronized (stdin) {
                stdin.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            f.completeExceptionally(e);
        }
        return f;
    }

    /** The peer's log so far (for failure messages). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "peer " + name;
    }
}
