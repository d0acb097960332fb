package io.jfrp.config.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.LoadedConfig;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What jfrps and jfrpc do with {@code -c FILE} before running or verifying: load it (one program's
 * block of a two-block HOCON file, or a whole file), map it to the program's settings and options,
 * and print every problem as {@code file:line: message} when that fails. Stateless.
 */
public final class CliPreparation {
    private CliPreparation() {
    }

    /** A configuration ready to run: where it came from, its settings, the options, its warnings. */
    public record Prepared<S, O>(Path file, S settings, O options, List<ConfigProblem> warnings) {
        public Prepared {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Loads {@code file} and maps it; returns null after printing every problem to {@code err}.
     *
     * @param program  {@code jfrps} or {@code jfrpc}, for messages
     * @param loader   the program's loader, given the reference configuration
     * @param settings the program's typed settings from the loaded file
     * @param options  the program's options from its settings and the file the user named
     */
    public static <S, O> Prepared<S, O> prepare(String program, Path file, PrintWriter err,
                                                Function<Config, ConfigLoader> loader,
                                                Function<LoadedConfig, S> settings,
                                                BiFunction<S, Path, O> options) {
        if (!Files.exists(file)) {
            err.println(program + ": the configuration file " + file + " does not exist (give one with -c FILE)");
            err.flush();
            return null;
        }
        Config reference = ConfigFactory.defaultReference();
        try {
            CliConfig.Loaded loaded = CliConfig.load(loader.apply(reference), reference, file);
            S s = settings.apply(loaded.config());
            O o = options.apply(s, loaded.file());
            List<ConfigProblem> warnings = new ArrayList<>(loaded.warnings());
            Config user = loaded.config().user();
            if (user.hasPath("jfrp.mux.keepalive-interval")) {
                warnings.add(warning(file, user.getValue("jfrp.mux.keepalive-interval").origin(),
                        "jfrp.mux.keepalive-interval", "'jfrp.mux.keepalive-interval' is not used: frp's key "
                                + "'transport.tcpMuxKeepaliveInterval' (default 30) sets the yamux keepalive interval"));
            }
            return new Prepared<>(loaded.file(), s, o, warnings);
        } catch (InvalidConfigException e) {
            printProblems(err, e);
            return null;
        } catch (IllegalArgumentException e) {
            err.println(file + ": " + e.getMessage());
            err.flush();
            return null;
        } catch (UncheckedIOException e) {
            err.println(program + ": " + e.getMessage() + ": " + e.getCause().getMessage());
            err.flush();
            return null;
        }
    }

    /** A warning at a value's line when the value is in {@code file} itself (not a temporary copy). */
    static ConfigProblem warning(Path file, ConfigOrigin origin, String key, String message) {
        boolean here = origin != null && file.toString().equals(origin.filename());
        return new ConfigProblem(ConfigProblem.Severity.WARNING, file.toString(), here ? origin.lineNumber() : -1,
                key, message);
    }

    /** Every error of {@code e}, then its warnings. */
    public static void printProblems(PrintWriter err, InvalidConfigException e) {
        err.println(e.getMessage());
        for (ConfigProblem w : e.warnings()) {
            err.println("  " + w);
        }
        err.flush();
    }

    /** A throwable's message, or its class when it has none. */
    public static String describe(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
