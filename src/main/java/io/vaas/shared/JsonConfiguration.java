package io.vaas.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict request bodies: a number or boolean where text is expected (or text where a
 * number is expected) is a 400, not silently converted. Unknown properties are refused by
 * {@code spring.jackson.deserialization.fail-on-unknown-properties}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictScalars() {
		return builder -> builder
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.addModule(new SimpleModule("iso-8601-text")
				.addDeserializer(Instant.class, new IsoText<>(Instant.class, Instant::parse))
				.addDeserializer(Duration.class, new IsoText<>(Duration.class, Duration::parse)));
	}

	/**
	 * Timestamps and durations as ISO-8601 text only ({@code "2026-01-31T12:00:00Z"},
	 * {@code "PT1H"}): Jackson would also take numbers, as epoch or second counts.
	 */
	static final class IsoText<T> extends StdScalarDeserializer<T> {

		private final Function<String, T> parse;

		IsoText(Class<T> type, Function<String, T> parse) {
			super(type);
			this.parse = parse;
		}

		@Override
		@SuppressWarnings("unchecked")
		public T deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (T) context.handleUnexpectedToken(handledType(), parser);
			}
			var text = parser.getString().strip();
			try {
				return parse.apply(text);
			}
			catch (DateTimeParseException ex) {
				throw context.weirdStringException(text, handledType(), "not ISO-8601");
			}
		}

	}

}
