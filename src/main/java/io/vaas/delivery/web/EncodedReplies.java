package io.vaas.delivery.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.vaas.delivery.Fetched;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * The agents' port's answers to fetches, status line to body, as Netty's encoder writes
 * them: made at most once a second (their {@code Date}) per render, status and type, and
 * then written as they are. The polls a change wakes all get the same render, so ten
 * thousand of them are answered with the same bytes, not by encoding the same headers ten
 * thousand times. Answers holding files made for the session, and large ones, are left to
 * the encoder each time: a copy of those would be used once, or cost more memory than it
 * saves.
 */
final class EncodedReplies {

	/** The largest body whose answer is kept encoded. */
	static final int MOST_BODY_BYTES = 64 * 1024;

	/** A 304, a 200 with the JSON manifest, a 200 with the tar: each render's answers. */
	private static final int KINDS = 3;

	/**
	 * The encodings of each render, by kind
	 * ({@link io.vaas.delivery.DeliveryService#fetch} hands out one instance per render;
	 * weak keys compare by identity and go with it).
	 */
	private final Cache<Fetched, Encoded[]> encodings = Caffeine.newBuilder()
		.weakKeys()
		.maximumWeight(32L * 1024 * 1024)
		.<Fetched, Encoded[]>weigher((key, kinds) -> weight(kinds))
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	/**
	 * The answer's bytes, to be written as they are and released by the write, or
	 * {@code null} when it is to be encoded as it is written.
	 */
	@Nullable ByteBuf of(Reply reply) {
		var fetched = reply.fetched();
		if (fetched == null || fetched.freshUntil() != null || fetched.files().madePerSession()
				|| reply.body().length > MOST_BODY_BYTES) {
			return null;
		}
		var kind = reply.status() == HttpStatus.NOT_MODIFIED.value() ? 0
				: BundleDelivery.TAR.toString().equals(reply.contentType()) ? 2 : 1;
		var second = AgentAnswers.second();
		var kinds = encodings.getIfPresent(fetched);
		var held = kinds == null ? null : kinds[kind];
		if (held == null || held.second() != second) {
			held = new Encoded(second, encode(reply));
			// Racing makers each put theirs, maybe dropping another's kind: that one is
			// made again at its next answer, and every one made is right.
			var next = kinds == null ? new Encoded[KINDS] : kinds.clone();
			next[kind] = held;
			encodings.put(fetched, next);
		}
		return held.bytes().duplicate();
	}

	/**
	 * The answer as the agents' port's encoder writes it when it is kept open, in memory
	 * that the collector frees: writes of it release nothing.
	 */
	private static ByteBuf encode(Reply reply) {
		var channel = new EmbeddedChannel(new HttpResponseEncoder());
		var parts = new ArrayList<ByteBuf>();
		try {
			channel.writeOutbound(AgentAnswers.reply(reply).response(false, false));
			for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
				parts.add(part);
			}
			var bytes = ByteBuffer.allocateDirect(parts.stream().mapToInt(ByteBuf::readableBytes).sum());
			for (var part : parts) {
				bytes.put(part.nioBuffer());
			}
			return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes.flip())).asReadOnly();
		}
		finally {
			parts.forEach(ByteBuf::release);
			channel.finishAndReleaseAll();
		}
	}

	private static int weight(Encoded[] kinds) {
		var weight = 0;
		for (var held : kinds) {
			weight += held == null ? 0 : held.bytes().readableBytes();
		}
		return weight;
	}

	private record Encoded(long second, ByteBuf bytes) {
	}

}
