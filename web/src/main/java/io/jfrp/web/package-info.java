/**
 * The embedded HTTP server of jfrps and jfrpc, with frp's conventions (OPERATIONS.md section 1).
 *
 * <ul>
 *   <li>{@link io.jfrp.web.WebServerConfig}: the {@code webServer.*} keys;
 *       {@link io.jfrp.web.WebServerLimits}: timeouts and size bounds.</li>
 *   <li>{@link io.jfrp.web.WebServer}: Netty's HTTP/1.1 codec with basic auth
 *       ({@link io.jfrp.web.BasicAuthenticator}), {@code /healthz}, TLS from PEM files, keep-alive
 *       and the bounds; {@link io.jfrp.web.Router} maps paths with {@code {param}} segments to
 *       {@link io.jfrp.web.WebHandler}s; {@link io.jfrp.web.LoopDeadline}, a connection's deadline on
 *       its event loop, times its reads (and jfrpc's plugin HTTP servers' request heads).</li>
 *   <li>{@link io.jfrp.web.JsonApi}: frp's two JSON conventions, plain ({@code {"Code","Msg"}}
 *       errors) and the frps {@code /api/v2/} envelope; {@link io.jfrp.web.ApiError} carries a
 *       status; {@link io.jfrp.web.Json} writes JSON as Go's encoder does.</li>
 * </ul>
 * Nothing here knows frps or frpc: the programs add their routes.
 */
package io.jfrp.web;
