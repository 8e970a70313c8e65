package io.vaas.delivery.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.delivery.Fetched;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers the agents' port keeps encoded: byte for byte what Netty's server codec
 * writes for them, written as they are, and kept only where they are shared.
 */
class EncodedRepliesTests {

	private static final byte[] BODY = "{\"files\":[]}".getBytes(StandardCharsets.UTF_8);

	private final EncodedReplies encoded = new EncodedReplies();

	@Test
	void keepsWhatTheServersCodecWritesForEachKindOfAnswer() {
		var fetched = fetched(null);
		for (var reply : List.of(new Reply(200, fetched, "application/json", BODY),
				new Reply(200, fetched, "application/x-tar", BODY), new Reply(304, fetched, null, Reply.EMPTY))) {
			var kept = sameSecond(() -> new String[] { text(encoded.of(reply)), codecWrites(reply) });
			assertThat(kept[0]).as("kept for %s %s", reply.status(), reply.contentType()).isEqualTo(kept[1]);
		}
		var ok = text(encoded.of(new Reply(200, fetched, "application/json", BODY)));
		assertThat(ok).startsWith("HTTP/1.1 200 OK\r\n")
			.contains("\r\nETag: \"" + fetched.files().digest() + "\"\r\n", "\r\ncontent-length: " + BODY.length)
			.endsWith("\r\n\r\n" + new String(BODY, StandardCharsets.UTF_8));
		assertThat(text(encoded.of(new Reply(304, fetched, null, Reply.EMPTY)))).startsWith("HTTP/1.1 304 Not Modified")
			.endsWith("\r\n\r\n");
	}

	@Test
	void itsBytesPassTheAgentsPortEncoderAsTheyAreAndWritesReleaseNothing() {
		var reply = new Reply(200, fetched(null), "application/json", BODY);
		var channel = new EmbeddedChannel(new AgentResponseEncoder());
		var first = encoded.of(reply);
		var expected = sameSecond(() -> text(encoded.of(reply)));
		assertThat(channel.writeOutbound(first)).isTrue();
		ByteBuf written = channel.readOutbound();
		assertThat(written).isSameAs(first);
		assertThat(written.release()).as("released by the write").isFalse();
		// The write's release freed nothing: the next answer has the same bytes.
		assertThat(sameSecond(() -> text(encoded.of(reply)))).isEqualTo(expected);
		// An answer the encoder makes still goes through it after one that was kept.
		channel.writeOutbound(AgentAnswers.reply(reply).response(false, false));
		assertThat(written(channel)).startsWith("HTTP/1.1 200 OK\r\n")
			.endsWith(new String(BODY, StandardCharsets.UTF_8));
		assertThat(channel.finishAndReleaseAll()).isFalse();
	}

	@Test
	void eachAnswerReadsItsOwnCopyOfTheIndexes() {
		var reply = new Reply(200, fetched(null), "application/json", BODY);
		var one = encoded.of(reply);
		var other = encoded.of(reply);
		var length = other.readableBytes();
		one.skipBytes(one.readableBytes());
		assertThat(other.readableBytes()).isEqualTo(length);
		assertThat(other.isReadOnly()).isTrue();
	}

	@Test
	void leavesAnswersWithFilesMadeForTheSessionLargeOnesAndRefusalsToTheEncoder() {
		assertThat(encoded.of(new Reply(200, fetched(Instant.now().plusSeconds(60)), "application/json", BODY)))
			.as("files made for one session")
			.isNull();
		assertThat(encoded
			.of(new Reply(200, fetched(null), "application/json", new byte[EncodedReplies.MOST_BODY_BYTES + 1])))
			.as("a large body")
			.isNull();
		assertThat(encoded.of(new Reply(503, null, "application/problem+json", BODY))).as("the stopping server's 503")
			.isNull();
	}

	private static Fetched fetched(@Nullable Instant freshUntil) {
		var files = RenderedBundle.of(List.of(RenderedFile.of(Area.CONFIGURATION, "app.conf", 0444,
				"key = value\n".getBytes(StandardCharsets.UTF_8), false)));
		return new Fetched("shop/web", 42, files, "eyJhbGciOiJFUzI1NiJ9.e30.sig", System.nanoTime(), freshUntil);
	}

	/**
	 * What {@code HttpServerCodec} writes for the answer to a GET, as the port wrote
	 * before.
	 */
	private static String codecWrites(Reply reply) {
		var channel = new EmbeddedChannel(new HttpServerCodec());
		channel.writeInbound(Unpooled.copiedBuffer("GET /api/v1/agent/bundle HTTP/1.1\r\nHost: x\r\n\r\n",
				StandardCharsets.US_ASCII));
		for (Object read; (read = channel.readInbound()) != null;) {
			ReferenceCountUtil.release(read);
		}
		channel.writeOutbound(AgentAnswers.reply(reply).response(false, false));
		var written = written(channel);
		channel.finishAndReleaseAll();
		return written;
	}

	private static String written(EmbeddedChannel channel) {
		var out = new StringBuilder();
		for (ByteBuf part; (part = channel.readOutbound()) != null;) {
			out.append(text(part));
			part.release();
		}
		return out.toString();
	}

	private static String text(ByteBuf bytes) {
		return bytes.toString(StandardCharsets.US_ASCII);
	}

	/**
	 * What {@code work} makes within one second: an answer's {@code Date} is the
	 * second's.
	 */
	private static <T> T sameSecond(Supplier<T> work) {
		while (true) {
			var second = AgentAnswers.second();
			var made = work.get();
			if (AgentAnswers.second() == second) {
				return made;
			}
		}
	}

}
