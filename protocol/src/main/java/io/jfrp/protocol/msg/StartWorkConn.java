package io.jfrp.protocol.msg;

/**
 * The server hands a work connection to one proxy (frp's {@code msg.StartWorkConn}, type
 * {@code 's'}); after it the connection carries the user's bytes. The addresses are those of the
 * user connection, for the PROXY protocol header.
 *
 * @param proxyName the proxy the user connected to
 * @param srcAddr   user's address
 * @param dstAddr   server's address the user connected to
 * @param srcPort   user's port (Go {@code uint16})
 * @param dstPort   server's port (Go {@code uint16})
 * @param error     set when the server rejects the work connection, else empty
 */
public record StartWorkConn(
        String proxyName,
        String srcAddr,
        String dstAddr,
        int srcPort,
        int dstPort,
        String error) implements Message {

    public StartWorkConn {
        Values.uint16(srcPort, "src_port");
        Values.uint16(dstPort, "dst_port");
    }
}
