package io.jfrp.config.cli;

import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} and {@code --version} as jfrps and jfrpc both have them ({@link VerifyCommand},
 * {@link CliProgram}), on a command line built as the programs build theirs.
 */
class VerifyCommandTest {
    @TempDir
    Path dir;

    /** Each program with a file it accepts, as frps and frpc do. */
    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of(CliProgram.JFRPS, "frps.toml", """
                        bindAddr = "127.0.0.1"
                        bindPort = 7000
                        auth.token = "s3cret"
                        allowPorts = [{ start = 6000, end = 6999 }]
                        """, "jfrpc"),
                Arguments.of(CliProgram.JFRPC, "frpc.toml", """
                        serverAddr = "127.0.0.1"
                        serverPort = 7000
                        auth.token = "s3cret"

                        [[proxies]]
                        name = "ssh"
                        type = "tcp"
                        localIP = "127.0.0.1"
                        localPort = 22
                        remotePort = 6000
                        """, "jfrps"));
    }

    /** A program whose run does nothing: the command line as the programs build theirs. */
    @Command(mixinStandardHelpOptions = true)
    static final class Main<C> extends ProgramCommand<C> {
        Main(CliProgram<C> program) {
            super(program);
        }

        @Override
        protected int run(CliPreparation.Prepared<C> prepared, PrintWriter err) {
            return 0;
        }
    }

    private static CliRun run(CliProgram<?> program, String... args) {
        CommandLine cl = new Main<>(program).toCommandLine();
        cl.setCommandName(program.name());
        return CliRun.run(cl, args);
    }

    @ParameterizedTest
    @MethodSource("programs")
    void verifyAcceptsAGoodFileAsFrpDoes(CliProgram<?> program, String name, String text) throws IOException {
        Path file = write(dir, name, text);

        CliRun r = run(program, "verify", "-c", file.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(program.name() + ": the configuration file " + file + " syntax is ok"
                + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("programs")
    void aMissingFileIsNamed(CliProgram<?> program) {
        Path file = dir.resolve("nowhere.toml");

        CliRun r = run(program, "verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("the configuration file " + file + " does not exist");
    }

    @ParameterizedTest
    @MethodSource("programs")
    void theRepositorysApplicationConfVerifies(CliProgram<?> program) {
        Path conf = Path.of("..", "application.conf");
        assertThat(conf).exists();

        CliRun r = run(program, "verify", "-c", conf.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @ParameterizedTest
    @MethodSource("programs")
    void aTwoBlockFileWithoutTheProgramsBlockIsAnError(CliProgram<?> program, String name, String text,
                                                        String other) throws IOException {
        Path file = write(dir, "other-only.conf", other + " { auth.token = \"x\" }\n");

        CliRun r = run(program, "verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("has a '" + other + "' block but no '" + program.name() + "' block");
    }

    @ParameterizedTest
    @MethodSource("programs")
    void versionNamesTheProgram(CliProgram<?> program) {
        CliRun version = run(program, "--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith(program.name() + " ");
    }
}
