/**
 * frps' server plugins ({@code httpPlugins}): {@link io.jfrp.server.plugin.ServerPlugins} implements
 * the control's {@link io.jfrp.server.control.ControlHooks} by asking HTTP plugins over Netty's HTTP
 * client, with frp's JSON contract. May use: control (its hook contract and client identity), proxy
 * (the user-connection gate), protocol (messages and their JSON), transport (socket types).
 */
package io.jfrp.server.plugin;
