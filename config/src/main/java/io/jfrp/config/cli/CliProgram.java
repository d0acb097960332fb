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
    /** jfrps, which reads ./frps.toml by default. */
    public static final CliProgram<ServerConfig> JFRPS = new CliProgram<>("jfrps", "jfrp-server", "./frps.toml",
            ConfigLoader::forServer, LoadedConfig::serverConfig, ServerConfig::log);
    /** jfrpc, which reads ./frpc.toml by default. */
    public static final CliProgram<ClientConfig> JFRPC = new CliProgram<>("jfrpc", "jfrp-client", "./frpc.toml",
            ConfigLoader::forClient, LoadedConfig::clientConfig, ClientConfig::log);

    /** Loads {@code file}; null after printing every problem to {@code err}. */
    public CliPreparation.Prepared<C> prepare(Path file, PrintWriter err) {
        return CliPreparation.prepare(name, file, err, loader, config);
    }

    /**
     * Loads {@code file} to run with it: on success applies its {@code log.*} settings and logs its
     * warnings to {@code log}; null after printing every problem to {@code err}.
     */
    public CliPreparation.Prepared<C> prepareToRun(Path file, PrintWriter err, Logger log) {
        CliPreparation.Prepared<C> p = prepare(file, err);
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
        return CliPreparation.verify(name, file, out, err, loader, config);
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
