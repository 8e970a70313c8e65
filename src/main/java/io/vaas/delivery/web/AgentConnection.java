package io.vaas.delivery.web;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One connection to the agents' port: its requests are served one at a time and answered
 * in the order they came (an HTTP/1.1 client may send the next before the answer), the
 * connection is closed when it has been idle for {@link AgentPort#IDLE_SECONDS} with
 * nothing in flight, and a long-poll whose client leaves is abandoned at once. Its fields
 * are touched on the connection's event loop only.
 */
final class AgentConnection extends ChannelInboundHandlerAdapter {

	/** Requests a client may send ahead of their answers before it is cut off. */
	static final int MAX_QUEUED = 16;

	private final AgentPort.Services services;

	private final AtomicInteger inFlight;

	private final ArrayDeque<HttpRequest> queued = new ArrayDeque<>();

	private @Nullable AgentExchange current;

	private @Nullable String peer;

	AgentConnection(AgentPort.Services services, AtomicInteger inFlight) {
		this.services = services;
		this.inFlight = inFlight;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		try {
			if (message instanceof HttpRequest request) {
				if (current == null) {
					begin(context, request);
				}
				else if (queued.size() < MAX_QUEUED) {
					queued.add(request);
				}
				else {
					context.close();
				}
			}
		}
		finally {
			// A request's body (a GET has none) is read and dropped.
			ReferenceCountUtil.release(message);
		}
	}

	private void begin(ChannelHandlerContext context, HttpRequest request) {
		if (peer == null) {
			peer = context.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
					? remote.getAddress().getHostAddress() : "unknown";
		}
		var exchange = new AgentExchange(services, context, peer, request, this::ended);
		current = exchange;
		inFlight.incrementAndGet();
		exchange.begin();
	}

	/** The current exchange's answer was written: on to the next request, if any. */
	private void ended(ChannelHandlerContext context, boolean close) {
		current = null;
		inFlight.decrementAndGet();
		if (close) {
			queued.clear();
			context.close();
			return;
		}
		var next = queued.poll();
		if (next != null) {
			begin(context, next);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
		if (event instanceof IdleStateEvent && current == null) {
			context.close();
			return;
		}
		super.userEventTriggered(context, event);
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) throws Exception {
		var exchange = current;
		if (exchange != null) {
			exchange.clientLeft();
			if (exchange.unanswered()) {
				// Nothing will be written for it: it ends here.
				current = null;
				inFlight.decrementAndGet();
			}
		}
		queued.clear();
		super.channelInactive(context);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		// A connection reset or the like: nothing to answer.
		context.close();
	}

}
