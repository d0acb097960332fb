/**
 * Test support shared by the protocol module's tests in every package: {@link
 * io.jfrp.protocol.testing.Recorder} (the application end of a pipeline), {@link
 * io.jfrp.protocol.testing.ChannelBytes} (bytes in and out of EmbeddedChannels) and {@link
 * io.jfrp.protocol.testing.SampleMessages} (messages to frame and chunk); the channels a
 * test opens are finished after it by testkit's {@link io.jfrp.testkit.EmbeddedChannels}.
 */
package io.jfrp.protocol.testing;
