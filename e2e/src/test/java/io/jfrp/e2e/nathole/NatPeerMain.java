package io.jfrp.e2e.nathole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.kcp.KcpChannel;
import io.jfrp.kcp.KcpClient;
import io.jfrp.kcp.KcpConfig;
import io.jfrp.nathole.HostPort;
import io.jfrp.nathole.NatClassifier;
import io.jfrp.nathole.NatFeature;
import io.jfrp.nathole.discovery.DiscoveryReport;
import io.jfrp.nathole.discovery.DiscoveryResult;
import io.jfrp.nathole.discovery.LocalAddresses;
import io.jfrp.nathole.discovery.NatDiscovery;
import io.jfrp.nathole.discovery.NatHolePreparer;
import io.jfrp.nathole.discovery.PreparedHole;
import io.jfrp.nathole.punch.HolePuncher;
import io.jfrp.nathole.punch.PunchResult;
import io.jfrp.nathole.punch.UdpSockets;
import io.jfrp.protocol.codec.MessageJson;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.testkit.HashingReader;
import io.netty.buffer.Unpooled;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One side of xtcp in its own JVM inside a network namespace (started by {@link NatPeer}), driven
 * by the test over standard input and output, one JSON object per line each way. It runs our real
 * code there: discovery from the namespace's own interfaces and addresses, preparation, punching,
 * and KCP (conv 1, frp's xtcp settings) over the punched socket.
 *
 * <p>Commands: {@code discover}, {@code prepare}, {@code punch}, {@code kcp-echo}, {@code kcp-send},
 * {@code close}; every answer carries the request's {@code id} and {@code ok}.
 */
public final class NatPeerMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UdpSockets sockets = UdpSockets.create();
    private final NatDiscovery discovery = new NatDiscovery(sockets);
    private final HolePuncher puncher = new HolePuncher(sockets);
    private PreparedHole prepared;
    private java.net.DatagramSocket listener;
    private PunchResult punched;
    private KcpChannel kcp;

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8)); // only answers on stdout
        NatPeerMain peer = new NatPeerMain();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            JsonNode request = JSON.readTree(line);
            ObjectNode answer = JSON.createObjectNode();
            answer.put("id", request.path("id").asInt());
            try {
                peer.handle(request, answer);
                answer.put("ok", true);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.ExecutionException
                        ? e.getCause() : e;
                answer.put("ok", false);
                answer.put("error", String.valueOf(cause.getMessage()));
                cause.printStackTrace();
            }
            out.println(JSON.writeValueAsString(answer));
        }
        peer.sockets.close();
    }

    private void handle(JsonNode r, ObjectNode answer) throws Exception {
        switch (r.path("cmd").asText()) {
            case "discover" -> discover(r, answer);
            case "prepare" -> prepare(r, answer);
            case "punch" -> punch(r, answer);
            case "kcp-echo" -> kcpEcho(r, answer);
            case "kcp-send" -> kcpSend(r, answer);
            case "udp-open" -> udpOpen(answer);
            case "udp-count" -> udpCount(answer);
            case "close" -> close();
            default -> throw new IllegalArgumentException("unknown command " + r.path("cmd"));
        }
    }

    /** What {@code frpc nathole discover} does, printed the same way. */
    private void discover(JsonNode r, ObjectNode answer) throws Exception {
        String server = r.path("stun").asText();
        DiscoveryResult found = discovery.discover(NatDiscovery.parseServer(server)).get(15, TimeUnit.SECONDS);
        found.channel().close().sync();
        List<String> localIps = LocalAddresses.system().localIps(LocalAddresses.MAX_ASSISTED);
        answer.set("mapped", JSON.valueToTree(found.mappedAddrs()));
        answer.set("localIps", JSON.valueToTree(localIps));
        if (found.mappedAddrs().size() >= 2) {
            NatFeature f = NatClassifier.classify(found.mappedAddrs(), localIps);
            feature(answer, f);
            answer.put("report", DiscoveryReport.format(server, found.mappedAddrs(), found.localAddress(), f));
        }
    }

    private void prepare(JsonNode r, ObjectNode answer) throws Exception {
        close();
        prepared = new NatHolePreparer(discovery, LocalAddresses.system())
                .prepare(NatDiscovery.parseServer(r.path("stun").asText()), r.path("disableAssisted").asBoolean())
                .get(15, TimeUnit.SECONDS);
        answer.set("mapped", JSON.valueToTree(prepared.mappedAddrs()));
        answer.set("assisted", JSON.valueToTree(prepared.assistedAddrs()));
        feature(answer, prepared.feature());
    }

    private void punch(JsonNode r, ObjectNode answer) throws Exception {
        if (prepared == null) {
            throw new IllegalStateException("punch before prepare");
        }
        byte[] body = JSON.writeValueAsBytes(r.path("resp"));
        NatHoleResp resp = (NatHoleResp) MessageJson.read(MessageType.NAT_HOLE_RESP, body, 0, body.length);
        long start = System.nanoTime();
        var punch = puncher.punch(prepared.channel(), resp, r.path("key").asText());
        prepared = null; // the punch owns the socket now
        try {
            punched = punch.get(120, TimeUnit.SECONDS);
            answer.put("peer", HostPort.format(punched.peer()));
            answer.put("localPort", ((java.net.InetSocketAddress) punched.channel().localAddress()).getPort());
            answer.put("probesSent", punched.probesSent());
            answer.put("sockets", punched.sockets());
        } finally {
            answer.put("elapsedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** Runs KCP on the punched socket and echoes until {@code bytes} came back out. */
    private void kcpEcho(JsonNode r, ObjectNode answer) throws Exception {
        long bytes = r.path("bytes").asLong();
        HashingReader echo = HashingReader.echoing(bytes);
        kcp = KcpClient.attach(punched.channel(), punched.peer(), 1, KcpConfig.frpXtcp(), echo).get(5, TimeUnit.SECONDS);
        answer.put("sha256", echo.done.get(60, TimeUnit.SECONDS));
    }

    /** Runs KCP on the punched socket, sends {@code bytes} seeded random bytes, hashes the echo. */
    private void kcpSend(JsonNode r, ObjectNode answer) throws Exception {
        int bytes = r.path("bytes").asInt();
        byte[] data = new byte[bytes];
        new Random(r.path("seed").asLong()).nextBytes(data);
        HashingReader collector = HashingReader.collecting(bytes);
        kcp = KcpClient.attach(punched.channel(), punched.peer(), 1, KcpConfig.frpXtcp(), collector)
                .get(5, TimeUnit.SECONDS);
        for (int off = 0; off < bytes; off += 16384) {
            kcp.write(Unpooled.wrappedBuffer(data, off, Math.min(16384, bytes - off)));
        }
        kcp.flush();
        answer.put("sentSha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        answer.put("echoSha256", collector.done.get(60, TimeUnit.SECONDS));
    }

    /** Opens a plain UDP socket on a free port that counts what arrives (for the TTL check). */
    private void udpOpen(ObjectNode answer) throws Exception {
        listener = new java.net.DatagramSocket(0);
        answer.put("port", listener.getLocalPort());
    }

    /** How many datagrams the socket from {@code udp-open} got within 500 ms of quiet; closes it. */
    private void udpCount(ObjectNode answer) throws Exception {
        int count = 0;
        listener.setSoTimeout(500);
        try {
            while (true) {
                listener.receive(new java.net.DatagramPacket(new byte[2048], 2048));
                count++;
            }
        } catch (java.net.SocketTimeoutException e) {
            // quiet
        } finally {
            listener.close();
        }
        answer.put("count", count);
    }

    private void close() throws InterruptedException {
        if (kcp != null) {
            kcp.close().await(5, TimeUnit.SECONDS);
            kcp = null;
        }
        if (punched != null) {
            punched.channel().close().await(5, TimeUnit.SECONDS);
            punched = null;
        }
        if (prepared != null) {
            prepared.channel().close().await(5, TimeUnit.SECONDS);
            prepared = null;
        }
    }

    private static void feature(ObjectNode answer, NatFeature f) {
        answer.put("natType", f.natType().wireName());
        answer.put("behavior", f.behavior().wireName());
        answer.put("portsDifference", f.portsDifference());
        answer.put("regular", f.regularPortsChange());
        answer.put("publicNetwork", f.publicNetwork());
    }
}
