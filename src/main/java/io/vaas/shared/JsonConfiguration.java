package io.vaas.shared;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict request bodies: a number or boolean where text is expected (or text where a
 * number is expected) is a 400, not silently converted; so is a property given twice
 * (which of the two would count is not for a parser to guess). Unknown properties are
 * refused by {@code spring.jackson.deserialization.fail-on-unknown-properties}; nesting
 * depth and number, string and name lengths are bounded by Jackson's default
 * {@code StreamReadConstraints} (500 levels, 1000 digits), the body's size by
 * {@link HttpLimits}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictScalars() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.addModule(
					new SimpleModule("iso-8601-text")
						.addDeserializer(Instant.class,
								new IsoText<>(Instant.class, Instant::parse, TimeRanges::accepts,
										TimeRanges.INSTANT_RULE))
						.addDeserializer(Duration.class, new IsoText<>(Duration.class, Duration::parse,
								TimeRanges::accepts, TimeRanges.DURATION_RULE)));
	}

	/**
	 * Timestamps and durations as ISO-8601 text only ({@code "2026-01-31T12:00:00Z"},
	 * {@code "PT1H"}): Jackson would also take numbers, as epoch or second counts. Only
	 * values within {@link TimeRanges} are taken. The exception names the rule, never the
	 * text.
	 */
	static final class IsoText<T> extends StdScalarDeserializer<T> {

		private final Function<String, T> parse;

		private final Predicate<T> accepts;

		private final String rule;

		IsoText(Class<T> type, Function<String, T> parse, Predicate<T> accepts, String rule) {
			super(type);
			this.parse = parse;
			this.accepts = accepts;
			this.rule = rule;
		}

		@Override
		@SuppressWarnings("unchecked")
		public T deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (T) context.handleUnexpectedToken(handledType(), parser);
			}
			T value;
			try {
				value = parse.apply(parser.getString().strip());
			}
			catch (DateTimeException ex) {
				// Unparsable, or beyond what Instant and Duration hold.
				value = null;
			}
			if (value == null || !accepts.test(value)) {
				throw MismatchedInputException.from(parser, handledType(), "must be " + rule);
			}
			return value;
		}

	}

}
