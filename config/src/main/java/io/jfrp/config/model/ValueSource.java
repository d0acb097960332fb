package io.jfrp.config.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * frp's {@code ValueSource} ({@code auth.tokenSource}): a secret read, once at start, from a file or
 * from what a program prints, instead of written in the configuration. As frp: the result is
 * trimmed of surrounding white space; a program runs with the process's environment plus
 * {@code env}, and must exit 0. Unlike frp, a program gets {@link #EXEC_TIMEOUT_SECONDS} to finish
 * and its output is bounded ({@link #MAX_BYTES}), so a stuck or chatty program cannot stop a start.
 * Running a program is frp's unsafe feature {@code TokenSourceExec}: the loader refuses an
 * {@code exec} source unless {@code --allow-unsafe TokenSourceExec} was given.
 *
 * @param type    {@code file} or {@code exec}
 * @param path    the file ({@code file.path})
 * @param command the program ({@code exec.command})
 * @param args    its arguments ({@code exec.args})
 * @param env     variables added to its environment ({@code exec.env}, name to value, in order)
 */
public record ValueSource(String type, Path path, String command, List<String> args, Map<String, String> env) {
    /** Seconds an exec source's program may run. */
    public static final int EXEC_TIMEOUT_SECONDS = 30;
    /** Most bytes read from a file or a program's output. */
    public static final int MAX_BYTES = 64 * 1024;

    public ValueSource {
        Objects.requireNonNull(type, "type");
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }

    /** A file source. */
    public static ValueSource file(Path path) {
        return new ValueSource("file", path, null, List.of(), Map.of());
    }

    /** An exec source. */
    public static ValueSource exec(String command, List<String> args, Map<String, String> env) {
        return new ValueSource("exec", null, command, args, env);
    }

    /**
     * The value, trimmed.
     *
     * @throws IOException naming the file or program and what went wrong
     */
    public String resolve() throws IOException {
        if (type.equals("file")) {
            if (Files.size(path) > MAX_BYTES) {
                throw new IOException("failed to read file " + path + ": larger than " + MAX_BYTES + " bytes");
            }
            try {
                return Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IOException("failed to read file " + path + ": " + e.getMessage(), e);
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("failed to execute command " + command + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            byte[] out = readBounded(p.getInputStream());
            if (!p.waitFor(EXEC_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("failed to execute command " + command + ": still running after "
                        + EXEC_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("failed to execute command " + command + ": exit status " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > MAX_BYTES) {
                throw new IOException("the program printed more than " + MAX_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Names the source, never the value. */
    @Override
    public String toString() {
        return type.equals("file") ? "file " + path : "exec " + command;
    }
}
