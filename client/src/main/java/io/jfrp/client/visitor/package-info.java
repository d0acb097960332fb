/**
 * Visitors: jfrpc's end of another client's stcp, sudp or xtcp proxy (a local port whose connections
 * reach that proxy through the server, or peer to peer for xtcp). jfrp runs none yet: a configuration
 * with a visitor is refused, naming its type; the model of each is in
 * {@code io.jfrp.config.model.visitor}. A visitor type will live here, one package per type, with a
 * registry keyed by {@code VisitorType} as proxies have.
 */
package io.jfrp.client.visitor;
