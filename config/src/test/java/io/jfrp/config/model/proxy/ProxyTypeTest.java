package io.jfrp.config.model.proxy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** What the type list itself says about each type. */
class ProxyTypeTest {
    @Test
    void theTypesRoutedByNameAreThoseWhoseRecordsCarryDomains() {
        assertThat(Arrays.stream(ProxyType.values()).filter(ProxyType::domainRouted).map(ProxyType::frpName))
                .containsExactly("http", "https", "tcpmux");
    }
}
