package io.jfrp.mux;

import org.junit.jupiter.api.Test;

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

    @Test
    void whichSidesMaySend() {
        assertThat(OPEN.localSideOpen()).isTrue();
        assertThat(OPEN.remoteSideOpen()).isTrue();
        assertThat(HALF_CLOSED_LOCAL.localSideOpen()).isFalse();
        assertThat(HALF_CLOSED_LOCAL.remoteSideOpen()).isTrue();
        assertThat(HALF_CLOSED_REMOTE.localSideOpen()).isTrue();
        assertThat(HALF_CLOSED_REMOTE.remoteSideOpen()).isFalse();
        for (YamuxStreamState ended : new YamuxStreamState[] {CLOSED, RESET}) {
            assertThat(ended.localSideOpen()).isFalse();
            assertThat(ended.remoteSideOpen()).isFalse();
            assertThat(ended.isTerminal()).isTrue();
        }
        assertThat(OPEN.isTerminal()).isFalse();
        assertThat(HALF_CLOSED_LOCAL.isTerminal()).isFalse();
        assertThat(HALF_CLOSED_REMOTE.isTerminal()).isFalse();
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
