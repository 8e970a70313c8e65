import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;

/**
 * Netty alone as the reference for bench/waits.sh's wake: the least a server written for
 * this on this machine does to answer N waiting long-polls at a change, so the wake of
 * vaas can be read against it in the same run, with the same client (bench/Waits.java).
 * Each GET /api/v1/agent/bundle?wait=… whose If-None-Match names the current ETag is held
 * on its connection, and nothing else is kept for it (no session, no look, no record, no
 * timer of its own: each event loop goes over its held polls once a second for those past
 * their deadline, answered 304). A PUT to /api/v1/namespaces/bench/configs/app (bench/Waits.java's
 * write) is acknowledged, then every held poll is answered with the recorded 200 under a new
 * ETag: each event loop writes its own connections' answers in one task, the same encoded
 * bytes to each. A GET without wait, or naming another ETag, is answered at once (304 or the
 * 200). GET /actuator/prometheus gives vaas_agents_waiting, the number held, which
 * bench/Waits.java waits for. Answers carry the recorded headers, Date (made once a second)
 * and Content-Length; connections are kept open.
 * Usage: java -cp 'netty-*.jar' bench/BareWake.java PORT BODY HEADERS_200 HEADERS_304 (as
 * bench/BareNetty.java takes them)
 */
public class BareWake {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
			java.util.Locale.US);

	private static final String CHANGE = "/api/v1/namespaces/bench/configs/app";

	/** The polls held, by the event loop of their connection, each touched only on it. */
	private static final Map<EventExecutor, Map<ChannelHandlerContext, Long>> held = new ConcurrentHashMap<>();

	private static final AtomicInteger waiting = new AtomicInteger();

	private static volatile int version;

	private static Recorded recorded;

	public static void main(String[] args) throws Exception {
		var port = Integer.parseInt(args[0]);
		recorded = Recorded.read(args[1], args[2], args[3]);
		var loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
				EpollIoHandler.newFactory());
		for (var loop : loops) {
			held.put(loop, new HashMap<>());
			loop.scheduleWithFixedDelay(() -> expire(loop), 1, 1, TimeUnit.SECONDS);
		}
		new ServerBootstrap().group(loops)
			.channel(EpollServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpRequestDecoder(), new HttpObjectAggregator(64 * 1024), new Answer());
				}
			})
			.bind("127.0.0.1", port)
			.sync();
		System.out.println("STARTED");
		Thread.currentThread().join();
	}

	private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
			var uri = new QueryStringDecoder(request.uri());
			if (uri.path().equals("/actuator/prometheus")) {
				context.writeAndFlush(answer("200 OK", "text/plain", "vaas_agents_waiting " + waiting.get() + "\n"));
			}
			else if (request.method().equals(HttpMethod.PUT) && uri.path().equals(CHANGE)) {
				version++;
				context.writeAndFlush(answer("200 OK", "application/json", "{}"));
				wake();
			}
			else {
				var current = version;
				var unchanged = etag(current).equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
				var wait = uri.parameters().get("wait");
				if (unchanged && wait != null) {
					var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(wait.get(0)));
					held.get(context.executor()).put(context, deadline);
					waiting.incrementAndGet();
				}
				else {
					context.writeAndFlush(unchanged ? notModified() : ok(current));
				}
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) throws Exception {
			if (held.get(context.executor()).remove(context) != null) {
				waiting.decrementAndGet();
			}
			super.channelInactive(context);
		}

	}

	/** Answers every held poll with the current 200, each event loop its own. */
	private static void wake() {
		held.forEach((loop, polls) -> loop.execute(() -> {
			var answer = ok(version);
			polls.keySet().forEach(context -> context.writeAndFlush(answer.retainedDuplicate()));
			waiting.addAndGet(-polls.size());
			polls.clear();
			answer.release();
		}));
	}

	/** Answers 304 to the loop's held polls past their deadline. */
	private static void expire(EventExecutor loop) {
		var now = System.nanoTime();
		var polls = held.get(loop);
		polls.entrySet().removeIf(poll -> {
			if (now - poll.getValue() < 0) {
				return false;
			}
			poll.getKey().writeAndFlush(notModified());
			waiting.decrementAndGet();
			return true;
		});
	}

	/** The ETag of a version: the recorded one, then a new one at every change. */
	private static String etag(int version) {
		var base = recorded.etag();
		return version == 0 ? base : base.substring(0, base.length() - 1) + "-" + version + "\"";
	}

	private static ByteBuf ok(int version) {
		return encode("200 OK", recorded.ok(), etag(version), recorded.body());
	}

	private static ByteBuf notModified() {
		return encode("304 Not Modified", recorded.notModified(), etag(version), null);
	}

	private static ByteBuf answer(String status, String type, String body) {
		return encode(status, List.<String[]>of(new String[] { "Content-Type", type }), null,
				body.getBytes(StandardCharsets.UTF_8));
	}

	/** Status line, headers (the ETag given in place of a recorded one), Date and body. */
	private static ByteBuf encode(String status, List<String[]> headers, String etag, byte[] body) {
		var head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
		for (var header : headers) {
			var value = etag != null && header[0].equalsIgnoreCase("ETag") ? etag : header[1];
			head.append(header[0]).append(": ").append(value).append("\r\n");
		}
		head.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		var bytes = Unpooled.directBuffer();
		bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (body != null) {
			bytes.writeBytes(body);
		}
		return bytes;
	}

}
