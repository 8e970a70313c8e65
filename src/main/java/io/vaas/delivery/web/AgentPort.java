package io.vaas.delivery.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.vaas.session.AgentCredentials;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The agents' port ({@code vaas.agents.port}): {@code GET /api/v1/agent/bundle} on a
 * Netty listener of its own beside the web server, for fleets whose fetches the servlet
 * container's per-request cost would limit. It answers exactly what the direct path on
 * the server's port answers ({@link BundleDeliveryFilter}): the same token check and
 * audited refusal, the same 200, 304 and long-poll, the same problems (from the same
 * advices, {@link AdviceProblems}); every other path is 404 here. Requests are served on
 * virtual threads (a fetch may render, which reads the database), one at a time per
 * connection and in order. With TLS when the server's port has it, the server's own
 * ({@link AgentPortTls}).
 */
final class AgentPort implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AgentPort.class);

	/** How long a connection with no request in flight is kept open. */
	static final int IDLE_SECONDS = 60;

	/**
	 * How long the stop waits for requests in flight before closing their connections.
	 */
	static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Supplier<Services> services;

	private final @Nullable String address;

	private final @Nullable Integer port;

	private @Nullable Services served;

	private final IntConsumer started;

	private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final AtomicInteger inFlight = new AtomicInteger();

	private @Nullable EventLoopGroup loops;

	private @Nullable Channel listener;

	private volatile boolean running;

	/**
	 * @param services what requests are served with, made at the start only when there is
	 * a port
	 * @param port the port, {@code 0} for any free one, {@code null} for none (the bean
	 * then does nothing)
	 * @param started told the port it listens on
	 */
	AgentPort(Supplier<Services> services, @Nullable String address, @Nullable Integer port, IntConsumer started) {
		this.started = started;
		this.services = services;
		this.address = address;
		this.port = port;
	}

	/** What each request on the port is served with. */
	record Services(AgentCredentials credentials, BundleDelivery delivery, AdviceProblems problems, DeliveryTimer timer,
			JsonMapper json, BiFunction<String, Function<String, List<String>>, String> clients,
			ExecutorService requests, Counter atOnce, Counter onThreads, EncodedReplies encoded, Timer safeties,
			@Nullable AgentPortTls tls) {

		static ExecutorService virtualThreads() {
			return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agents-port").factory());
		}

		/**
		 * Where waiting long-polls' safety timeouts wait: a timing wheel, whose cancel is
		 * O(1) and not the event loops' work (removing them from the loops' scheduled
		 * tasks was 4 % of a 10,000-poll wake's samples).
		 */
		static HashedWheelTimer safetyWheel() {
			return new HashedWheelTimer(Thread.ofPlatform().daemon().name("agents-port-safety").factory(), 100,
					TimeUnit.MILLISECONDS, 512);
		}

		/**
		 * {@code vaas.agents.port.requests}: the requests the port took, by where they
		 * were answered ({@code at-once} on the event loop, or {@code thread}).
		 */
		static Counter requests(MeterRegistry meters, String answered) {
			return Counter.builder("vaas.agents.port.requests")
				.description("Requests on the agents' port, by where they were answered")
				.tag("answered", answered)
				.register(meters);
		}

	}

	/** The port it listens on, once started (the chosen one for {@code 0}). */
	int localPort() {
		var channel = listener;
		return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
	}

	/** What requests are served with, once started on a port. */
	@Nullable Services served() {
		return served;
	}

	/** Requests being served or waiting for their answer. */
	int inFlight() {
		return inFlight.get();
	}

	@Override
	public void start() {
		if (port == null) {
			running = true;
			return;
		}
		var services = this.services.get();
		served = services;
		IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> type = Epoll.isAvailable() ? EpollServerSocketChannel.class
				: NioServerSocketChannel.class;
		var group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
				Thread.ofPlatform().daemon().name("agents-port-io-", 0).factory(), io);
		loops = group;
		var bind = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
		try {
			listener = new ServerBootstrap().group(group)
				.channel(type)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel channel) {
						connections.add(channel);
						if (services.tls() != null) {
							channel.pipeline().addLast(services.tls().handler(channel));
						}
						channel.pipeline()
							.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS), new HttpRequestDecoder(),
									new AgentResponseEncoder(), new AgentConnection(services, inFlight));
					}
				})
				.bind(bind)
				.syncUninterruptibly()
				.channel();
		}
		catch (RuntimeException ex) {
			group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw new IllegalStateException("vaas.agents.port: cannot listen on " + bind + ": " + ex.getMessage(), ex);
		}
		running = true;
		started.accept(localPort());
		log.info("event=agents_port_started port={} transport={}", localPort(), Epoll.isAvailable() ? "epoll" : "nio");
	}

	/**
	 * Stops taking connections, lets the requests in flight end (waiting long-polls have
	 * been answered by then: {@code LongPolls} stops first), then closes the rest.
	 */
	@Override
	public void stop() {
		running = false;
		var channel = listener;
		if (channel != null) {
			channel.close().syncUninterruptibly();
		}
		var deadline = System.nanoTime() + DRAIN_NANOS;
		while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		var group = loops;
		if (group != null) {
			group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
		if (served != null) {
			served.requests().shutdown();
			served.safeties().stop();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * With the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}): after
	 * {@code LongPolls} has answered the waiting polls.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

}
