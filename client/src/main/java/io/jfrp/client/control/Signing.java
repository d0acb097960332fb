package io.jfrp.client.control;

import io.jfrp.protocol.auth.AuthSigner;
import io.jfrp.protocol.msg.Message;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends a message once the authentication method has signed it. frp's token method signs at once,
 * on the caller's event loop; a method whose signing may block ({@link AuthSigner#blocks()}: OIDC
 * asks its provider for a token) signs on a thread of its own, and the message is written on the
 * channel's loop when it is ready, so no event loop ever waits for the provider. Stateless but for
 * that shared daemon pool.
 */
final class Signing {
    private static final Logger log = LoggerFactory.getLogger(Signing.class);
    private static final ExecutorService SIGNERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jfrpc-auth");
        t.setDaemon(true);
        return t;
    });

    private Signing() {
    }

    /**
     * Writes what {@code sign} gives to {@code ch}; when signing fails, {@code onFailure} runs on the
     * channel's loop with the reason instead.
     */
    static void send(Channel ch, AuthSigner signer, Supplier<? extends Message> sign, Consumer<RuntimeException> onFailure) {
        if (!signer.blocks()) {
            ch.writeAndFlush(sign.get());
            return;
        }
        SIGNERS.execute(() -> {
            Message signed;
            try {
                signed = sign.get();
            } catch (RuntimeException e) {
                ch.eventLoop().execute(() -> onFailure.accept(e));
                return;
            }
            ch.eventLoop().execute(() -> {
                ChannelFuture f = ch.writeAndFlush(signed);
                f.addListener(w -> {
                    if (!w.isSuccess()) {
                        log.debug("could not send {}: {}", signed.type(), w.cause().toString());
                    }
                });
            });
        });
    }
}
