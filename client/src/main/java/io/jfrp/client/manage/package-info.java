/**
 * jfrpc's proxies as they run: {@link io.jfrp.client.manage.ProxyManager} asks the server for each
 * (NewProxy), tracks its {@link io.jfrp.client.manage.ProxyPhase}, withdraws and re-registers it on
 * its health check, retries refusals, and applies a reload's difference; its
 * {@link io.jfrp.client.manage.ProxyStatus} list is what {@code /api/status} shows.
 */
package io.jfrp.client.manage;
