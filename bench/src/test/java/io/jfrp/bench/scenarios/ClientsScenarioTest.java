package io.jfrp.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How the clients scenario splits its clients into the warm-up fleet and the measured one. */
class ClientsScenarioTest {

    @Test
    void aTenthOfTheClientsWarmUpAndAtLeastOneIsLeftToMeasure() {
        assertThat(ClientsScenario.warmUpClients(1000)).isEqualTo(100);
        assertThat(ClientsScenario.warmUpClients(20)).isEqualTo(2);
        assertThat(ClientsScenario.warmUpClients(9)).isEqualTo(1);
        assertThat(ClientsScenario.warmUpClients(2)).isEqualTo(1);
    }

    @Test
    void fewerThanTwoClientsCannotBeMeasured() {
        assertThatThrownBy(() -> ClientsScenario.warmUpClients(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 clients");
    }
}
