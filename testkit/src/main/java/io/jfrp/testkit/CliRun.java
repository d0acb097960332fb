package io.jfrp.testkit;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of a picocli command line with its output and error captured.
 *
 * @param exitCode what {@link CommandLine#execute} returned
 * @param out      what the command printed to its out writer
 * @param err      what it printed to its err writer
 */
public record CliRun(int exitCode, String out, String err) {
    /** Runs {@code commandLine} with {@code args}, its out and err writers replaced to capture them. */
    public static CliRun run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
