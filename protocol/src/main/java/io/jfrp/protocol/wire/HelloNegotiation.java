package io.jfrp.protocol.wire;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rules of the v2 hellos, as stock frp 0.70 applies them.
 *
 * <h3>Server</h3>
 * The ClientHello must list "json" among its codecs, carry a 32-byte client random, and offer an
 * algorithm the server supports; the server selects the first such algorithm in the client's order.
 * Otherwise it answers {@link ServerHello#failure} and closes. The texts of the refusals are stock
 * frps's.
 *
 * <h3>Client</h3>
 * The ServerHello must have no error, codec "json", an algorithm that exists and that the client
 * offered, and a 32-byte server random.
 */
public final class HelloNegotiation {
    /** The only message codec. */
    public static final String CODEC_JSON = "json";
    /** Length of the client and server randoms. */
    public static final int RANDOM_LENGTH = 32;

    private HelloNegotiation() {
    }

    /** A ClientHello offering {@code algorithms} in that order, codec "json" and a fresh random. */
    public static ClientHello clientHello(ClientHello.Bootstrap bootstrap, List<AeadAlgorithm> algorithms,
                                          SecureRandom random) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a ClientHello must offer at least one algorithm");
        }
        byte[] clientRandom = new byte[RANDOM_LENGTH];
        random.nextBytes(clientRandom);
        List<String> names = new ArrayList<>(algorithms.size());
        algorithms.forEach(a -> names.add(a.wireName()));
        return new ClientHello(bootstrap, new ClientHello.Capabilities(
                new ClientHello.MessageCapabilities(List.of(CODEC_JSON)),
                new ClientHello.CryptoCapabilities(names, HelloRandom.of(clientRandom))));
    }

    /**
     * The server's ServerHello for {@code hello}: a selection, or a {@link ServerHello#failure}
     * (check {@link ServerHello#error()}).
     *
     * @param supported the algorithms this server accepts (stock: both)
     */
    public static ServerHello answer(ClientHello hello, Collection<AeadAlgorithm> supported, SecureRandom random) {
        ClientHello.CryptoCapabilities crypto = hello.capabilities().crypto();
        if (!hello.capabilities().message().codecs().contains(CODEC_JSON)) {
            return ServerHello.failure("unsupported message codec");
        }
        int randomLength = crypto.clientRandom().length();
        if (randomLength != RANDOM_LENGTH) {
            return ServerHello.failure("invalid crypto client random length " + randomLength + ", want "
                    + RANDOM_LENGTH);
        }
        AeadAlgorithm selected = null;
        for (String name : crypto.algorithms()) {
            AeadAlgorithm a = AeadAlgorithm.forWireNameOrNull(name);
            if (a != null && supported.contains(a)) {
                selected = a;
                break;
            }
        }
        if (selected == null) {
            return ServerHello.failure("no supported crypto algorithm");
        }
        byte[] serverRandom = new byte[RANDOM_LENGTH];
        random.nextBytes(serverRandom);
        return new ServerHello(new ServerHello.Selection(new ServerHello.MessageSelection(CODEC_JSON),
                new ServerHello.CryptoSelection(selected.wireName(), HelloRandom.of(serverRandom))), "");
    }

    /**
     * The client's check of the server's answer to {@code sent}.
     *
     * @return the selected algorithm
     * @throws WireHandshakeException naming what the server did wrong, or carrying its error
     */
    public static AeadAlgorithm accept(ClientHello sent, ServerHello received) {
        if (!received.error().isEmpty()) {
            throw new WireHandshakeException(WireHandshakeException.Reason.REFUSED_BY_SERVER, received.error());
        }
        String codec = received.selected().message().codec();
        if (!CODEC_JSON.equals(codec)) {
            throw new WireHandshakeException(WireHandshakeException.Reason.UNSUPPORTED_CODEC,
                    "unsupported selected message codec: " + codec);
        }
        ServerHello.CryptoSelection crypto = received.selected().crypto();
        AeadAlgorithm algorithm = AeadAlgorithm.forWireNameOrNull(crypto.algorithm());
        if (algorithm == null) {
            throw new WireHandshakeException(WireHandshakeException.Reason.UNKNOWN_ALGORITHM,
                    "unknown selected crypto algorithm: " + crypto.algorithm());
        }
        if (!sent.capabilities().crypto().algorithms().contains(crypto.algorithm())) {
            throw new WireHandshakeException(WireHandshakeException.Reason.ALGORITHM_NOT_OFFERED,
                    "selected crypto algorithm was not advertised by client: " + crypto.algorithm());
        }
        int randomLength = crypto.serverRandom().length();
        if (randomLength != RANDOM_LENGTH) {
            throw new WireHandshakeException(WireHandshakeException.Reason.INVALID_RANDOM,
                    "invalid crypto server random length " + randomLength + ", want " + RANDOM_LENGTH);
        }
        return algorithm;
    }
}
