/**
 * jfrpc, the client. {@link io.jfrp.client.FrpClient} is the entry point: it puts the packages
 * together, keeps the connection to the server (reconnecting with backoff) and registers the proxy
 * types it runs; {@link io.jfrp.client.MultiServerClient} is jfrpc on several servers at once, one
 * FrpClient per server.
 * <ul>
 *   <li>{@code transport}: reaching the server (TCP, TLS, frp's 0x17 byte), the event loops;</li>
 *   <li>{@code control}: login, the control stream, heartbeats, work connections, backoff;</li>
 *   <li>{@code proxy} and one package per type or family: the client side of each proxy;</li>
 *   <li>{@code visitor}: the client side of visitors (none yet);</li>
 *   <li>{@code servers}: the state of each connection to a server, and its status view;</li>
 *   <li>{@code cli}: the jfrpc command line.</li>
 * </ul>
 * Imports go one way: cli → (root) → control → transport, proxy; nothing imports {@code cli} or this
 * root package, except {@link io.jfrp.client.LoginRefusedException}, which control throws.
 */
package io.jfrp.client;
