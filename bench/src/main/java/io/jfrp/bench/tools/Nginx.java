package io.jfrp.bench.tools;

import io.jfrp.bench.paths.Child;
import io.jfrp.bench.paths.Net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * An nginx started for a benchmark as a {@link Child}: the system's executable with a configuration of
 * our own ({@link #config}: no access log, which would be the bottleneck; keep-alive without a request
 * limit) in a fresh {@code directory}, deleted by {@link #close}, so nothing of the machine's nginx setup
 * is used. The directory is readable to all: run as root, nginx's workers are nobody.
 */
public record Nginx(Child child, Path directory, InetSocketAddress address) implements AutoCloseable {
    public static final String FILE_PATH = "/1k.bin";
    public static final String PAGE_PATH = "/index.html";
    public static final int FILE_BYTES = 1024;

    /** Starts the system's nginx with one worker process. */
    public static Nginx start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jfrp-bench-nginx-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(dir.resolve("tmp"));
        byte[] file = new byte[FILE_BYTES];
        new Random(42).nextBytes(file);
        Files.write(www.resolve(FILE_PATH.substring(1)), file);
        Files.writeString(www.resolve(PAGE_PATH.substring(1)),
                "<!doctype html><html><head><title>jfrp bench</title></head><body><p>jfrp bench page</p></body></html>\n");
        for (Path p : List.of(www, www.resolve(FILE_PATH.substring(1)), www.resolve(PAGE_PATH.substring(1)))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        int port = Net.freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port), StandardCharsets.UTF_8);
        Child child = Child.start("nginx", List.of(Tools.path("nginx"), "-p", dir.toString(), "-c",
                conf.toString(), "-g", "daemon off;"), dir.resolve("nginx.log"));
        Nginx nginx = new Nginx(child, dir, new InetSocketAddress(Net.LOOPBACK, port));
        try {
            Net.await("nginx at " + nginx.address, Duration.ofSeconds(15), () -> Net.accepts(nginx.address),
                    () -> child.process.isAlive() ? null : "it exited with " + child.process.exitValue()
                            + "; its output: " + readQuietly(dir.resolve("nginx.log.stderr"))
                            + readQuietly(dir.resolve("error.log")));
        } catch (TimeoutException | RuntimeException e) {
            nginx.close();
            throw new IOException("nginx did not start: " + e.getMessage(), e);
        }
        return nginx;
    }

    /** The configuration (public for the tests and for reading). */
    static String config(Path dir, int port) {
        return """
                # written by jfrp bench (io.jfrp.bench.tools.Nginx) for one run
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 8192; }
                http {
                  access_log off;
                  default_type application/octet-stream;
                  types { text/html html; }
                  client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp;
                  fastcgi_temp_path %1$s/tmp; uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                  keepalive_requests 100000000;
                  keepalive_timeout 300s;
                  server {
                    listen 127.0.0.1:%2$s backlog=4096;
                    server_name _;
                    root %1$s/www;
                  }
                }
                """.formatted(dir, port);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops nginx (TERM: fast shutdown, then KILL, its workers too) and deletes its directory. */
    @Override
    public void close() {
        child.stop(Duration.ZERO);
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
