package io.jfrp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a test writes, typically into its {@code @TempDir}, and the fixtures it reads from its classpath. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code dir/name} and returns that path. */
    public static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /**
     * The text (UTF-8) of the classpath resource {@code name} next to {@code owner} (in its package's
     * folder of the test resources): a fixture kept as the file it stands for, such as a TOML config.
     */
    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " next to " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
