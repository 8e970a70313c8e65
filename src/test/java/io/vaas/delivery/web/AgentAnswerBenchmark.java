package io.vaas.delivery.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.delivery.Fetched;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agents' port spends on an answer's head, once the answer is known: its headers
 * made ({@link AgentAnswers#reply}) and encoded by Netty's HTTP encoder into the bytes
 * that go to the socket, for a 200 with a 6 KiB body and for a 304; and ({@code kept…})
 * the same answers taken as kept encoded ({@link EncodedReplies}) and passed through the
 * port's encoder. The socket is Netty's embedded channel, so the write system call is not
 * in it. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec -Djmh.args="AgentAnswerBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AgentAnswerBenchmark {

	private final EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());

	private final EmbeddedChannel port = new EmbeddedChannel(new AgentResponseEncoder());

	private final EncodedReplies encoded = new EncodedReplies();

	private Reply ok;

	private Reply notModified;

	@Setup
	public void setUp() {
		var content = "key = value\n".repeat(512).getBytes(StandardCharsets.UTF_8);
		var files = RenderedBundle.of(List.of(RenderedFile.of(Area.CONFIGURATION, "app.conf", 0444, content, false)));
		var fetched = new Fetched("shop/web", 42, files, "eyJhbGciOiJFUzI1NiJ9.e30." + "s".repeat(86),
				System.nanoTime(), null);
		ok = new Reply(200, fetched, "application/json", content);
		notModified = new Reply(304, fetched, null, Reply.EMPTY);
	}

	@Benchmark
	public int ok() {
		return written(ok);
	}

	@Benchmark
	public int notModified() {
		return written(notModified);
	}

	@Benchmark
	public int keptOk() {
		return kept(ok);
	}

	@Benchmark
	public int keptNotModified() {
		return kept(notModified);
	}

	private int written(Reply reply) {
		channel.writeOutbound(AgentAnswers.reply(reply).response(false, false));
		return drained(channel);
	}

	private int kept(Reply reply) {
		port.writeOutbound(encoded.of(reply));
		return drained(port);
	}

	private static int drained(EmbeddedChannel channel) {
		var bytes = 0;
		for (ByteBuf out; (out = channel.readOutbound()) != null;) {
			bytes += out.readableBytes();
			out.release();
		}
		return bytes;
	}

}
