package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON body of a UDPPacket written and read straight between byte buffers, without a JSON
 * generator or parser per packet: a udp or sudp proxy carries one message per datagram (some 10,000
 * a second at 100 Mbit/s), and the general path ({@link RecordJson} on Jackson's streaming core, then
 * {@link GoJsonEscapes}' pass over the whole body) cost most of the CPU of each one.
 *
 * <p>The bytes are those {@link MessageJson} writes, which are Go's for frp's struct:
 * {@code {"c":"<base64>","l":{"IP":"…","Port":n,"Zone":"…"},"r":{…}}} with {@code c}, {@code l} and
 * {@code r} each left out when empty ({@code omitempty}). An address whose IP or zone would need an
 * escape in JSON (never a real address) makes {@link #write} decline, and the general path writes it.
 * {@link #read} takes exactly that form, as jfrp and stock frp write it, and declines anything else
 * (other spacing, names in other cases, unknown fields, escapes, unpadded or invalid base64, ports
 * with more than nine digits): the general path then reads it as leniently, or refuses it as
 * precisely, as before.
 *
 * <p>Stateless and thread-safe.
 */
final class UdpPacketJson {
    private static final byte[] CONTENT = ascii("{\"c\":\"");
    private static final byte[] LOCAL = ascii("\"l\":");
    private static final byte[] REMOTE = ascii("\"r\":");
    private static final byte[] IP = ascii("{\"IP\":\"");
    private static final byte[] PORT = ascii("\",\"Port\":");
    private static final byte[] ZONE = ascii(",\"Zone\":\"");
    private static final byte[] ADDR_END = ascii("\"}");
    /** Digits of the largest port read here: nine keep it an int without overflow checks. */
    private static final int MAX_PORT_DIGITS = 9;

    private UdpPacketJson() {
    }

    /**
     * An upper bound of the body's length for a payload of {@code contentLength} bytes and two
     * addresses of ordinary length (a hint for the buffer to write it to).
     */
    static int sizeHint(int contentLength) {
        return 8 + (contentLength + 2) / 3 * 4 + 2 * 96;
    }

    /**
     * Appends the JSON body of {@code packet} to {@code out}.
     *
     * @return false, with nothing written, if an address needs escaping (the general path's job)
     */
    static boolean write(UdpPacket packet, ByteBuf out) {
        UdpAddr local = packet.localAddr();
        UdpAddr remote = packet.remoteAddr();
        if (local != null && !plain(local) || remote != null && !plain(remote)) {
            return false;
        }
        boolean first = true;
        if (packet.contentLength() > 0) {
            out.writeBytes(CONTENT);
            out.writeBytes(packet.contentBase64());
            out.writeByte('"');
            first = false;
        } else {
            out.writeByte('{');
        }
        if (local != null) {
            if (!first) {
                out.writeByte(',');
            }
            out.writeBytes(LOCAL);
            writeAddr(local, out);
            first = false;
        }
        if (remote != null) {
            if (!first) {
                out.writeByte(',');
            }
            out.writeBytes(REMOTE);
            writeAddr(remote, out);
        }
        out.writeByte('}');
        return true;
    }

    /**
     * The packet of a body in the form {@link #write} (and Go) writes, consuming nothing.
     *
     * @return null if the body is in any other form (the general path reads or refuses it)
     */
    static UdpPacket read(ByteBuf body) {
        Cursor in = new Cursor(body);
        if (!in.skip('{')) {
            return null;
        }
        byte[] content = null;
        UdpAddr local = null;
        UdpAddr remote = null;
        boolean first = true;
        while (!in.skip('}')) {
            if (!first && !in.skip(',')) {
                return null;
            }
            if (!in.skip('"')) {
                return null;
            }
            int name = in.next();
            if (!in.skip('"') || !in.skip(':')) {
                return null;
            }
            if (name == 'c' && content == null && local == null && remote == null) {
                content = in.base64();
                if (content == null) {
                    return null;
                }
            } else if (name == 'l' && local == null && remote == null) {
                local = in.addr();
                if (local == null) {
                    return null;
                }
            } else if (name == 'r' && remote == null) {
                remote = in.addr();
                if (remote == null) {
                    return null;
                }
            } else {
                return null;
            }
            first = false;
        }
        return in.atEnd() ? new UdpPacket(content, local, remote) : null;
    }

    private static void writeAddr(UdpAddr addr, ByteBuf out) {
        out.writeBytes(IP);
        out.writeCharSequence(addr.ip(), StandardCharsets.US_ASCII);
        out.writeBytes(PORT);
        out.writeCharSequence(Integer.toString(addr.port()), StandardCharsets.US_ASCII);
        out.writeBytes(ZONE);
        out.writeCharSequence(addr.zone(), StandardCharsets.US_ASCII);
        out.writeBytes(ADDR_END);
    }

    /** Whether the address's strings are written as they are by Go and Jackson alike. */
    private static boolean plain(UdpAddr addr) {
        return plain(addr.ip()) && plain(addr.zone());
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!plain(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII that neither JSON nor Go's HTML-safe escaping touches. */
    private static boolean plain(int c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A read position in the body; every method returns null or false, never throws, on other input. */
    private static final class Cursor {
        private final ByteBuf buf;
        private final int end;
        private int pos;

        Cursor(ByteBuf buf) {
            this.buf = buf;
            this.pos = buf.readerIndex();
            this.end = buf.writerIndex();
        }

        boolean atEnd() {
            return pos == end;
        }

        boolean skip(char expected) {
            if (pos < end && buf.getByte(pos) == expected) {
                pos++;
                return true;
            }
            return false;
        }

        /** The next byte, or -1 at the end. */
        int next() {
            return pos < end ? buf.getByte(pos++) : -1;
        }

        boolean skip(byte[] expected) {
            if (end - pos < expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (buf.getByte(pos + i) != expected[i]) {
                    return false;
                }
            }
            pos += expected.length;
            return true;
        }

        /** A string of plain characters up to its closing quote (consumed), or null. */
        String plainString() {
            int start = pos;
            while (pos < end) {
                byte b = buf.getByte(pos);
                if (b == '"') {
                    String s = buf.toString(start, pos - start, StandardCharsets.US_ASCII);
                    pos++;
                    return s;
                }
                if (!plain(b)) {
                    return null;
                }
                pos++;
            }
            return null;
        }

        /** {@code "<padded standard base64>"} decoded, or null. */
        byte[] base64() {
            if (!skip('"')) {
                return null;
            }
            int close = buf.indexOf(pos, end, (byte) '"');
            if (close < 0 || (close - pos) % 4 != 0) {
                return null;
            }
            byte[] text = ByteBufUtil.getBytes(buf, pos, close - pos, false);
            pos = close + 1;
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** {@code {"IP":"…","Port":n,"Zone":"…"}} with plain strings and a port of up to nine digits, or null. */
        UdpAddr addr() {
            if (!skip(IP)) {
                return null;
            }
            String ip = plainString();
            if (ip == null) {
                return null;
            }
            pos--; // PORT starts with the IP's closing quote
            if (!skip(PORT)) {
                return null;
            }
            int start = pos;
            int port = 0;
            while (pos < end && pos - start < MAX_PORT_DIGITS + 1) {
                byte b = buf.getByte(pos);
                if (b < '0' || b > '9') {
                    break;
                }
                port = port * 10 + (b - '0');
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || digits > MAX_PORT_DIGITS || digits > 1 && buf.getByte(start) == '0') {
                return null;
            }
            if (!skip(ZONE)) {
                return null;
            }
            String zone = plainString();
            if (zone == null || !skip('}')) {
                return null;
            }
            return new UdpAddr(ip, port, zone);
        }
    }
}
