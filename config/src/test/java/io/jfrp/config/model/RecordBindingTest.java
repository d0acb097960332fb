package io.jfrp.config.model;

import io.jfrp.config.model.proxy.NatTraversal;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.proxy.XtcpProxyConfig;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.config.model.visitor.VisitorType;
import io.jfrp.config.model.visitor.XtcpVisitorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The record-to-builder mapping every proxy and visitor type goes through. */
class RecordBindingTest {
    /** A builder with a field {@code count} but not {@code label}. */
    static final class Builder {
        int count = 7;
    }

    record Base(String name) {
    }

    record Counted(Base base, int count) {
    }

    record Labelled(Base base, String label) {
    }

    record NoBase(int count) {
    }

    @Test
    void createsTheRecordFromTheBuilderFieldsOfTheSameNameAndCopiesThemBack() {
        RecordBinding<Counted> binding = RecordBinding.of(MethodHandles.lookup(), Counted.class, Builder.class);
        Counted made = binding.create(new Base("a"), new Builder());
        assertThat(made).isEqualTo(new Counted(new Base("a"), 7));

        Builder target = new Builder();
        binding.copy(new Counted(new Base("b"), 42), target);
        assertThat(target.count).isEqualTo(42);
    }

    @Test
    void aComponentWithoutABuilderFieldFailsAtOnceNamingTheRecord() {
        assertThatThrownBy(() -> RecordBinding.of(MethodHandles.lookup(), Labelled.class, Builder.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Labelled does not match the fields of Builder");
        assertThatThrownBy(() -> RecordBinding.of(MethodHandles.lookup(), NoBase.class, Builder.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("NoBase: the first component must be base");
    }

    @Test
    void whatTheRecordsConstructorThrowsPassesUnchanged() {
        assertThatThrownBy(() -> ProxyBuilder.tcp("p", "127.0.0.1", 80, 70000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remotePort");
    }

    @ParameterizedTest
    @EnumSource(ProxyType.class)
    void everyProxyTypeRoundTripsThroughItsBuilder(ProxyType type) {
        ProxyConfig built = ProxyBuilder.of(type, "p").local("10.0.0.1", 22).remotePort(6000)
                .customDomains(List.of("a.example")).subdomain("s").locations(List.of("/x"))
                .basicAuth("u", "pw").hostHeaderRewrite("h").requestHeaders(Map.of("k", "v"))
                .responseHeaders(Map.of("r", "w")).routeByHTTPUser("u").multiplexer("httpconnect")
                .secretKey("sk").allowUsers(List.of("*")).natTraversal(new NatTraversal(true)).build();
        assertThat(built.type()).isEqualTo(type);
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void anXtcpProxyKeepsItsOwnFields() {
        XtcpProxyConfig xtcp = (XtcpProxyConfig) ProxyBuilder.of(ProxyType.XTCP, "x").secretKey("sk")
                .allowUsers(List.of("bob")).natTraversal(new NatTraversal(true)).remotePort(9).build();
        assertThat(xtcp.secretKey()).isEqualTo("sk");
        assertThat(xtcp.allowUsers()).containsExactly("bob");
        assertThat(xtcp.natTraversal().disableAssistedAddrs()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(VisitorType.class)
    void everyVisitorTypeRoundTripsThroughItsBuilder(VisitorType type) {
        VisitorConfig built = VisitorBuilder.of(type, "v").server("alice", "p").secretKey("sk")
                .bind("127.0.0.2", 9000).tunnel("kcp", true).retries(3, 30).fallback("other", 500)
                .natTraversal(new NatTraversal(true)).build();
        assertThat(built.type()).isEqualTo(type);
        assertThat(built.toBuilder().build()).isEqualTo(built);
        if (built instanceof XtcpVisitorConfig xtcp) {
            assertThat(xtcp).isEqualTo(new XtcpVisitorConfig(xtcp.base(), "kcp", true, 3, 30, "other", 500,
                    new NatTraversal(true)));
        }
    }
}
