package io.jfrp.config.cli;

import com.typesafe.config.Config;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.LogSettings;
import io.jfrp.config.model.ServerConfig;
import org.slf4j.Logger;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What tells jfrps's command line from jfrpc's before either runs: the program's name, its jar, its
 * default configuration file, how its configuration is loaded and made. The steps both take
 * ({@link #prepareToRun}, {@link #verify}, {@link #version}, {@link #fail}, {@link #closeOnShutdown})
 * are written once here. Immutable.
 *
 * @param name          {@code jfrps} or {@code jfrpc}, as messages name the program
 * @param artifactId    the program's Maven artifact, for {@code --version}
 * @param defaultConfig frp's name for the configuration file when none is given
 * @param loader        the program's loader, given the reference configuration
 * @param config        the program's configuration of a loaded file
 * @param log           the configuration's {@code log.*} settings
 * @param <C>           the configuration the program runs with
 */
public record CliProgram<C>(String name, String artifactId, String defaultConfig,
                            Function<Config, ConfigLoader> loader, Function<LoadedConfig, C> config,
                            Function<C, LogSettings> log) {
    /**
     * What settings from the command line are called in messages; as a path, its directory (the
     * working directory) is where relative paths start.
     */
    public static final Path COMMAND_LINE = Path.of("command-line");

    /** jfrps, which reads ./frps.toml by default. */
    public static final CliProgram<ServerConfig> JFRPS = new CliProgram<>("jfrps", "jfrp-server", "./frps.toml",
            ConfigLoader::forServer, LoadedConfig::serverConfig, ServerConfig::log);
    /** jfrpc, which reads ./frpc.toml by default. */
    public static final CliProgram<ClientConfig> JFRPC = new CliProgram<>("jfrpc", "jfrp-client", "./frpc.toml",
            ConfigLoader::forClient, LoadedConfig::clientConfig, ClientConfig::log);

    /** Loads {@code file}; null after printing every problem to {@code err}. */
    public CliPreparation.Prepared<C> prepare(Path file, PrintWriter err) {
        return prepare(file, err, CliPreparation.LoadOptions.DEFAULT);
    }

    /** Loads {@code file} with the command line's options; null after printing every problem to {@code err}. */
    public CliPreparation.Prepared<C> prepare(Path file, PrintWriter err, CliPreparation.LoadOptions options) {
        return CliPreparation.prepare(name, file, err, options.apply(loader), config);
    }

    /**
     * Loads {@code file} to run with it: on success applies its {@code log.*} settings and logs its
     * warnings to {@code log}; null after printing every problem to {@code err}.
     */
    public CliPreparation.Prepared<C> prepareToRun(Path file, PrintWriter err, Logger log,
                                                   CliPreparation.LoadOptions options) {
        return started(prepare(file, err, options), err, log);
    }

    /**
     * The settings of a command line without a file, loaded to run with them (as
     * {@link #prepareToRun}); null after printing every problem to {@code err}.
     */
    public CliPreparation.Prepared<C> prepareSettingsToRun(java.util.Map<String, Object> settings, PrintWriter err,
                                                           Logger log, CliPreparation.LoadOptions options) {
        return started(CliPreparation.prepareSettings(settings, COMMAND_LINE, err, options.apply(loader), config), err, log);
    }

    private CliPreparation.Prepared<C> started(CliPreparation.Prepared<C> p, PrintWriter err, Logger log) {
        if (p != null) {
            try {
                CliLogging.apply(this.log.apply(p.config()));
            } catch (IllegalArgumentException e) {
                fail(err, e.getMessage());
                return null;
            }
            CliLogging.logWarnings(log, p.warnings());
        }
        return p;
    }

    /** {@code verify -c FILE}: 0 after printing the warnings and "syntax is ok", 1 after every problem. */
    public int verify(Path file, PrintWriter out, PrintWriter err) {
        return verify(file, out, err, CliPreparation.LoadOptions.DEFAULT);
    }

    /** {@code verify -c FILE} with the command line's options. */
    public int verify(Path file, PrintWriter out, PrintWriter err, CliPreparation.LoadOptions options) {
        return CliPreparation.verify(name, file, out, err, options.apply(loader), config);
    }

    /** What {@code --version} prints: the program, its jar's version, the frp version it speaks, the Java runtime. */
    public String[] version() {
        return CliPreparation.version(name, artifactId);
    }

    /** Prints {@code "<name>: <message>"} to {@code err} and returns 1, the exit status of a failed run. */
    public int fail(PrintWriter err, String message) {
        err.println(name + ": " + message);
        err.flush();
        return 1;
    }

    /** Runs {@code close} (after logging "<name> stopping") when the JVM is asked to stop. */
    public void closeOnShutdown(Logger log, Runnable close) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("{} stopping", name);
            close.run();
        }, name + "-shutdown"));
    }
}
