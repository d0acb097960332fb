/** stcp visitors: a TCP listener relaying each connection through its own visitor connection. */
package io.jfrp.client.visitor.stcp;
