package io.jfrp.e2e.multi;

import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The HAProxy example of docs/multi-server.md is a configuration HAProxy accepts. */
class DocumentedHaproxyConfigTest {
    @Test
    void theExampleIsValid() throws Exception {
        RequiredTools.requireOnPath("haproxy");
        Path example = docs().resolve("multi-server/haproxy.cfg");
        Process check = new ProcessBuilder("haproxy", "-c", "-f", example.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(out).isZero();
        assertThat(out).contains("Configuration file is valid");
    }

    /** The project's docs/ directory, found upward from the module's directory. */
    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/multi-server.md"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/multi-server.md above " + Path.of("").toAbsolutePath());
    }
}
