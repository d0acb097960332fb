package io.jfrp.mux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.jfrp.mux.YamuxStreamState.CLOSED;
import static io.jfrp.mux.YamuxStreamState.HALF_CLOSED_LOCAL;
import static io.jfrp.mux.YamuxStreamState.HALF_CLOSED_REMOTE;
import static io.jfrp.mux.YamuxStreamState.OPEN;
import static io.jfrp.mux.YamuxStreamState.RESET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamuxStreamStateTest {
    @Test
    void finsInEitherOrderEndInClosed() {
        assertThat(OPEN.afterFinSent()).isEqualTo(HALF_CLOSED_LOCAL);
        assertThat(HALF_CLOSED_LOCAL.afterFinReceived()).isEqualTo(CLOSED);
        assertThat(OPEN.afterFinReceived()).isEqualTo(HALF_CLOSED_REMOTE);
        assertThat(HALF_CLOSED_REMOTE.afterFinSent()).isEqualTo(CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "OPEN, true, true, false",
            "HALF_CLOSED_LOCAL, false, true, false",
            "HALF_CLOSED_REMOTE, true, false, false",
            "CLOSED, false, false, true",
            "RESET, false, false, true",
    })
    void whichSidesMaySend(YamuxStreamState state, boolean localSideOpen, boolean remoteSideOpen, boolean terminal) {
        assertThat(state.localSideOpen()).isEqualTo(localSideOpen);
        assertThat(state.remoteSideOpen()).isEqualTo(remoteSideOpen);
        assertThat(state.isTerminal()).isEqualTo(terminal);
    }

    @Test
    void aSecondFinInTheSameDirectionIsAnError() {
        assertThatThrownBy(HALF_CLOSED_LOCAL::afterFinSent).isInstanceOf(IllegalStateException.class)
                .hasMessage("FIN sent in state HALF_CLOSED_LOCAL");
        assertThatThrownBy(HALF_CLOSED_REMOTE::afterFinReceived).isInstanceOf(IllegalStateException.class)
                .hasMessage("FIN received in state HALF_CLOSED_REMOTE");
        assertThatThrownBy(RESET::afterFinSent).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(CLOSED::afterFinReceived).isInstanceOf(IllegalStateException.class);
    }
}
