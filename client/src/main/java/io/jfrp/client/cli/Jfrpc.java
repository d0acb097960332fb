package io.jfrp.client.cli;

import io.jfrp.client.MultiServerClient;
import io.jfrp.client.admin.ClientService;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.cli.CliProgram;
import io.jfrp.config.cli.CliPreparation;
import io.jfrp.config.cli.ConfigFileArgs;
import io.jfrp.config.cli.ProgramCommand;
import io.jfrp.config.cli.FrpArgs;
import io.jfrp.config.cli.FrpFlags;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * The jfrpc command line, shaped like frpc's:
 * <pre>
 *   jfrpc [-c FILE]              run the client (FILE default ./frpc.toml)
 *   jfrpc tcp|udp|http|https|tcpmux|stcp|sudp|xtcp -s ADDR -P PORT [flags]
 *                                run with one proxy from frpc's command-line flags, no file
 *   jfrpc stcp|sudp|xtcp visitor ...   the same with one visitor
 *   jfrpc verify [-c FILE]       check FILE: exit 0, or print every problem and exit 1
 *   jfrpc reload|status|stop [-c FILE] [--api-timeout 30s]
 *                                ask the running jfrpc (its webServer) to reload, for its proxies'
 *                                status, to stop
 *   jfrpc --version | --help
 * </pre>
 * FILE is frp v1 TOML ({@code .toml}), frp's legacy INI ({@code .ini}) or HOCON ({@code .conf},
 * {@code .json}); a HOCON file may hold both programs' settings in {@code jfrps { }} and
 * {@code jfrpc { }} blocks ({@link CliConfig}).
 *
 * <h3>Exit status</h3>
 * 0 after {@code verify} succeeds or a stop through the admin API; 1 for an invalid configuration, TLS
 * files, a store or an admin port that cannot be had, or a first login that failed with
 * {@code loginFailExit = true} (frp's default: the reason is printed);
 * 2 for a command-line usage error. A running client stops on SIGTERM or SIGINT: a shutdown hook
 * closes it before the JVM exits.
 */
@Command(name = "jfrpc", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "jfrp client: a Java implementation of frpc speaking frp's wire protocol.")
public final class Jfrpc extends ProgramCommand<ClientConfig> {
    private Jfrpc() {
        super(CliProgram.JFRPC);
    }

    public static void main(String[] args) {
        String[] normalised = FrpArgs.normalize(args);
        Path file = ConfigFileArgs.only(normalised);
        System.exit(file != null ? new Jfrpc().runConfigFile(file, ConfigFileArgs.stderr())
                : commandLine(normalised).execute(normalised));
    }

    /** The whole command line, for tests (which set its out and err writers). */
    public static CommandLine commandLine() {
        return commandLine(new String[] {"--help"});
    }

    /**
     * The command line for {@code args}: verify, reload, status, stop, and the proxy-type subcommands
     * ({@code jfrpc tcp ...}, each with some 20 options), which are made only when {@code args} asks
     * for one, or for help, since making them all is a good part of a start's time.
     */
    static CommandLine commandLine(String[] args) {
        Jfrpc root = new Jfrpc();
        CommandLine cl = root.toCommandLine()
                .addSubcommand(new AdminCommand.Reload())
                .addSubcommand(new AdminCommand.Status())
                .addSubcommand(new AdminCommand.Stop());
        boolean help = java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"));
        for (String type : FrpFlags.PROXY_TYPES) {
            if (!help && (args.length == 0 || !args[0].equals(type))) {
                continue;
            }
            CommandLine proxy = ProxySubcommand.create(root, type, false);
            if (FrpFlags.VISITOR_TYPES.contains(type)) {
                proxy.addSubcommand("visitor", ProxySubcommand.create(root, type, true));
            }
            cl.addSubcommand(type, proxy);
        }
        return cl;
    }

    @Override
    protected int run(CliPreparation.Prepared<ClientConfig> p, PrintWriter err) throws InterruptedException {
        if (p.config().proxies().isEmpty() && p.config().visitors().isEmpty()) {
            log.warn("{} has no proxies or visitors to start (none configured, or all disabled or left out by"
                    + " 'start')", p.file());
        }
        StartupWarmup.start();
        ClientService service;
        try {
            service = ClientService.create(p.file(), p.config());
        } catch (IOException | IllegalArgumentException e) {
            return program.fail(err, "cannot start: " + CliPreparation.describe(e));
        }
        MultiServerClient client = service.client();
        program.closeOnShutdown(log, () -> {
            client.close();
            service.close();
        });
        client.start();
        try {
            client.terminated().get();
            service.close();
            return 0;
        } catch (ExecutionException e) {
            // loginFailExit: the first login failed and the client gave up, as frpc does.
            return program.fail(err, "login to " + MultiServerClient.describeServers(p.config())
                    + " failed: " + CliPreparation.describe(e.getCause())
                    + " (loginFailExit = true; set it to false to keep retrying)");
        }
    }
}
