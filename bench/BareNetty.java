import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Netty alone (the version Spring Boot manages, epoll, one event loop per core), with one
 * handler that answers a recorded answer of the server exactly as bench/BareTomcat.java
 * does: the same status, headers and body for a GET, and its recorded 304 when
 * If-None-Match names the ETag; Date once a second, as Tomcat and nginx make it. It tells
 * what another web server would leave of the gap between Tomcat alone and nginx.
 * A GET with {@code ?wait=SECONDS} and the current ETag is held that long, then
 * answered 304 (bench/waits-alone.sh). Connections are kept open (HTTP/1.1; no HttpServerKeepAliveHandler, which would close
 * one after every 304, as a 304 carries no Content-Length).
 * Usage: java -cp 'netty-*.jar' bench/BareNetty.java PORT BODY HEADERS_200 HEADERS_304
 * (the headers as curl -D writes them; Date, Content-Length, Connection and Keep-Alive
 * are left to Netty).
 */
public class BareNetty {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
			java.util.Locale.US);

	private record Date(long second, String text) {
	}

	private static volatile Date date = new Date(0, "");

	public static void main(String[] args) throws Exception {
		var port = Integer.parseInt(args[0]);
		var recorded = Recorded.read(args[1], args[2], args[3]);
		var body = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(recorded.body()).asReadOnly());
		var ok = recorded.ok();
		var notModified = recorded.notModified();
		var etag = recorded.etag();
		var loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
				EpollIoHandler.newFactory());
		new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class).childHandler(new ChannelInitializer<SocketChannel>() {
			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline().addLast(new HttpServerCodec(), new Answer(body, ok, notModified, etag));
			}
		}).bind("127.0.0.1", port).sync();
		System.out.println("STARTED");
		Thread.currentThread().join();
	}

	private static final class Answer extends SimpleChannelInboundHandler<HttpRequest> {

		private final ByteBuf body;

		private final List<String[]> ok;

		private final List<String[]> notModified;

		private final String etag;

		Answer(ByteBuf body, List<String[]> ok, List<String[]> notModified, String etag) {
			super(HttpRequest.class);
			this.body = body;
			this.ok = ok;
			this.notModified = notModified;
			this.etag = etag;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext context, HttpRequest request) {
			var unchanged = etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
			var wait = new QueryStringDecoder(request.uri()).parameters().get("wait");
			if (unchanged && wait != null) {
				// A long-poll: held, without a thread, until its deadline, then the 304.
				context.executor()
					.schedule(() -> answer(context, true), Long.parseLong(wait.get(0)), TimeUnit.SECONDS);
				return;
			}
			answer(context, unchanged);
		}

		private void answer(ChannelHandlerContext context, boolean unchanged) {
			FullHttpResponse response;
			if (unchanged) {
				response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
				notModified.forEach(h -> response.headers().set(h[0], h[1]));
			}
			else {
				response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body.duplicate());
				ok.forEach(h -> response.headers().set(h[0], h[1]));
				response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
			}
			response.headers().set(HttpHeaderNames.DATE, now());
			context.writeAndFlush(response);
		}

	}

	private static String now() {
		var second = System.currentTimeMillis() / 1000;
		var current = date;
		if (current.second() != second) {
			current = new Date(second, HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
			date = current;
		}
		return current.text();
	}

}
