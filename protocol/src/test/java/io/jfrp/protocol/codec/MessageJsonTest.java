package io.jfrp.protocol.codec;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.jfrp.protocol.msg.ClientSpec;
import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.NatHoleDetectBehavior;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.NewVisitorConnResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.PortsRange;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON bodies. Every expected string below is the output of Go's {@code encoding/json}
 * (go1.19, Debian 12) marshalling frp's {@code pkg/msg} structs with the same field values.
 */
class MessageJsonTest {

    private static String json(Message m) {
        return new String(MessageJson.write(m), StandardCharsets.UTF_8);
    }

    private static Message read(MessageType type, String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return MessageJson.read(type, b, 0, b.length);
    }

    /** A login as stock frpc 0.61.1 sends it, and its body as Go writes it. */
    private static final Login STOCK_LOGIN = Login.builder().version("0.61.1").os("linux").arch("amd64")
            .privilegeKey("22bd6333f840eeeee03ad14f75fd96ac").timestamp(1700000000).poolCount(1).build();
    private static final String STOCK_LOGIN_JSON = "{\"version\":\"0.61.1\",\"os\":\"linux\",\"arch\":\"amd64\","
            + "\"privilege_key\":\"22bd6333f840eeeee03ad14f75fd96ac\",\"timestamp\":1700000000,"
            + "\"client_spec\":{},\"pool_count\":1}";

    @Test
    void loginAsStockFrpcSendsIt() {
        assertThat(json(STOCK_LOGIN)).isEqualTo(STOCK_LOGIN_JSON);
    }

    @Test
    void preparingEveryTypeAheadChangesNoBody() {
        MessageJson.prepare(EnumSet.allOf(MessageType.class));
        assertThat(json(STOCK_LOGIN)).isEqualTo(STOCK_LOGIN_JSON);
        assertThat(read(MessageType.NEW_WORK_CONN, "{\"run_id\":\"abc\"}")).isEqualTo(NewWorkConn.of("abc"));
    }

    @Test
    void loginWithEveryFieldAndGoMapOrder() {
        Map<String, String> metas = new LinkedHashMap<>();
        metas.put("zeta", "1");
        metas.put("alpha", "2");
        metas.put("Beta", "3");
        metas.put("é", "4");
        Login login = Login.builder().version("0.61.1").hostname("h").user("alice").timestamp(1).runId("r1")
                .clientId("c").metas(metas).clientSpec(new ClientSpec("ssh-tunnel", true)).poolCount(5).build();
        assertThat(json(login)).isEqualTo("{\"version\":\"0.61.1\",\"hostname\":\"h\",\"user\":\"alice\","
                + "\"timestamp\":1,\"run_id\":\"r1\",\"client_id\":\"c\","
                + "\"metas\":{\"Beta\":\"3\",\"alpha\":\"2\",\"zeta\":\"1\",\"é\":\"4\"},"
                + "\"client_spec\":{\"type\":\"ssh-tunnel\",\"always_auth_pass\":true},\"pool_count\":5}");
    }

    @Test
    void emptyLoginStillHasClientSpecBecauseGoNeverOmitsAStruct() {
        assertThat(json(Login.builder().build())).isEqualTo("{\"client_spec\":{}}");
    }

    @Test
    void httpProxyWithHtmlEscapingAndSortedHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-B", "2");
        headers.put("X-A", "1");
        NewProxy p = NewProxy.builder("alice.web", "http").useEncryption(true).useCompression(true)
                .customDomains(List.of("a.example.com", "b.example.com")).subdomain("web")
                .locations(List.of("/", "/api")).httpUser("u").httpPwd("p<&>").hostHeaderRewrite("in")
                .headers(headers).responseHeaders(Map.of("X-R", "r")).routeByHttpUser("u").build();
        assertThat(json(p)).isEqualTo("{\"proxy_name\":\"alice.web\",\"proxy_type\":\"http\","
                + "\"use_encryption\":true,\"use_compression\":true,"
                + "\"custom_domains\":[\"a.example.com\",\"b.example.com\"],\"subdomain\":\"web\","
                + "\"locations\":[\"/\",\"/api\"],\"http_user\":\"u\",\"http_pwd\":\"p\\u003c\\u0026\\u003e\","
                + "\"host_header_rewrite\":\"in\",\"headers\":{\"X-A\":\"1\",\"X-B\":\"2\"},"
                + "\"response_headers\":{\"X-R\":\"r\"},\"route_by_http_user\":\"u\"}");
    }

    @Test
    void tcpProxyOmitsEmptyCollections() {
        NewProxy p = NewProxy.builder("ssh", "tcp").remotePort(6000).customDomains(List.of()).metas(Map.of()).build();
        assertThat(json(p)).isEqualTo("{\"proxy_name\":\"ssh\",\"proxy_type\":\"tcp\",\"remote_port\":6000}");
    }

    @Test
    void stcpProxyFields() {
        NewProxy p = NewProxy.builder("s", "stcp").sk("secret").allowUsers(List.of("*")).bandwidthLimit("1MB")
                .bandwidthLimitMode("client").group("g").groupKey("k").annotations(Map.of("a", "b"))
                .multiplexer("httpconnect").build();
        assertThat(json(p)).isEqualTo("{\"proxy_name\":\"s\",\"proxy_type\":\"stcp\",\"bandwidth_limit\":\"1MB\","
                + "\"bandwidth_limit_mode\":\"client\",\"group\":\"g\",\"group_key\":\"k\","
                + "\"annotations\":{\"a\":\"b\"},\"sk\":\"secret\",\"allow_users\":[\"*\"],"
                + "\"multiplexer\":\"httpconnect\"}");
    }

    /**
     * Bodies captured from stock frpc 0.70.0 on 127.0.0.1 (no TLS, control stream decrypted with the
     * token's key) for {@code metadatas = {a = "", b = "x"}} and proxies with empty-valued metas,
     * annotations, request and response headers, an empty location and an empty allowed user: Go's
     * {@code omitempty} is on the field only, so entries and elements that are {@code ""} are written.
     */
    @Test
    void emptyStringsInsideMapsAndListsAreWrittenAsStockFrpcWritesThem() {
        Login login = Login.builder().version("0.70.0").hostname("vm").os("linux").arch("amd64").user("u")
                .privilegeKey("e8dbff38562225a46052f65571c888dc").timestamp(1796444788)
                .metas(Map.of("a", "", "b", "x")).poolCount(1).build();
        assertThat(json(login)).isEqualTo("{\"version\":\"0.70.0\",\"hostname\":\"vm\",\"os\":\"linux\","
                + "\"arch\":\"amd64\",\"user\":\"u\",\"privilege_key\":\"e8dbff38562225a46052f65571c888dc\","
                + "\"timestamp\":1796444788,\"metas\":{\"a\":\"\",\"b\":\"x\"},\"client_spec\":{},\"pool_count\":1}");
        NewProxy tcp = NewProxy.builder("u.t1", "tcp").metas(Map.of("a", "", "b", "y"))
                .annotations(Map.of("n", "", "m", "z")).build();
        assertThat(json(tcp)).isEqualTo("{\"proxy_name\":\"u.t1\",\"proxy_type\":\"tcp\","
                + "\"metas\":{\"a\":\"\",\"b\":\"y\"},\"annotations\":{\"m\":\"z\",\"n\":\"\"}}");
        NewProxy http = NewProxy.builder("u.h1", "http").customDomains(List.of("a.example.com"))
                .locations(List.of("", "/x")).headers(Map.of("h", "", "X-A", "1"))
                .responseHeaders(Map.of("r", "")).build();
        assertThat(json(http)).isEqualTo("{\"proxy_name\":\"u.h1\",\"proxy_type\":\"http\","
                + "\"custom_domains\":[\"a.example.com\"],\"locations\":[\"\",\"/x\"],"
                + "\"headers\":{\"X-A\":\"1\",\"h\":\"\"},\"response_headers\":{\"r\":\"\"}}");
        NewProxy stcp = NewProxy.builder("u.s1", "stcp").useEncryption(true).sk("sk")
                .allowUsers(List.of("", "*")).build();
        assertThat(json(stcp)).isEqualTo("{\"proxy_name\":\"u.s1\",\"proxy_type\":\"stcp\","
                + "\"use_encryption\":true,\"sk\":\"sk\",\"allow_users\":[\"\",\"*\"]}");
    }

    /**
     * The server's side, as stock frps 0.70.0 sent it to a test client on 127.0.0.1 (control stream
     * decrypted): the same fields, names and omissions as jfrps writes.
     */
    @Test
    void serverMessagesAsStockFrpsSendsThem() {
        assertThat(json(new LoginResp("0.70.0", "118a8934f3e2be4e", "")))
                .isEqualTo("{\"version\":\"0.70.0\",\"run_id\":\"118a8934f3e2be4e\"}");
        assertThat(json(new NewProxyResp("t1", ":17323", ""))).isEqualTo("{\"proxy_name\":\"t1\",\"remote_addr\":\":17323\"}");
        assertThat(json(new NewProxyResp("t2", "", "port already used")))
                .isEqualTo("{\"proxy_name\":\"t2\",\"error\":\"port already used\"}");
        assertThat(json(new NewProxyResp("s1", "", ""))).isEqualTo("{\"proxy_name\":\"s1\"}");
        assertThat(json(new StartWorkConn("u1", "", "", 0, 0, ""))).isEqualTo("{\"proxy_name\":\"u1\"}");
        assertThat(json(new StartWorkConn("", "", "", 0, 0, "no client control found for run id [nope]")))
                .isEqualTo("{\"error\":\"no client control found for run id [nope]\"}");
        assertThat(json(new NewVisitorConnResp("s1", ""))).isEqualTo("{\"proxy_name\":\"s1\"}");
        assertThat(json(new NewVisitorConnResp("s1", "visitor connection of [s1] auth failed")))
                .isEqualTo("{\"proxy_name\":\"s1\",\"error\":\"visitor connection of [s1] auth failed\"}");
        assertThat(json(ReqWorkConn.INSTANCE)).isEqualTo("{}");
        assertThat(json(Pong.OK)).isEqualTo("{}");
    }

    @Test
    void aMapOfOnlyEmptyValuesIsStillWrittenAndReadsBackTheSame() {
        NewProxy p = NewProxy.builder("x", "tcp").metas(Map.of("a", "")).build();
        assertThat(json(p)).isEqualTo("{\"proxy_name\":\"x\",\"proxy_type\":\"tcp\",\"metas\":{\"a\":\"\"}}");
        assertThat(read(MessageType.NEW_PROXY, json(p))).isEqualTo(p);
    }

    @Test
    void startWorkConnAndEmptyMessages() {
        assertThat(json(new StartWorkConn("ssh", "203.0.113.7", "198.51.100.1", 54321, 6000, "")))
                .isEqualTo("{\"proxy_name\":\"ssh\",\"src_addr\":\"203.0.113.7\",\"dst_addr\":\"198.51.100.1\","
                        + "\"src_port\":54321,\"dst_port\":6000}");
        assertThat(json(ReqWorkConn.INSTANCE)).isEqualTo("{}");
        assertThat(json(Ping.EMPTY)).isEqualTo("{}");
        assertThat(json(Pong.OK)).isEqualTo("{}");
        assertThat(json(NewWorkConn.of("abc"))).isEqualTo("{\"run_id\":\"abc\"}");
    }

    @Test
    void udpPacketBase64AndGoAddresses() throws Exception {
        UdpPacket packet = new UdpPacket("hello".getBytes(StandardCharsets.US_ASCII),
                UdpAddr.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53)),
                UdpAddr.of(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 5353)));
        assertThat(json(packet)).isEqualTo("{\"c\":\"aGVsbG8=\",\"l\":{\"IP\":\"127.0.0.1\",\"Port\":53,\"Zone\":\"\"},"
                + "\"r\":{\"IP\":\"2001:db8::1\",\"Port\":5353,\"Zone\":\"\"}}");
        assertThat(json(new UdpPacket(new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff}, null, new UdpAddr("", 0, ""))))
                .isEqualTo("{\"c\":\"AAEC/v8=\",\"r\":{\"IP\":\"\",\"Port\":0,\"Zone\":\"\"}}");
    }

    @Test
    void natHoleRespAlwaysWritesDetectBehavior() {
        assertThat(json(new NatHoleResp("", "s", "", null, null, null, ""))).isEqualTo("{\"sid\":\"s\",\"detect_behavior\":{}}");
        NatHoleDetectBehavior behavior = new NatHoleDetectBehavior("sender", 0, 0, 0, 5000,
                List.of(new PortsRange(1, 2), new PortsRange(0, 0)), 0, 0);
        assertThat(json(new NatHoleResp("", "", "", List.of(), List.of(), behavior, "")))
                .isEqualTo("{\"detect_behavior\":{\"role\":\"sender\",\"read_timeout\":5000,"
                        + "\"candidate_ports\":[{\"from\":1,\"to\":2},{}]}}");
    }

    @Test
    void stringEscapingIsGos() {
        String s = "a\"b\\c\n\r\t\u0001\u001f<>&\u2028\u2029é\uD83D\uDE00\u007f/";
        assertThat(json(new Pong(s))).isEqualTo("{\"error\":\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\\u003c\\u003e\\u0026"
                + "\\u2028\\u2029é\uD83D\uDE00\u007f/\"}");
        // Go >= 1.22 writes \b and \f in short form (older Go wrote \u0008 and \u000c; both decode alike).
        assertThat(json(new Pong("\b\f"))).isEqualTo("{\"error\":\"\\b\\f\"}");
    }

    @Test
    void readsUnknownFieldsAndMixedCaseNames() {
        Message m = read(MessageType.LOGIN, "{\"VERSION\":\"0.61.1\",\"Privilege_Key\":\"k\",\"timeStamp\":42,"
                + "\"future_field\":{\"nested\":[1,2,{\"x\":null}]},\"Pool_Count\":3,\"metas\":{\"b\":\"2\",\"a\":null}}");
        assertThat(m).isEqualTo(Login.builder().version("0.61.1").privilegeKey("k").timestamp(42).poolCount(3)
                .metas(Map.of("a", "", "b", "2")).build());
        Message p = read(MessageType.NEW_PROXY, "{\"proxy_name\":\"x\",\"CUSTOM_DOMAINS\":[\"d\",null],\"Use_Encryption\":true}");
        assertThat(p).isEqualTo(NewProxy.builder("x", "").customDomains(List.of("d", "")).useEncryption(true).build());
        assertThat(read(MessageType.UDP_PACKET, "{\"c\":\"aGVsbG8=\",\"r\":{\"ip\":\"::1\",\"port\":9,\"zone\":\"\"}}"))
                .isEqualTo(new UdpPacket("hello".getBytes(StandardCharsets.US_ASCII), null, new UdpAddr("::1", 9, "")));
    }

    @Test
    void nullFieldsReadAsZeroValuesLikeGo() {
        assertThat(read(MessageType.START_WORK_CONN, "{\"proxy_name\":null,\"src_port\":null,\"error\":null}"))
                .isEqualTo(new StartWorkConn("", "", "", 0, 0, ""));
        assertThat(read(MessageType.REQ_WORK_CONN, "{\"anything\":1}")).isEqualTo(ReqWorkConn.INSTANCE);
    }

    @Test
    void everyMessageReadsAbsentAndNullStringsAsEmpty() throws Exception {
        for (MessageType type : MessageType.values()) {
            StringBuilder nulls = new StringBuilder("{");
            for (RecordComponent c : type.messageClass().getRecordComponents()) {
                if (c.getType() == String.class) {
                    nulls.append(nulls.length() > 1 ? "," : "").append('"')
                            .append(new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName()))
                            .append("\":null");
                }
            }
            for (String json : List.of("{}", nulls.append('}').toString())) {
                Message m = read(type, json);
                for (RecordComponent c : type.messageClass().getRecordComponents()) {
                    if (c.getType() == String.class) {
                        assertThat(c.getAccessor().invoke(m)).as(type + " " + json + " " + c.getName()).isEqualTo("");
                    }
                }
            }
        }
        Message nested = read(MessageType.NAT_HOLE_RESP, "{\"detect_behavior\":{\"role\":null}}");
        assertThat(((NatHoleResp) nested).detectBehavior()).isEqualTo(NatHoleDetectBehavior.EMPTY);
    }

    @Test
    void refusesWhatGoRefuses() {
        // Type mismatches Go's encoding/json reports as errors (frp then drops the connection).
        String[][] bad = {
            {"o", "{\"timestamp\":\"42\"}"},
            {"o", "{\"timestamp\":4.2}"},
            {"o", "{\"version\":1}"},
            {"o", "{\"version\":true}"},
            {"p", "{\"use_encryption\":\"true\"}"},
            {"p", "{\"use_encryption\":1}"},
            {"p", "{\"custom_domains\":\"a\"}"},
            {"s", "{\"src_port\":70000}"},
            {"s", "{\"src_port\":-1}"},
            {"c", "{\"proxy_name\":\"a\"} x"},
            {"c", "[]"},
            {"c", "\"a\""},
            {"c", "null"},
            {"c", ""},
            {"c", "{\"proxy_name\":"},
        };
        for (String[] c : bad) {
            MessageType type = MessageType.forCode((byte) c[0].charAt(0)).orElseThrow();
            assertThatThrownBy(() -> read(type, c[1])).as(c[1])
                    .isInstanceOfSatisfying(MessageFrameException.class, e -> {
                        assertThat(e.reason()).isEqualTo(MessageFrameException.Reason.MALFORMED_BODY);
                        assertThat(e.typeByte()).isEqualTo(type.code());
                        assertThat(e.getMessage()).startsWith("message type '" + c[0] + "'").contains("malformed JSON");
                    });
        }
    }

    @Test
    void roundTripsEveryMessageType() {
        List<Message> all = List.of(
                Login.builder().version("v").metas(Map.of("k", "v")).clientSpec(new ClientSpec("t", true)).build(),
                new io.jfrp.protocol.msg.LoginResp("v", "run", "err"),
                NewProxy.builder("n", "http").headers(Map.of("a", "b")).locations(List.of("/")).build(),
                new io.jfrp.protocol.msg.NewProxyResp("n", ":6000", ""),
                new CloseProxy("n"),
                new NewWorkConn("run", "key", 7),
                ReqWorkConn.INSTANCE,
                new StartWorkConn("n", "1.2.3.4", "5.6.7.8", 1, 65535, ""),
                new io.jfrp.protocol.msg.NewVisitorConn("run", "n", "sk", 9, true, true),
                new io.jfrp.protocol.msg.NewVisitorConnResp("n", "e"),
                new Ping("k", 3),
                new Pong("e"),
                new UdpPacket(new byte[] {1, 2, 3}, new UdpAddr("1.2.3.4", 1, ""), new UdpAddr("::1", 2, "eth0")),
                new io.jfrp.protocol.msg.NatHoleVisitor("t", "n", true, "quic", "sk", 5, List.of("a"), List.of("b")),
                new io.jfrp.protocol.msg.NatHoleClient("t", "n", "sid", List.of("a"), List.of("b")),
                new NatHoleResp("t", "sid", "quic", List.of("a"), List.of("b"),
                        new NatHoleDetectBehavior("r", 1, 2, 3, 4, List.of(new PortsRange(5, 6)), 7, 8), "e"),
                new io.jfrp.protocol.msg.NatHoleSid("t", "sid", true, "nonce"),
                new io.jfrp.protocol.msg.NatHoleReport("sid", true));
        assertThat(all).extracting(Message::type).containsExactly(MessageType.values());
        for (Message m : all) {
            byte[] body = MessageJson.write(m);
            assertThat(MessageJson.read(m.type(), body, 0, body.length)).as(m.type().name()).isEqualTo(m);
        }
    }
}
