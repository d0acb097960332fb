package io.jfrp.client.cli;

import io.jfrp.client.FrpClient;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.cli.CliLogging;
import io.jfrp.config.cli.CliPreparation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * The jfrpc command line, shaped like frpc's:
 * <pre>
 *   jfrpc [-c FILE]              run the client (FILE default ./frpc.toml)
 *   jfrpc verify [-c FILE]       check FILE: exit 0, or print every problem and exit 1
 *   jfrpc --version | --help
 * </pre>
 * FILE is frp v1 TOML ({@code .toml}), frp's legacy INI ({@code .ini}) or HOCON ({@code .conf},
 * {@code .json}); a HOCON file may hold both programs' settings in {@code jfrps { }} and
 * {@code jfrpc { }} blocks ({@link CliConfig}).
 *
 * <h3>Exit status</h3>
 * 0 after {@code verify} succeeds; 1 for an invalid configuration, TLS files that cannot be read, or
 * a first login that failed with {@code loginFailExit = true} (frp's default: the reason is printed);
 * 2 for a command-line usage error. A running client stops on SIGTERM or SIGINT: a shutdown hook
 * closes it before the JVM exits.
 */
@Command(name = "jfrpc", mixinStandardHelpOptions = true, versionProvider = Jfrpc.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "jfrp client: a Java implementation of frpc speaking frp's wire protocol.",
        subcommands = {Jfrpc.Verify.class})
public final class Jfrpc implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Jfrpc.class);

    /** frpc's name for the configuration file when none is given. */
    static final String DEFAULT_CONFIG = "./frpc.toml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "configuration file: .toml (frp v1), .ini (frp legacy) or .conf/.json (HOCON); "
                    + "default ${DEFAULT-VALUE}")
    Path config;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for {@link #main} and tests (which set its out and err writers). */
    static CommandLine commandLine() {
        return new CommandLine(new Jfrpc());
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        CliPreparation.Prepared<ClientConfig> p = prepare(config, err);
        if (p == null) {
            return 1;
        }
        CliLogging.applyLevel(p.config().logLevel());
        CliLogging.logWarnings(log, p.warnings());
        if (p.config().proxies().isEmpty()) {
            log.warn("{} has no proxies to start (none configured, or all disabled or left out by 'start')",
                    p.file());
        }
        FrpClient client;
        try {
            client = new FrpClient(p.config());
        } catch (IOException | IllegalArgumentException e) {
            err.println("jfrpc: cannot set up TLS: " + describe(e));
            err.flush();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("jfrpc stopping");
            client.close();
        }, "jfrpc-shutdown"));
        client.start();
        try {
            client.terminated().get();
            return 0;
        } catch (ExecutionException e) {
            // loginFailExit: the first login failed and the client gave up, as frpc does.
            err.println("jfrpc: login to " + p.config().serverAddr() + ":" + p.config().serverPort()
                    + " failed: " + describe(e.getCause()) + " (loginFailExit = true; set it to false to keep retrying)");
            err.flush();
            return 1;
        }
    }

    /** Loads a configuration; null after printing every problem to {@code err}. */
    static CliPreparation.Prepared<ClientConfig> prepare(Path file, PrintWriter err) {
        return CliPreparation.prepare("jfrpc", file, err, ConfigLoader::forClient, LoadedConfig::clientConfig);
    }

    static String describe(Throwable t) {
        return CliPreparation.describe(t);
    }

    /** {@code jfrpc verify -c FILE}, as {@code frpc verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a configuration file: exit 0 when jfrpc can run with it, else print every "
                    + "problem (file:line: message) and exit 1.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        Jfrpc parent;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "configuration file; default: jfrpc's -c, else " + DEFAULT_CONFIG)
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path file = config != null ? config : parent.config;
            return CliPreparation.verify("jfrpc", file, spec.commandLine().getOut(), spec.commandLine().getErr(),
                    ConfigLoader::forClient, LoadedConfig::clientConfig);
        }
    }

    /** {@code --version}: the jar's version (from its Maven descriptor) and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {CliPreparation.version("jfrpc", "jfrp-client")};
        }
    }
}
