package io.jfrp.protocol.msg;

/**
 * The server asks the client for one more work connection (frp's {@code msg.ReqWorkConn}, type
 * {@code 'r'}). Its body is always {@code {}}.
 */
public record ReqWorkConn() implements Message {

    /** The only value there is. */
    public static final ReqWorkConn INSTANCE = new ReqWorkConn();
}
