package io.jfrp.server.cli;

import io.jfrp.certs.CertificateTool;
import io.jfrp.config.cli.CliProgram;
import io.jfrp.testkit.CliProgramContract;
import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The jfrps command line ({@link CliProgramContract}'s checks too): verify's exit codes and messages, two-block HOCON files, certs, run failures. */
class JfrpsTest implements CliProgramContract {
    @TempDir
    Path dir;

    @Override
    public CommandLine commandLine() {
        return Jfrps.commandLine();
    }

    @Override
    public String programName() {
        return "jfrps";
    }

    @Test
    void verifyPrintsEveryProblemWithFileLineAndKeyAndExitsOne() throws IOException {
        Path file = write(dir, "frps.toml", """
                bindAddr = "127.0.0.1"
                bindPortt = 7000
                transport.maxPoolCount = "many"
                auth.method = "oidc"
                webServer.assetsDir = "/srv/ui"
                """);

        CliRun r = run("verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(file + ": 4 configuration errors")
                .contains(file + ":2: unknown key 'bindPortt' (did you mean 'bindPort'?)")
                .contains(file + ":3: 'transport.maxPoolCount'")
                .contains(file + ":4: auth.oidc.issuer is required with auth.method = \"oidc\"")
                .contains(file + ":5: 'webServer.assetsDir' is an frp key jfrp does not implement yet");
    }

    @Test
    void verifyPrintsWarningsOfAGoodFile() throws IOException {
        Path file = write(dir, "frps.toml", "BindPort = 7500\n");

        CliRun r = run("verify", "-c", file.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(file + ":1: warning: key 'BindPort' is read as 'bindPort'")
                .contains("syntax is ok");
    }

    @Test
    void verifyTakesTheFileFromTheMainCommandToo() throws IOException {
        Path file = write(dir, "frps.toml", "bindPort = 7001\n");

        CliRun r = run("-c", file.toString(), "verify");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("the configuration file " + file + " syntax is ok");
    }

    @Test
    void legacyIniAndJfrpKeysOfTheServerModule() throws IOException {
        Path ini = write(dir, "frps.ini", "[common]\nbind_port = 7000\nallow_ports = 2000-3000,3001\n");
        Path toml = write(dir, "frps.toml", "jfrp.selfSignedDir = \"tls\"\n");
        Path typo = write(dir, "typo.toml", "jfrp.selfSignDir = \"tls\"\n");

        assertThat(run("verify", "-c", ini.toString()).exitCode()).isZero();
        assertThat(run("verify", "-c", toml.toString()).exitCode())
                .as("jfrp.selfSignedDir is learnt from the reference.conf").isZero();
        CliRun r = run("verify", "-c", typo.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(typo + ":1: unknown key 'jfrp.selfSignDir' (did you mean 'jfrp.selfSignedDir'?)");
    }

    @Test
    void aMuxValueOutOfRangeIsReportedByVerify() throws IOException {
        Path file = write(dir, "frps.toml", "jfrp.mux.max-frame-size = \"1MiB\"\n");

        CliRun r = run("verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(file.toString()).contains("jfrp.mux.max-frame-size");
    }

    @Test
    void aTwoBlockFileReadsTheJfrpsBlockOverTheSharedKeys() throws IOException {
        Path file = write(dir, "application.conf", """
                auth.token = "shared"
                auth.token = ${?JFRP_TEST_VARIABLE_THAT_IS_NOT_SET}
                jfrps {
                  bindAddr = "127.0.0.1"
                  bindPort = 7100
                  bindPort = ${?JFRP_TEST_VARIABLE_THAT_IS_NOT_SET}
                  log.level = "warn"
                }
                jfrpc {
                  serverPort = ${jfrps.bindPort}
                  proxies = [{ name = "p", type = "tcp", localPort = 80 }]
                }
                """);

        var p = CliProgram.JFRPS.prepare(file, new java.io.PrintWriter(System.err, true));

        assertThat(p).isNotNull();
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.config().bindAddr()).isEqualTo("127.0.0.1");
        assertThat(p.config().bindPort()).isEqualTo(7100);
        assertThat(p.config().auth().token()).isEqualTo("shared");
        assertThat(p.config().logLevel()).isEqualTo("warn");
        assertThat(p.config().tls().selfSignedDir()).isEqualTo(dir.resolve(".jfrps-tls"));
    }

    @Test
    void errorsInABlockNameTheUsersFileAndLine() throws IOException {
        Path file = write(dir, "application.conf", """
                jfrps {
                  bindAddr = "127.0.0.1"
                  bindPortt = 7100
                  transport {
                    tls.force = "yes please"
                  }
                }
                jfrpc {
                  serverPortt = 7100
                }
                """);

        CliRun r = run("verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith(file + ": 2 configuration errors")
                .contains(file + ":3: unknown key 'bindPortt' (did you mean 'bindPort'?)")
                .contains(file + ":5: 'transport.tls.force'")
                .doesNotContain("serverPortt")
                .doesNotContain(System.getProperty("java.io.tmpdir") + "/jfrps-");
    }

    @Test
    void aHoconFileWithoutBlocksIsReadAsItIs() throws IOException {
        Path file = write(dir, "frps.conf", "bindPort = 7200\nbindPortt = 1\n");

        CliRun r = run("verify", "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(file + ":2: unknown key 'bindPortt'");
    }

    @Test
    void certsWritesAMutualTlsSetAndNeverOverwritesIt() {
        Path certs = dir.resolve("certs");

        CliRun first = run("certs", "--dir", certs.toString(), "--name", "frp.example.net", "--ip", "10.0.0.1",
                "--days", "30");
        CliRun again = run("certs", "--dir", certs.toString());

        assertThat(first.exitCode()).isZero();
        for (String f : new String[] {CertificateTool.CA_CERTIFICATE, CertificateTool.CA_KEY,
                CertificateTool.SERVER_CERTIFICATE, CertificateTool.SERVER_KEY, CertificateTool.CLIENT_CERTIFICATE,
                CertificateTool.CLIENT_KEY}) {
            assertThat(certs.resolve(f)).isNotEmptyFile();
        }
        assertThat(first.out()).contains("frp.example.net, 10.0.0.1")
                .contains("transport.tls.trustedCaFile = \"" + certs.resolve("ca.crt").toAbsolutePath() + "\"");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("refusing to overwrite");
    }

    @Test
    void aBindPortInUseStopsTheServerWithExitOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = write(dir, "frps.toml", "bindAddr = \"127.0.0.1\"\nbindPort = " + taken.getLocalPort() + "\n");

            CliRun r = run("-c", file.toString());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
