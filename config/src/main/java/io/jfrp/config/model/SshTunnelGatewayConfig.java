package io.jfrp.config.model;

import java.nio.file.Path;

/**
 * frps' {@code sshTunnelGateway}: an SSH server through which {@code ssh -R} publishes proxies
 * without frpc.
 *
 * @param bindPort              its port; 0 = off
 * @param privateKeyFile        the host key (OpenSSH or PEM), or null
 * @param autoGenPrivateKeyPath without privateKeyFile: where a host key is kept, made on first start
 * @param authorizedKeysFile    OpenSSH authorized_keys whose keys may log in (each key's comment is the
 *                              frp user of its proxies), or null: any client is accepted
 */
public record SshTunnelGatewayConfig(int bindPort, Path privateKeyFile, Path autoGenPrivateKeyPath,
                                     Path authorizedKeysFile) {
    /** Off, frp's defaults otherwise. */
    public static final SshTunnelGatewayConfig OFF = new SshTunnelGatewayConfig(0, null, Path.of("./.autogen_ssh_key"), null);

    public SshTunnelGatewayConfig {
        Fields.port(bindPort, "sshTunnelGateway.bindPort");
        autoGenPrivateKeyPath = autoGenPrivateKeyPath == null ? Path.of("./.autogen_ssh_key") : autoGenPrivateKeyPath;
    }

    /** Whether the gateway runs. */
    public boolean enabled() {
        return bindPort != 0;
    }
}
