package io.jfrp.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What the end-to-end test classes that set up once, in a static {@code @BeforeAll}, for all their
 * tests share: a temporary directory and a {@link E2e.Closer} emptied after the class's last test.
 * The fields are static as that set-up is, so one such class runs at a time (JUnit here runs test
 * classes one after another); {@link E2eCase} is the same for a set-up per test.
 */
public abstract class E2eClassCase {
    @TempDir
    protected static Path dir;
    protected static final E2e.Closer closer = new E2e.Closer();

    @AfterAll
    static void closeEverything() throws Exception {
        closer.close();
    }
}
