package io.jfrp.e2e.wirev2;

import io.jfrp.testkit.TestEventLoops;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What the tests of our v2 pieces against stock frp share: one event loop group for the pieces
 * ({@link V2ServerPieces}, {@link V2ClientPieces}) per test class, and a temporary directory for the
 * stock program's configuration and log.
 */
abstract class PiecesCase {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);

    @TempDir
    Path dir;
}
