package io.jfrp.config.validate;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.model.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** frp's rules for auth.tokenSource, with its messages, and the --allow-unsafe gate for exec. */
class TokenSourceRulesTest {
    @TempDir
    Path dir;

    private final ConfigLoader server = ConfigLoader.forServer(ConfigFactory.defaultReference());

    private List<String> errors(ConfigLoader loader, String text) throws IOException {
        Path f = write(dir, "frps.toml", text);
        InvalidConfigException e = catchThrowableOfType(() -> loader.load(f), InvalidConfigException.class);
        return e == null ? List.of() : e.errors().stream().map(ConfigProblem::message).toList();
    }

    @Test
    void anExecSourceNeedsTheUnsafeFeatureAllowed() throws IOException {
        String exec = "auth.tokenSource.type = \"exec\"\nauth.tokenSource.exec.command = \"/bin/echo\"\n"
                + "auth.tokenSource.exec.args = [\"t\"]\n";
        assertThat(errors(server, exec)).containsExactly("unsafe feature \"TokenSourceExec\" is not enabled. To enable it,"
                + " ensure it is allowed in the configuration or command line flags (--allow-unsafe TokenSourceExec)");

        ConfigLoader allowed = server.withCommandLineOptions(Set.of("TokenSourceExec"), true);
        Path f = write(dir, "ok.toml", exec);
        assertThat(allowed.load(f).serverConfig().auth().tokenSource())
                .isEqualTo(ValueSource.exec("/bin/echo", List.of("t"), java.util.Map.of()));
    }

    @Test
    void frpsRulesAndMessages() throws IOException {
        assertThat(errors(server, "auth.token = \"x\"\nauth.tokenSource.type = \"file\"\n"
                + "auth.tokenSource.file.path = \"/t\"\n"))
                .containsExactly("cannot specify both auth.token and auth.tokenSource");
        assertThat(errors(server, "auth.tokenSource.type = \"file\"\n")).containsExactly(
                "invalid auth.tokenSource: file configuration is required when type is 'file'");
        assertThat(errors(server.withCommandLineOptions(Set.of("TokenSourceExec"), true),
                "auth.tokenSource.type = \"exec\"\nauth.tokenSource.exec.command = \"/bin/true\"\n"
                        + "auth.tokenSource.exec.env = [{ name = \"A=B\", value = \"1\" }]\n"))
                .containsExactly("invalid auth.tokenSource: exec env name cannot contain '='");
    }

    @Test
    void aFileSourceIsTheModelsSourceAndTheTokenIsReadOnlyAtStart() throws IOException {
        Path f = write(dir, "file.toml", "auth.tokenSource.type = \"file\"\nauth.tokenSource.file.path = \""
                + dir.resolve("absent") + "\"\n");
        // verify (loading) succeeds even though the file is absent, as frp's does; resolving fails
        assertThat(server.load(f).serverConfig().auth().tokenSource()).isEqualTo(ValueSource.file(dir.resolve("absent")));
    }
}
