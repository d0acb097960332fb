package io.jfrp.config.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Recognises the command line every service manager, the bench and frp's e2e suite start jfrps and
 * jfrpc with, {@code -c FILE} and nothing else, so that {@code main} can run it through
 * {@link ProgramCommand#runConfigFile} without building picocli's model (issue 16: picocli's 170
 * classes were loaded, archived and kept by every start). Every other command line, and any
 * {@code -c} value picocli might read otherwise (an option, a subcommand's name, an {@code @file}),
 * goes to picocli as before. Stateless.
 */
public final class ConfigFileArgs {
    private ConfigFileArgs() {
    }

    /**
     * The file of {@code args} (already {@link FrpArgs#normalize normalised}) when they are exactly
     * {@code -c FILE}, {@code --config FILE} or {@code --config=FILE} with a FILE that holds a
     * {@code .} or a {@code /} (which no option or subcommand name does) and does not start with
     * {@code -} or {@code @}; else null.
     */
    public static Path only(String[] args) {
        String value;
        if (args.length == 2 && (args[0].equals("-c") || args[0].equals("--config"))) {
            value = args[1];
        } else if (args.length == 1 && args[0].startsWith("--config=")) {
            value = args[0].substring("--config=".length());
        } else {
            return null;
        }
        if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")
                || (value.indexOf('.') < 0 && value.indexOf('/') < 0)) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null; // picocli reports it as a usage error
        }
    }

    /**
     * The error writer picocli's {@code CommandLine} prints to: standard error, buffered, flushed on
     * every line, in {@code sun.stderr.encoding} when set and known ({@code cp65001} read as UTF-8),
     * else the default charset.
     */
    public static PrintWriter stderr() {
        Charset charset = Charset.defaultCharset();
        String name = System.getProperty("sun.stderr.encoding");
        if (name != null) {
            try {
                charset = Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
            } catch (IllegalArgumentException e) {
                // picocli falls back to the default charset too
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err, charset)), true);
    }
}
