package io.jfrp.server.cli;

import io.jfrp.certs.CertificateTool;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.cli.CliLogging;
import io.jfrp.config.cli.CliPreparation;
import io.jfrp.config.cli.CliProgram;
import io.jfrp.config.cli.ConfigFileArgs;
import io.jfrp.config.cli.FrpArgs;
import io.jfrp.config.cli.FrpFlags;
import io.jfrp.config.cli.ProgramCommand;
import io.jfrp.server.FrpServer;
import io.jfrp.server.web.WebServerStartException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The jfrps command line, shaped like frps's:
 * <pre>
 *   jfrps [-c FILE]                 run the server (FILE default ./frps.toml)
 *   jfrps -t TOKEN -p PORT ...      run with frps's command-line flags and no file
 *   jfrps verify [-c FILE]          check FILE: exit 0, or print every problem and exit 1
 *   jfrps certs --dir DIR [--name DNS]... [--ip IP]... [--days N]
 *                                   write a CA, a server and a client certificate for mutual TLS
 *   jfrps --version | --help
 * </pre>
 * FILE is frp v1 TOML ({@code .toml}), frp's legacy INI ({@code .ini}) or HOCON ({@code .conf},
 * {@code .json}); a HOCON file may hold both programs' settings in {@code jfrps { }} and
 * {@code jfrpc { }} blocks ({@link CliConfig}).
 *
 * <h3>Exit status</h3>
 * 0 after {@code verify} or {@code certs} succeed; 1 for an invalid configuration, a port that cannot
 * be bound or certificate files that cannot be written; 2 for a command-line usage error. A running
 * server stops on SIGTERM or SIGINT: a shutdown hook closes it (listeners, client sessions, event
 * loops) before the JVM exits.
 */
@Command(name = "jfrps", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        subcommands = Jfrps.Certs.class,
        description = "jfrp server: a Java implementation of frps speaking frp's wire protocol.")
public final class Jfrps extends ProgramCommand<ServerConfig> {
    private Jfrps() {
        super(CliProgram.JFRPS);
    }

    public static void main(String[] args) {
        String[] normalised = FrpArgs.normalize(args);
        Path file = ConfigFileArgs.only(normalised);
        System.exit(file != null ? new Jfrps().runConfigFile(file, ConfigFileArgs.stderr())
                : commandLine().execute(normalised));
    }

    /** The command line, for {@link #main} and tests (which set its out and err writers). */
    static CommandLine commandLine() {
        Jfrps jfrps = new Jfrps();
        CommandLine cl = jfrps.toCommandLine();
        jfrps.spec = cl.getCommandSpec();
        FrpFlags.addTo(jfrps.spec, FrpFlags.server());
        return cl;
    }

    private CommandSpec spec;

    /**
     * frps's flags ({@code jfrps -t TOKEN -p 7000 ...}) when any is given without {@code -c}; with
     * neither flags nor {@code -c}, the default file when it exists, else frps's defaults.
     */
    @Override
    protected Map<String, Object> commandLineSettings() {
        if (!FrpFlags.anyGiven(spec, FrpFlags.server()) && Files.exists(configFile())) {
            return null;
        }
        return FrpFlags.serverSettings(spec);
    }

    @Override
    protected int run(CliPreparation.Prepared<ServerConfig> p, PrintWriter err) throws InterruptedException {
        ServerConfig o = p.config();
        FrpServer server;
        try {
            server = new FrpServer(o);
        } catch (IOException | IllegalArgumentException e) {
            return program.fail(err, "cannot start: " + describe(e));
        }
        try {
            server.start();
        } catch (InterruptedException e) {
            server.close();
            throw e;
        } catch (WebServerStartException e) {
            server.close();
            return program.fail(err, e.getMessage());
        } catch (Exception e) {
            server.close();
            return program.fail(err, "cannot listen on " + o.bindAddr() + ":" + o.bindPort() + " (bindAddr, bindPort): "
                    + describe(e) + (e instanceof BindException ? " - is another frps or jfrps running?" : ""));
        }
        program.closeOnShutdown(log, server::close);
        log.info("jfrps started successfully (configuration {})", p.file());
        // Serve until the JVM is asked to stop; the hook above closes the server, then the JVM halts.
        new CountDownLatch(1).await();
        return 0;
    }

    private static String describe(Throwable t) {
        return CliPreparation.describe(t);
    }

    /** {@code jfrps certs}: a mutual TLS set through {@link CertificateTool}. */
    @Command(name = "certs", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write a new CA, a server certificate and a client certificate (EC P-256, PEM) for "
                    + "mutual TLS into DIR, and print the settings that use them. Existing files are never "
                    + "overwritten.",
                    "With neither --name nor --ip the server certificate is for localhost and 127.0.0.1."})
    static final class Certs implements Callable<Integer> {
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "directory to write into")
        Path dir;

        @Option(names = "--name", paramLabel = "DNS", description = "a DNS name of the server (repeatable)")
        List<String> names = new ArrayList<>();

        @Option(names = "--ip", paramLabel = "IP", description = "an IP address of the server (repeatable)")
        List<String> ips = new ArrayList<>();

        @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
                description = "validity of all three certificates in days; default ${DEFAULT-VALUE}, as the "
                        + "self-signed certificate")
        long days;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CliLogging.applyLevel("warn"); // what was written is printed below, once
            if (days < 1) {
                err.println("jfrps certs: --days must be at least 1, got " + days);
                err.flush();
                return 2;
            }
            List<String> dns = names.isEmpty() && ips.isEmpty() ? List.of("localhost") : names;
            List<String> ip = names.isEmpty() && ips.isEmpty() ? List.of("127.0.0.1") : ips;
            CertificateTool.MutualTlsFiles f;
            try {
                f = CertificateTool.generateMutualTlsSet(dir, dns, ip, Duration.ofDays(days));
            } catch (FileAlreadyExistsException e) {
                err.println("jfrps certs: " + e.getFile() + " already exist(s); " + e.getReason());
                err.flush();
                return 1;
            } catch (IOException | IllegalArgumentException e) {
                err.println("jfrps certs: " + describe(e));
                err.flush();
                return 1;
            }
            List<String> subject = new ArrayList<>(dns);
            subject.addAll(ip);
            out.println("Wrote a CA and certificates for the server (" + String.join(", ", subject)
                    + ") and a client into " + dir + ", valid " + days + " days.");
            out.println();
            out.println("jfrps (frps.toml):");
            out.println("  transport.tls.certFile = " + quote(f.serverCertificate()));
            out.println("  transport.tls.keyFile = " + quote(f.serverKey()));
            out.println("  transport.tls.trustedCaFile = " + quote(f.caCertificate()));
            out.println("jfrpc (frpc.toml):");
            out.println("  transport.tls.certFile = " + quote(f.clientCertificate()));
            out.println("  transport.tls.keyFile = " + quote(f.clientKey()));
            out.println("  transport.tls.trustedCaFile = " + quote(f.caCertificate()));
            out.println("  # when serverAddr is none of " + String.join(", ", subject) + ":");
            out.println("  # transport.tls.serverName = \"" + subject.get(0) + "\"");
            out.println();
            out.println("Keep " + f.caKey() + " away from both machines: it is needed only to issue more "
                    + "certificates.");
            out.flush();
            return 0;
        }

        private static String quote(Path p) {
            String s = p.toAbsolutePath().normalize().toString();
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
