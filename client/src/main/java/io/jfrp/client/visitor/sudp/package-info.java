/** sudp visitors: a UDP socket whose users' datagrams travel as UDPPackets on one visitor connection. */
package io.jfrp.client.visitor.sudp;
