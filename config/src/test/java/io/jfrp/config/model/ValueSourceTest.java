package io.jfrp.config.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** auth.tokenSource as frp resolves it: a file or a program's output, trimmed. */
class ValueSourceTest {
    @TempDir
    Path dir;

    @Test
    void aFileSourceIsReadAndTrimmed() throws IOException {
        Path f = Files.writeString(dir.resolve("token"), "  s3cret\n\n");
        assertThat(ValueSource.file(f).resolve()).isEqualTo("s3cret");
        assertThat(new AuthConfig("", Set.of(), ValueSource.file(f)).resolved().token()).isEqualTo("s3cret");
    }

    @Test
    void anExecSourceIsTheProgramsOutputWithItsArgumentsAndEnvironment() throws IOException {
        ValueSource s = ValueSource.exec("/bin/sh", List.of("-c", "printf '%s-%s\\n' \"$1\" \"$EXTRA\"", "sh", "arg"),
                Map.of("EXTRA", "env"));
        assertThat(s.resolve()).isEqualTo("arg-env");
    }

    @Test
    void failuresNameTheSource() {
        assertThat(catchThrowableOfType(() -> new AuthConfig("", Set.of(), ValueSource.file(dir.resolve("missing")))
                .resolved(), IOException.class)).hasMessageStartingWith("failed to resolve auth.tokenSource: ")
                .hasMessageContaining("missing");
        assertThat(catchThrowableOfType(() -> ValueSource.exec("/bin/sh", List.of("-c", "exit 3"), Map.of()).resolve(),
                IOException.class)).hasMessage("failed to execute command /bin/sh: exit status 3");
        assertThat(catchThrowableOfType(() -> ValueSource.exec(dir.resolve("nope").toString(), List.of(), Map.of())
                .resolve(), IOException.class)).hasMessageStartingWith("failed to execute command ");
    }

    @Test
    void theSourceIsNamedButTheTokenNeverPrinted() {
        assertThat(new AuthConfig("", Set.of(), ValueSource.exec("/usr/bin/vault", List.of(), Map.of())).toString())
                .contains("from exec /usr/bin/vault");
        assertThat(new AuthConfig("secret", Set.of()).toString()).doesNotContain("secret");
    }
}
