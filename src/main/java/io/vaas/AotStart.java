package io.vaas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The AOT-processed start ({@code -Dspring.aot.enabled=true}, which the packaged server's
 * AOT cache is trained for): Spring decided at build time which beans exist, so a setting
 * that adds or removes beans would be ignored there. Given another value than the
 * build's, such a setting refuses the start and is named, rather than, say, the console
 * being served after it was turned off. The usual start takes every setting.
 */
@Component
class AotStart {

	/**
	 * Settings that decide which beans exist, with the value the build used; the setting
	 * an operator uses is named beside the property it sets.
	 */
	static final Map<String, Fixed> FIXED;

	static {
		var fixed = new LinkedHashMap<String, Fixed>();
		fixed.put("springdoc.swagger-ui.enabled", new Fixed("true", "vaas.console.enabled"));
		fixed.put("springdoc.api-docs.enabled", new Fixed("true", null));
		fixed.put("management.endpoints.web.exposure.include", new Fixed("health,info,prometheus", null));
		fixed.put("management.endpoint.health.probes.enabled", new Fixed("true", null));
		fixed.put("spring.h2.console.enabled", new Fixed("false", null));
		fixed.put("spring.threads.virtual.enabled", new Fixed("true", null));
		FIXED = Map.copyOf(fixed);
	}

	@Autowired
	AotStart(Environment environment) {
		this(environment, AotDetector.useGeneratedArtifacts());
	}

	AotStart(Environment environment, boolean aotProcessed) {
		if (!aotProcessed) {
			return;
		}
		var changed = changed(environment);
		if (!changed.isEmpty()) {
			throw new IllegalStateException("The AOT-processed start (-Dspring.aot.enabled=true) fixed at build time "
					+ "what these settings decide, so it would ignore them: " + String.join(", ", changed)
					+ ". Start without -Dspring.aot.enabled=true to use them.");
		}
	}

	/** The settings whose value differs from the build's, each with the value it has. */
	static List<String> changed(Environment environment) {
		return FIXED.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.filter(entry -> !normal(environment.getProperty(entry.getKey(), entry.getValue().value()))
				.equals(normal(entry.getValue().value())))
			.map(entry -> entry.getValue().named(entry.getKey()) + "="
					+ environment.getProperty(entry.getKey(), "").strip())
			.toList();
	}

	private static String normal(String value) {
		return value.replace(" ", "").toLowerCase(Locale.ROOT);
	}

	/** A setting's value at build time, and the vaas setting that sets it, if any. */
	record Fixed(String value, @org.jspecify.annotations.Nullable String alias) {

		String named(String property) {
			return alias == null ? property : alias + " (" + property + ")";
		}

	}

}
