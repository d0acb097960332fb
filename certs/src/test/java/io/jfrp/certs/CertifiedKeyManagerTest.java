package io.jfrp.certs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import java.security.KeyStore;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CertifiedKeyManager} against the JDK's {@code SunX509} key manager over the key store
 * Netty would have built for the same key (alias {@code "key"}): every way to ask for an alias,
 * for keys of both types, self-signed or issued by a CA of either type, with chains of one and of
 * two certificates, every key type the TLS stacks ask for, and issuer lists of every kind, gives
 * the same answer; so do the chain and the key of every alias.
 */
class CertifiedKeyManagerTest {
    static final Duration DAY = Duration.ofDays(1);
    static final char[] PASSWORD = "unused".toCharArray();
    static final List<String> KEY_TYPES = List.of("RSA", "EC", "DH_RSA", "EC_EC", "EC_RSA", "RSA_EC", "RSASSA-PSS",
            "EdDSA", "Ed25519", "DSA", "ec", "EC_", "_EC", "");

    static List<CertifiedKey> keys = new ArrayList<>();
    static List<Principal[]> issuerLists = new ArrayList<>();

    @BeforeAll
    static void keys() {
        CertificateAuthority ecCa = CertificateAuthority.create("ec test CA", KeyAlgorithm.EC_P256, DAY);
        CertificateAuthority rsaCa = CertificateAuthority.create("rsa test CA", KeyAlgorithm.RSA_2048, DAY);
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            keys.add(SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, DAY, algorithm));
            for (CertificateAuthority ca : List.of(ecCa, rsaCa)) {
                CertifiedKey issued = ca.issueServerCertificate(SubjectAltNames.LOCALHOST, DAY, algorithm);
                keys.add(issued);
                keys.add(new CertifiedKey(List.of(issued.certificate(), ca.certificate()), issued.privateKey()));
            }
        }
        X500Principal ecCaName = ecCa.certificate().getSubjectX500Principal();
        X500Principal rsaCaName = rsaCa.certificate().getSubjectX500Principal();
        issuerLists.add(null);
        issuerLists.add(new Principal[0]);
        issuerLists.add(new Principal[]{ecCaName});
        issuerLists.add(new Principal[]{rsaCaName});
        issuerLists.add(new Principal[]{new X500Principal("CN=someone else"), rsaCaName});
        issuerLists.add(new Principal[]{new X500Principal("CN=someone else")});
        // The same name spelled differently: X.500 names compare in their canonical form.
        issuerLists.add(new Principal[]{new X500Principal(ecCaName.getName().toUpperCase(java.util.Locale.ROOT))});
        // Principals that are not X500Principals, converted by name (or skipped when not a name).
        issuerLists.add(new Principal[]{named(ecCaName.getName())});
        issuerLists.add(new Principal[]{named("not an X.500 name ==="), named(rsaCaName.getName())});
        issuerLists.add(new Principal[]{named("not an X.500 name ===")});
    }

    @Test
    void choosesWhatTheJdksSunX509KeyManagerChooses() throws Exception {
        int compared = 0;
        int chosen = 0;
        for (CertifiedKey key : keys) {
            X509ExtendedKeyManager jdk = sunX509(key);
            CertifiedKeyManager ours = new CertifiedKeyManager(key);
            for (String type : KEY_TYPES) {
                for (Principal[] issuers : issuerLists) {
                    String what = key.certificate().getSubjectX500Principal() + " issued by "
                            + key.certificate().getIssuerX500Principal() + " (chain of " + key.chain().size()
                            + ", " + key.certificate().getSigAlgName() + "), type '" + type + "', issuers "
                            + Arrays.toString(issuers);
                    String expected = jdk.chooseServerAlias(type, issuers, null);
                    assertThat(ours.chooseServerAlias(type, issuers, null)).as(what).isEqualTo(expected);
                    assertThat(ours.chooseEngineServerAlias(type, issuers, null)).as(what)
                            .isEqualTo(jdk.chooseEngineServerAlias(type, issuers, null));
                    assertThat(ours.getServerAliases(type, issuers)).as(what).isEqualTo(jdk.getServerAliases(type, issuers));
                    assertThat(ours.getClientAliases(type, issuers)).as(what).isEqualTo(jdk.getClientAliases(type, issuers));
                    String[] types = {"DSA", type};
                    assertThat(ours.chooseClientAlias(types, issuers, null)).as(what)
                            .isEqualTo(jdk.chooseClientAlias(types, issuers, null));
                    assertThat(ours.chooseEngineClientAlias(types, issuers, null)).as(what)
                            .isEqualTo(jdk.chooseEngineClientAlias(types, issuers, null));
                    compared++;
                    if (expected != null) {
                        chosen++;
                    }
                }
            }
            for (String alias : new String[]{CertifiedKeyManager.ALIAS, "other", null}) {
                assertThat(ours.getCertificateChain(alias)).isEqualTo(jdk.getCertificateChain(alias));
                assertThat(ours.getPrivateKey(alias)).isEqualTo(jdk.getPrivateKey(alias));
            }
        }
        // Both answers occur, or the comparison would prove little.
        assertThat(chosen).isGreaterThan(50).isLessThan(compared - 50);
        assertThat(new CertifiedKeyManager(keys.get(0)).chooseServerAlias(null, null, null)).isNull();
        assertThat(new CertifiedKeyManager(keys.get(0)).chooseClientAlias(null, null, null)).isNull();
    }

    @Test
    void theChainItHandsOutIsACopy() {
        CertifiedKey key = keys.get(2);
        CertifiedKeyManager manager = new CertifiedKeyManager(key);
        manager.getCertificateChain(CertifiedKeyManager.ALIAS)[0] = null;
        assertThat(manager.getCertificateChain(CertifiedKeyManager.ALIAS)).containsExactlyElementsOf(key.chain());
    }

    /** The JDK's key manager over the key store Netty builds for a key and its chain. */
    private static X509ExtendedKeyManager sunX509(CertifiedKey key) throws Exception {
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        store.setKeyEntry(CertifiedKeyManager.ALIAS, key.privateKey(), PASSWORD,
                key.chain().toArray(new java.security.cert.X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
        factory.init(store, PASSWORD);
        return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    }

    private static Principal named(String name) {
        return new Principal() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String toString() {
                return "Principal(" + name + ")";
            }
        };
    }
}
