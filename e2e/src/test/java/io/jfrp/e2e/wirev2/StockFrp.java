package io.jfrp.e2e.wirev2;

import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.LoggedProcess;
import io.jfrp.testkit.RequiredTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stock frps or frpc 0.70.0 process for interop tests, from {@code ../shared/peers/frp-0.70.0}
 * relative to the project root (searched upwards from it, so git worktrees nested one level deeper
 * find it too), or from {@code FRP_HOME}. Missing binaries skip the test, or fail it on CI
 * ({@link RequiredTools}). Output goes to a log file that failures quote.
 */
public final class StockFrp implements AutoCloseable {
    public static final String PEERS = "shared/peers/frp-0.70.0";

    private final String program;
    private final LoggedProcess process;

    private StockFrp(String program, LoggedProcess process) {
        this.program = program;
        this.process = process;
    }

    /** The directory holding frps and frpc; ends the test if there is none. */
    public static Path home() {
        String env = System.getenv("FRP_HOME");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env, "frps"))) {
            return Path.of(env);
        }
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        if (Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("../protocol"))) {
            root = root.getParent(); // surefire runs in the module directory
        }
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(PEERS);
            if (Files.isExecutable(candidate.resolve("frps")) && Files.isExecutable(candidate.resolve("frpc"))) {
                return candidate;
            }
        }
        RequiredTools.missing("stock frp 0.70.0 (frps, frpc) not found at ../" + PEERS + " from " + root
                + " or in FRP_HOME");
        throw new AssertionError("unreachable");
    }

    /** Starts {@code program} (frps or frpc) with {@code config} (TOML) written to {@code dir}. */
    public static StockFrp start(String program, Path dir, String config) throws IOException {
        return start(program, program, dir, config);
    }

    /** As {@link #start(String, Path, String)}, the files named after {@code name} (several of a program). */
    public static StockFrp start(String program, String name, Path dir, String config) throws IOException {
        Path configFile = dir.resolve(name + ".toml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        List<String> command = List.of(home().resolve(program).toString(), "-c", configFile.toString());
        return new StockFrp(program, LoggedProcess.start(command, dir.resolve(name + ".log"), Duration.ofSeconds(5)));
    }

    /** The common logging lines of a config: plain console output at debug level. */
    public static String logConfig() {
        return "log.to = \"console\"\nlog.level = \"debug\"\nlog.disablePrintColor = true\n";
    }

    /** A port free for TCP and UDP now, never handed out before by this JVM ({@link FreePorts}). */
    public static int freePort() throws IOException {
        return FreePorts.next();
    }

    /** What the program has logged so far. */
    public String log() {
        return process.log();
    }

    /** {@code f}'s value within 20 s; a failure or a timeout fails quoting this program's log. */
    public <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e + "\n" + program + " log:\n" + log(), e);
        }
    }

    /** Waits until the log contains {@code text}; fails quoting the log after {@code seconds}. */
    public void awaitLog(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            if (!process.alive()) {
                throw new AssertionError("process exited (" + process.process().exitValue() + ") before logging '" + text
                        + "':\n" + log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in the log within " + seconds + " s:\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
