package io.jfrp.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The problems a loader reports for a file it must refuse: what the configuration tests assert on. */
final class ConfigProblems {
    private ConfigProblems() {
    }

    /**
     * Writes {@code text} as {@code dir/name}, loads it, and returns the problems of the
     * {@link InvalidConfigException} it raised (a file that loads fails the test: there is no exception).
     */
    static List<ConfigProblem> refusing(ConfigLoader loader, Path dir, String name, String text) throws IOException {
        Path file = write(dir, name, text);
        return catchThrowableOfType(() -> loader.load(file), InvalidConfigException.class).errors();
    }
}
