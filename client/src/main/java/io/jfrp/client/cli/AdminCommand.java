package io.jfrp.client.cli;

import io.jfrp.client.admin.AdminClient;
import io.jfrp.client.servers.ServerStatusView;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.cli.CliLogging;
import io.jfrp.config.cli.CliPreparation;
import io.jfrp.config.cli.ProgramCommand;
import io.jfrp.config.model.ClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jfrpc reload|status|stop}, as frpc's: read {@code webServer.*} from the configuration file,
 * call the running jfrpc's admin API with its credentials, print frp's answer ({@code reload success},
 * the status tables, {@code stop success}) and exit 0, or print what went wrong (a configuration
 * problem, no {@code webServer.port}, {@code api status code [N]}, no answer within
 * {@code --api-timeout}) and exit 1. Like frpc, everything goes to standard output.
 */
abstract class AdminCommand implements Callable<Integer> {
    /** jfrpc, whose configuration file is read when this command has no {@code -c}. */
    @ParentCommand
    ProgramCommand<?> parent;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "configuration file; default: the -c of jfrpc, else ./frpc.toml")
    Path config;

    @Option(names = "--api-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = GoDurationConverter.class,
            description = "timeout of the admin API call (Go duration: 30s, 1m, 500ms); default ${DEFAULT-VALUE}")
    Duration apiTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        // frpc prints everything, its errors too, to standard output.
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = out;
        CliLogging.applyLevel("warn");
        Path file = config != null ? config : parent.configFile();
        CliPreparation.Prepared<ClientConfig> p = CliPreparation.prepare("jfrpc", file, err, ConfigLoader::forClient,
                LoadedConfig::clientConfig);
        if (p == null) {
            return 1;
        }
        if (!p.config().webServer().enabled()) {
            return fail(err, "web server port should be set if you want to use this feature");
        }
        try {
            call(new AdminClient(p.config().webServer(), apiTimeout), out);
            out.flush();
            return 0;
        } catch (HttpTimeoutException e) {
            return fail(err, "no answer from " + p.config().webServer().addr() + ":" + p.config().webServer().port()
                    + " within " + apiTimeout.toMillis() + " ms (--api-timeout)");
        } catch (IOException e) {
            return fail(err, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, "interrupted");
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return 1;
    }

    /** The call and what it prints on success. */
    abstract void call(AdminClient client, PrintWriter out) throws IOException, InterruptedException;

    /** {@code jfrpc reload}. */
    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Hot-reload the running jfrpc's configuration: proxies added, changed and removed "
                    + "as the file now says; unchanged ones keep their connections.")
    static final class Reload extends AdminCommand {
        @Option(names = "--strict_config", arity = "0..1", defaultValue = "true", fallbackValue = "true",
                description = "ask for strict validation (jfrp always validates strictly); default ${DEFAULT-VALUE}")
        boolean strict;

        @Override
        void call(AdminClient client, PrintWriter out) throws IOException, InterruptedException {
            client.reload(strict);
            out.println("reload success");
        }
    }

    /** {@code jfrpc status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Overview of the running jfrpc's proxies, one table per type, and its server connections.")
    static final class Status extends AdminCommand {
        @Override
        void call(AdminClient client, PrintWriter out) throws IOException, InterruptedException {
            Map<String, List<Map<String, String>>> status = client.status();
            StatusTable.print(status, out);
            List<Map<String, String>> servers = status.get(ServerStatusView.FIELD);
            if (servers != null) {
                ServerStatusView.printTable(servers, out);
            }
        }
    }

    /** {@code jfrpc stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the running jfrpc: its proxies are withdrawn from the server, then it exits.")
    static final class Stop extends AdminCommand {
        @Override
        void call(AdminClient client, PrintWriter out) throws IOException, InterruptedException {
            client.stop();
            out.println("stop success");
        }
    }

    /** Go's {@code time.ParseDuration} for {@code --api-timeout}: {@code 30s}, {@code 1m30s}, {@code 500ms}. */
    static final class GoDurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final java.util.regex.Pattern PART =
                java.util.regex.Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            String v = value.trim();
            if (v.equals("0")) {
                return Duration.ZERO;
            }
            java.util.regex.Matcher m = PART.matcher(v);
            double nanos = 0;
            int at = 0;
            while (at < v.length() && m.find(at) && m.start() == at) {
                double n = Double.parseDouble(m.group(1));
                nanos += n * switch (m.group(2)) {
                    case "ns" -> 1;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
                at = m.end();
            }
            if (at != v.length() || v.isEmpty()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 30s, 1m or 500ms");
            }
            return Duration.ofNanos((long) nanos);
        }
    }
}
