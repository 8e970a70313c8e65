package io.vaas.delivery.web;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Netty's response encoder, letting an answer that is already encoded
 * ({@link EncodedReplies}, a {@link ByteBuf}) through as it is. A connection has one
 * request in flight at a time ({@link AgentConnection}), so such an answer never lands
 * between a head and its body.
 */
final class AgentResponseEncoder extends HttpResponseEncoder {

	@Override
	public boolean acceptOutboundMessage(Object message) throws Exception {
		return !(message instanceof ByteBuf) && super.acceptOutboundMessage(message);
	}

}
