package io.jfrp.config.schema;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema's record of frp's defaults and jfrp's reference.conf must not drift apart. */
class FrpSchemaTest {
    /** Implemented keys whose default frp derives from other keys; reference.conf leaves them unset. */
    private static final Set<String> DERIVED = Set.of("proxyBindAddr", "transport.heartbeatTimeout",
            "transport.heartbeatInterval", "allowPorts", "proxies", "visitors", "httpPlugins",
            // optional settings with no default: set, or not there at all
            "auth.tokenSource.type", "auth.tokenSource.file.path", "auth.tokenSource.exec.command",
            "auth.tokenSource.exec.args", "auth.tokenSource.exec.env", "auth.oidc.issuer", "auth.oidc.audience",
            "auth.oidc.skipExpiryCheck", "auth.oidc.skipIssuerCheck", "auth.oidc.clientID", "auth.oidc.clientSecret",
            "auth.oidc.scope", "auth.oidc.tokenEndpointURL", "auth.oidc.additionalEndpointParams");

    @Test
    void referenceConfHasFrpsDefaultForEveryImplementedServerKey() {
        check(FrpSchema.SERVER, ConfigFactory.defaultReference().getConfig("jfrps"));
    }

    @Test
    void referenceConfHasFrpsDefaultForEveryImplementedClientKey() {
        check(FrpSchema.CLIENT, ConfigFactory.defaultReference().getConfig("jfrpc"));
    }

    @Test
    void declaredJfrpKeysHaveDefaults() {
        Config jfrps = ConfigFactory.defaultReference().getConfig("jfrps");
        for (ConfigKey k : FrpSchema.SERVER_JFRP.keys()) {
            assertThat(jfrps.hasPath("jfrp." + k.path())).as("jfrps.jfrp.%s", k.path()).isTrue();
        }
    }

    private static void check(ConfigScope scope, Config reference) {
        for (ConfigKey k : scope.keys()) {
            if (k.support() != Support.IMPLEMENTED || DERIVED.contains(k.path())) {
                continue;
            }
            assertThat(reference.hasPath(k.path())).as("%s has a default in reference.conf", k.path()).isTrue();
            String actual = String.valueOf(reference.getValue(k.path()).unwrapped());
            if (k.type() == KeyType.STRING_LIST) {
                assertThat(reference.getStringList(k.path())).as(k.path()).isEmpty();
            } else if (!k.frpDefault().isEmpty() && !k.frpDefault().contains(" ")) {
                assertThat(actual).as("reference.conf %s against frp's default", k.path()).isEqualTo(k.frpDefault());
            }
        }
    }

    @Test
    void everyScopeKnowsItsTables() {
        assertThat(FrpSchema.SERVER.isTable("transport.tls")).isTrue();
        assertThat(FrpSchema.SERVER.key("transport.tls.force").type()).isEqualTo(KeyType.BOOL);
        assertThat(FrpSchema.CLIENT.key("proxies").element()).isSameAs(FrpSchema.PROXY);
        assertThat(FrpSchema.PROXY.key("remotePort").appliesTo("tcp")).isTrue();
        assertThat(FrpSchema.PROXY.key("remotePort").appliesTo("http")).isFalse();
        assertThat(FrpSchema.PROXY.canonicalChild("", "localip")).isEqualTo("localIP");
    }
}
