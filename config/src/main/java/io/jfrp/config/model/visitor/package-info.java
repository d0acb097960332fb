/**
 * The model of a visitor, one record per frp visitor type ({@link io.jfrp.config.model.visitor.VisitorType})
 * over a shared {@link io.jfrp.config.model.visitor.VisitorBase}, as frp's {@code pkg/config/v1/visitor.go}.
 * jfrpc runs stcp and sudp visitors; xtcp's record is complete data, and the configuration refuses
 * an xtcp visitor with an error naming its type.
 *
 * <p>May use: {@link io.jfrp.config.model.proxy} (shared tables). Knows nothing of files or Netty.
 */
package io.jfrp.config.model.visitor;
