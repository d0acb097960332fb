package io.jfrp.config.cli;

import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConfigFileArgs} takes only command lines picocli reads as {@code -c FILE} alone, and
 * {@link ProgramCommand#runConfigFile} runs them as picocli's {@code execute} does.
 */
class ConfigFileArgsTest {
    @TempDir
    Path dir;

    /** A program that records what it was run with, on a command line built as the programs build theirs. */
    @Command(mixinStandardHelpOptions = true, subcommands = Certs.class)
    static final class Main<C> extends ProgramCommand<C> {
        final List<CliPreparation.Prepared<C>> runs = new ArrayList<>();
        RuntimeException failure;

        Main(CliProgram<C> program) {
            super(program);
        }

        @Override
        protected int run(CliPreparation.Prepared<C> prepared, PrintWriter err) {
            runs.add(prepared);
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
    }

    /** A subcommand whose name a {@code -c} value could take. */
    @Command(name = "certs")
    static final class Certs implements Runnable {
        @Override
        public void run() {
        }
    }

    /** Each command line as one argument of a parameterized test. */
    private static Stream<Arguments> lines(String[]... lines) {
        return Stream.of(lines).map(line -> Arguments.of((Object) line));
    }

    static Stream<Arguments> takenLines() {
        return lines(
                new String[] {"-c", "frps.toml"},
                new String[] {"--config", "conf/frpc.ini"},
                new String[] {"--config=./application.conf"},
                new String[] {"-c", "/etc/frp/frps.toml"},
                new String[] {"-c", "my configs/a b.json"},
                new String[] {"-c", "noextension/"},
                new String[] {"-c", ".hidden"});
    }

    @ParameterizedTest
    @MethodSource("takenLines")
    void whatItTakesPicocliReadsAsTheFileAlone(String[] args) {
        Path file = ConfigFileArgs.only(args);
        CommandLine cl = new Main<>(CliProgram.JFRPS).toCommandLine();

        ParseResult parsed = cl.parseArgs(args);

        assertThat(file).isNotNull();
        assertThat(parsed.subcommand()).isNull();
        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.matchedOptions()).hasSize(1);
        assertThat(parsed.matchedOption("--config").<Path>getValue()).isEqualTo(file);
        assertThat(((ProgramCommand<?>) cl.getCommand()).loadOptions()).isEqualTo(CliPreparation.LoadOptions.DEFAULT);
    }

    static Stream<Arguments> leftToPicocli() {
        return lines(
                new String[] {},
                new String[] {"-c"},
                new String[] {"--config="},
                new String[] {"-c", ""},
                new String[] {"-c", "verify"},
                new String[] {"-c", "certs"},
                new String[] {"-c", "frps"},
                new String[] {"-c", "-h"},
                new String[] {"-c", "--version"},
                new String[] {"-c", "--config=a.toml"},
                new String[] {"--config", "@args.txt"},
                new String[] {"-cfrps.toml"},
                new String[] {"-c=frps.toml"},
                new String[] {"-c", "a.toml", "--strict-config=false"},
                new String[] {"--allow-unsafe", "TokenSourceExec", "-c", "a.toml"},
                new String[] {"verify", "-c", "a.toml"},
                new String[] {"-c", "a.toml", "-c", "b.toml"},
                new String[] {"--", "-c", "a.toml"},
                new String[] {"-c", "a\0.toml"},
                new String[] {"-h"},
                new String[] {"frps.toml"});
    }

    @ParameterizedTest
    @MethodSource("leftToPicocli")
    void everyOtherLineIsLeftToPicocli(String[] args) {
        assertThat(ConfigFileArgs.only(args)).isNull();
    }

    /** Each program with a file it accepts. */
    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of(CliProgram.JFRPS, "frps.toml", """
                        bindAddr = "127.0.0.1"
                        bindPort = 7000
                        auth.token = "s3cret"
                        allowPorts = [{ start = 6000, end = 6999 }]
                        """),
                Arguments.of(CliProgram.JFRPC, "frpc.ini", """
                        [common]
                        server_addr = 127.0.0.1
                        server_port = 7000
                        token = s3cret

                        [ssh]
                        type = tcp
                        local_port = 22
                        remote_port = 6000
                        """));
    }

    @ParameterizedTest
    @MethodSource("programs")
    void aGoodFileRunsWithTheConfigurationPicocliWouldGive(CliProgram<?> program, String name, String text)
            throws IOException {
        Path file = write(dir, name, text);
        Main<?> viaPicocli = new Main<>(program);
        Main<?> direct = new Main<>(program);

        CliRun r = CliRun.run(viaPicocli.toCommandLine(), "-c", file.toString());
        StringWriter err = new StringWriter();
        int code = direct.runConfigFile(ConfigFileArgs.only(new String[] {"-c", file.toString()}),
                new PrintWriter(err, true));

        assertThat(r.exitCode()).isZero();
        assertThat(code).isZero();
        assertThat(err.toString()).isEqualTo(r.err()).isEmpty();
        assertThat(direct.runs).hasSize(1);
        assertThat(viaPicocli.runs).hasSize(1);
        assertThat(direct.runs.get(0).file()).isEqualTo(viaPicocli.runs.get(0).file());
        assertThat(direct.runs.get(0).config()).isEqualTo(viaPicocli.runs.get(0).config());
        assertThat(direct.runs.get(0).warnings()).isEqualTo(viaPicocli.runs.get(0).warnings());
    }

    @ParameterizedTest
    @MethodSource("programs")
    void aBadFileFailsWithPicocliSMessageAndStatus(CliProgram<?> program, String name) throws IOException {
        Path file = write(dir, name.replace("frp", "bad-frp"), "bindPort = \"seven\"\nnotAKey = 1\n[proxies\n");
        Main<?> viaPicocli = new Main<>(program);
        Main<?> direct = new Main<>(program);

        CliRun r = CliRun.run(viaPicocli.toCommandLine(), "--config", file.toString());
        StringWriter err = new StringWriter();
        int code = direct.runConfigFile(file, new PrintWriter(err, true));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(code).isEqualTo(1);
        assertThat(r.err()).contains(file.toString());
        assertThat(err.toString()).isEqualTo(r.err());
        assertThat(direct.runs).isEmpty();
    }

    @Test
    void anExceptionFromTheProgramIsPrintedWithStatusOneAsPicocliDoes() throws IOException {
        Path file = write(dir, "frps.toml", "bindPort = 7000\n");
        Main<?> viaPicocli = new Main<>(CliProgram.JFRPS);
        Main<?> direct = new Main<>(CliProgram.JFRPS);
        viaPicocli.failure = new IllegalStateException("the program broke");
        direct.failure = viaPicocli.failure;

        CommandLine cl = viaPicocli.toCommandLine();
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        CliRun r = CliRun.run(cl, "-c", file.toString());
        StringWriter err = new StringWriter();
        int code = direct.runConfigFile(file, new PrintWriter(err, true));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("java.lang.IllegalStateException: the program broke")
                .isEqualTo(r.err());
    }
}
