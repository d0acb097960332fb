package io.jfrp.config.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.LoadedConfig;

import io.jfrp.protocol.FrpVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What jfrps and jfrpc do with {@code -c FILE} before running or verifying: load it (one program's
 * block of a two-block HOCON file, or a whole file), make the program's configuration of it, and
 * print every problem as {@code file:line: message} when that fails; and what their {@code verify}
 * and {@code --version} print. Stateless; shared by both command lines.
 */
public final class CliPreparation {
    private CliPreparation() {
    }

    /**
     * How a file or the flags are loaded, from the command line: frp's {@code --allow-unsafe}
     * features and {@code --strict_config}.
     */
    public record LoadOptions(java.util.Set<String> allowUnsafe, boolean strict) {
        /** Nothing unsafe allowed, strict: frp's defaults. */
        public static final LoadOptions DEFAULT = new LoadOptions(java.util.Set.of(), true);

        public LoadOptions {
            allowUnsafe = java.util.Set.copyOf(allowUnsafe);
        }

        /** {@code loader} with these options applied to the loader it makes. */
        Function<Config, ConfigLoader> apply(Function<Config, ConfigLoader> loader) {
            return ref -> loader.apply(ref).withCommandLineOptions(allowUnsafe, strict);
        }
    }

    /** A configuration ready to run: the file the user named, what the program runs with, the warnings. */
    public record Prepared<C>(Path file, C config, List<ConfigProblem> warnings) {
        public Prepared {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Loads {@code file} and makes the program's configuration; returns null after printing every
     * problem to {@code err}.
     *
     * @param program {@code jfrps} or {@code jfrpc}, for messages
     * @param loader  the program's loader, given the reference configuration
     * @param config  the program's configuration of the loaded file
     */
    public static <C> Prepared<C> prepare(String program, Path file, PrintWriter err,
                                          Function<Config, ConfigLoader> loader, Function<LoadedConfig, C> config) {
        if (!Files.exists(file)) {
            err.println(program + ": the configuration file " + file + " does not exist (give one with -c FILE)");
            err.flush();
            return null;
        }
        Config reference = ConfigFactory.defaultReference();
        try {
            return orProblemsPrinted(file, err, () -> {
                LoadedConfig loaded = CliConfig.load(loader.apply(reference), reference, file);
                C c = config.apply(loaded);
                List<ConfigProblem> warnings = new ArrayList<>(loaded.warnings());
                Config user = loaded.user();
                if (user.hasPath("jfrp.mux.keepalive-interval")) {
                    warnings.add(warning(file, user.getValue("jfrp.mux.keepalive-interval").origin(),
                            "jfrp.mux.keepalive-interval", "'jfrp.mux.keepalive-interval' is not used: frp's key "
                                    + "'transport.tcpMuxKeepaliveInterval' (default 30) sets the yamux keepalive "
                                    + "interval"));
                }
                return new Prepared<>(loaded.file(), c, warnings);
            });
        } catch (UncheckedIOException e) {
            err.println(program + ": " + e.getMessage() + ": " + e.getCause().getMessage());
            err.flush();
            return null;
        }
    }

    /**
     * The settings of a command line without a file ({@code frps -p 7000}, {@code frpc tcp ...}),
     * loaded and validated as a file's; null after printing every problem to {@code err}.
     *
     * @param source what the settings are called in messages ("command line")
     */
    public static <C> Prepared<C> prepareSettings(Map<String, Object> settings, Path source, PrintWriter err,
                                                  Function<Config, ConfigLoader> loader,
                                                  Function<LoadedConfig, C> config) {
        Config reference = ConfigFactory.defaultReference();
        return orProblemsPrinted(source, err, () -> {
            LoadedConfig loaded = loader.apply(reference).loadSettings(settings, source);
            return new Prepared<>(source, config.apply(loaded), loaded.warnings());
        });
    }

    /**
     * What {@code load} prepares; null after printing to {@code err} every problem of an invalid
     * configuration, or the message of a value the configuration could not be made from.
     */
    private static <C> Prepared<C> orProblemsPrinted(Path source, PrintWriter err, Supplier<Prepared<C>> load) {
        try {
            return load.get();
        } catch (InvalidConfigException e) {
            printProblems(err, e);
            return null;
        } catch (IllegalArgumentException e) {
            err.println(source + ": " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /**
     * {@code verify -c FILE}, as frps and frpc have it: exit 0 after printing the warnings and "syntax
     * is ok", or 1 after printing every problem.
     */
    public static <C> int verify(String program, Path file, PrintWriter out, PrintWriter err,
                                 Function<Config, ConfigLoader> loader, Function<LoadedConfig, C> config) {
        Prepared<C> p = prepare(program, file, err, loader, config);
        if (p == null) {
            return 1;
        }
        for (ConfigProblem w : p.warnings()) {
            out.println(w);
        }
        out.println(program + ": the configuration file " + file + " syntax is ok");
        out.flush();
        return 0;
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

    /**
     * {@code --version}: {@code program} with the version in {@code artifactId}'s Maven descriptor (or
     * "(development build)" when run from classes), the frp version whose wire protocol it speaks (the
     * one it reports to its peer), and the Java runtime with its directory, so a release shows which
     * runtime it really runs on:
     * <pre>
     *   jfrps 0.1.0 (frp 0.70.0 wire protocols v1 and v2; Java 17.0.15+6 OpenJDK 64-Bit Server VM)
     *   runtime: /usr/lib/jfrp/runtime
     * </pre>
     */
    public static String[] version(String program, String artifactId) {
        return new String[] {
            program + " " + artifactVersion(artifactId) + " (frp " + FrpVersion.SPOKEN + " wire protocols v1 and v2; Java "
                    + Runtime.version() + " " + System.getProperty("java.vm.name") + ")",
            "runtime: " + System.getProperty("java.home")};
    }

    /** The version in the jar's Maven descriptor, or "(development build)" when run from classes. */
    static String artifactVersion(String artifactId) {
        String resource = "/META-INF/maven/io.jfrp/" + artifactId + "/pom.properties";
        try (InputStream in = CliPreparation.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through: a version is nice to have, never worth failing --version over
        }
        return "(development build)";
    }
}
