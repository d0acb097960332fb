package io.jfrp.client.cli;

import io.jfrp.config.model.proxy.TcpProxyConfig;
import io.jfrp.config.cli.CliProgram;
import io.jfrp.testkit.CliProgramContract;
import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The jfrpc command line ({@link CliProgramContract}'s checks too): verify's exit codes and messages, two-block HOCON files, loginFailExit. */
class JfrpcTest implements CliProgramContract {
    @TempDir
    Path dir;

    @Override
    public CommandLine commandLine() {
        return Jfrpc.commandLine();
    }

    @Override
    public String programName() {
        return "jfrpc";
    }

    @Test
    void verifyPrintsEveryProblemWithFileLineAndKeyAndExitsOne() throws IOException {
        Path file = write(dir, "frpc.toml", """
                serverAddr = "127.0.0.1"
                serverPort = 70000
                dnsServer = "8.8.8.8"
                [[proxies]]
                name = "ssh"
                type = "tcp"
                localPortt = 22
                """);

        CliRun r = run("verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(file + ": ")
                .contains(file + ":2: 'serverPort'")
                .contains("70000")
                .contains(file + ":7: unknown key 'proxies[0].localPortt' (did you mean 'proxies[0].localPort'?)")
                .contains(file + ":3: 'dnsServer' is an frp key jfrp does not implement yet");
    }

    /**
     * An http proxy without customDomains and subdomain: stock frpc 0.70 prints {@code proxy web:
     * subdomain and custom domains should not be both empty} and exits 1, for verify and a start
     * alike; jfrpc gives the same text in its file:line form and exits 1 without starting.
     */
    @Test
    void aNameRoutedProxyWithoutDomainsIsRefusedAsFrpcRefusesIt() throws IOException {
        Path file = write(dir, "frpc.toml", """
                serverAddr = "127.0.0.1"
                serverPort = 7000
                [[proxies]]
                name = "web"
                type = "http"
                localPort = 80
                """);

        for (String[] args : new String[][]{{"verify", "-c", file.toString()}, {"-c", file.toString()}}) {
            CliRun r = run(args);

            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", args))
                    .contains(file + ":3: proxy 'web': subdomain and custom domains should not be both empty");
        }
    }

    @Test
    void aTwoBlockFileReadsTheJfrpcBlockWithSubstitutionsAcrossBlocks() throws IOException {
        Path file = write(dir, "application.conf", """
                auth.token = "shared"
                jfrps {
                  bindPort = 7100
                }
                jfrpc {
                  serverAddr = "127.0.0.1"
                  serverPort = ${jfrps.bindPort}
                  loginFailExit = false
                  proxies = [
                    { name = "web", type = "tcp", localPort = 8080, remotePort = 6000 }
                    { name = "db", type = "tcp", localPort = 5432, localPort = ${?JFRP_TEST_VARIABLE_THAT_IS_NOT_SET} }
                  ]
                }
                """);

        var p = CliProgram.JFRPC.prepare(file, new PrintWriter(System.err, true));

        assertThat(p).isNotNull();
        assertThat(p.config().serverPort()).isEqualTo(7100);
        assertThat(p.config().auth().token()).isEqualTo("shared");
        assertThat(p.config().loginFailExit()).isFalse();
        assertThat(p.config().proxies()).extracting(o -> o.name() + ":" + o.base().localPort() + ":" + ((TcpProxyConfig) o).remotePort())
                .containsExactly("web:8080:6000", "db:5432:0");
    }

    @Test
    void errorsInABlockNameTheUsersFileAndLine() throws IOException {
        Path file = write(dir, "application.conf", """
                jfrps {
                  bindPortt = 7100
                }
                jfrpc {
                  serverAddr = "127.0.0.1"
                  proxies = [
                    {
                      name = "web"
                      type = "tcp"
                      localPort = "eighty"
                    }
                  ]
                }
                """);

        CliRun r = run("verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith(file + ": 1 configuration error")
                .contains(file + ":10: 'proxies[0].localPort'")
                .doesNotContain("bindPortt");
    }

    @Test
    void aFailedFirstLoginWithLoginFailExitExitsOneWithTheReason() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Path file = write(dir, "frpc.toml", "serverAddr = \"127.0.0.1\"\nserverPort = " + closedPort
                + "\ntransport.dialServerTimeout = 3\n");

        CliRun r = run("-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("jfrpc: login to 127.0.0.1:" + closedPort + " failed: ")
                .contains("loginFailExit = true");
    }
}
