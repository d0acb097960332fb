/**
 * Test support shared by the protocol module's tests in every package: {@link
 * io.jfrp.protocol.testing.Recorder} (the application end of a pipeline), {@link
 * io.jfrp.protocol.testing.ChannelBytes} (bytes in and out of EmbeddedChannels) and {@link
 * io.jfrp.protocol.testing.EmbeddedChannels} (the channels a test opens, finished after it).
 */
package io.jfrp.protocol.testing;
