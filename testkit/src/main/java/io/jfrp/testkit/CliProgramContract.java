package io.jfrp.testkit;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every jfrp command line (jfrps, jfrpc) does alike, as a JUnit contract: a test class of a program
 * implements it, names the program and makes its command line, and inherits these tests and
 * {@link #run}, which runs a fresh command line with its output captured.
 */
public interface CliProgramContract {
    /** A new command line of the program under test (picocli keeps state, so one per run). */
    CommandLine commandLine();

    /** The program's name, the first word of its {@code --version} line. */
    String programName();

    /** Runs a new {@link #commandLine()} with {@code args}. */
    default CliRun run(String... args) {
        return CliRun.run(commandLine(), args);
    }

    /** {@code --version} prints the program's name and exits 0; an unknown option exits 2 (usage error). */
    @Test
    default void versionAndUsage() {
        CliRun version = run("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith(programName() + " "), () -> "--version printed: " + version.out());
        assertEquals(2, run("--no-such-option").exitCode());
    }
}
