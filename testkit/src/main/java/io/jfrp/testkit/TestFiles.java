package io.jfrp.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a test writes, typically into its {@code @TempDir}. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code dir/name} and returns that path. */
    public static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
