package io.vaas.bundle.render;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import static io.vaas.bundle.render.RendererUnitTests.JSON;
import static io.vaas.bundle.render.RendererUnitTests.SOURCES;
import static io.vaas.bundle.render.RendererUnitTests.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Templates that try to run forever, fill the memory, nest without end, or reach past the
 * sandbox; and ordinary templates, which must render as plain Pebble renders them.
 */
class TemplateBudgetUnitTests {

	/**
	 * Generous for the 1 s budget on a slow, shared machine; without the budget these ran
	 * for minutes or ran out of memory.
	 */
	static final Duration QUICKLY = Duration.ofSeconds(3);

	/** A string of 2^n characters. */
	static String big(int n) {
		return "{% set s = 'x' %}{% for i in 1.." + n + " %}{% set s = s ~ s %}{% endfor %}";
	}

	/** {@code l}: 2^16 references to {@code s}, and {@code m} to an equal copy of it. */
	static final String REFERENCES = big(19) + "{% set l = [s] %}{% for i in 1..16 %}{% set l = l + l %}{% endfor %}"
			+ "{% set t = s ~ '' %}{% set m = [t] %}{% for i in 1..16 %}{% set m = m + m %}{% endfor %}";

	static Stream<Arguments> overBudget() {
		return Stream.of(arguments("a huge range", "{% for i in range(1,100000000) %}{% endfor %}", "size"),
				arguments("a huge .. range", "{% for i in 1..100000000 %}{% endfor %}", "size"),
				arguments("nested loops", "{% for i in 1..100000 %}{% for j in 1..100000 %}{% endfor %}{% endfor %}",
						"time"),
				arguments("nested loops in a filter tag",
						"{% filter upper %}{% for i in 1..100000 %}{% for j in 1..100000 %}{% endfor %}{% endfor %}"
								+ "{% endfilter %}",
						"time"),
				arguments("a doubling macro",
						"{% macro r(n) %}{% if n > 0 %}{{ r(n-1) }}{{ r(n-1) }}{% endif %}{% endmacro %}{{ r(24) }}",
						"time"),
				arguments("endless recursion", "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}", "nesting"),
				arguments("deeply nested tags", "{% if true %}".repeat(10000) + "{% endif %}".repeat(10000), "nesting"),
				arguments("deeply nested parentheses", "{{ " + "(".repeat(10000) + "1" + ")".repeat(10000) + " }}",
						"nesting"),
				arguments("string doubling with ~", big(40), "size"),
				arguments("string doubling with +",
						"{% set s = 'x' %}{% for i in 1..40 %}{% set s = s + s %}{% endfor %}", "size"),
				arguments("list doubling", "{% set l = [1] %}{% for i in 1..40 %}{% set l = l + l %}{% endfor %}",
						"size"),
				arguments("replace explosion",
						"{% set s = 'aaaaaaaaaa' %}{% for i in 1..10 %}{% set s = s | replace({'a': s}) %}{% endfor %}",
						"size"),
				arguments("join of many long strings", REFERENCES + "{{ l | join(',') | length }}", "size"),
				arguments("printing many references to a long string", REFERENCES + "{{ l }}", "size"),
				arguments("concatenating a list of long strings", REFERENCES + "{{ (l ~ '') | length }}", "size"),
				arguments("many distinct long strings",
						big(19) + "{% set l = [] %}{% for i in 1..100 %}{% set l = l + [s ~ i] %}{% endfor %}",
						"memory"),
				arguments("comparing long lists of long strings",
						REFERENCES + "{% for i in 1..100 %}{{ l == m }}{% endfor %}", "time"),
				// Sorted four times: once, a fast moment of the machine sorted them
				// within
				// the budget.
				arguments("sorting long strings",
						big(19) + "{% set l = [s ~ 'b', s ~ 'a'] %}{% for i in 1..15 %}{% set l = l + l %}{% endfor %}"
								+ "{% for i in 1..4 %}{{ l | sort | length }}{% endfor %}",
						"time"),
				arguments("hashing a doubled nested list",
						"{% set l = [] %}{% for i in 1..40 %}{% set l = [l, l] %}{% endfor %}{{ {(l): 1} | length }}",
						"time"),
				arguments("printing a doubled nested list",
						"{% set l = [] %}{% for i in 1..40 %}{% set l = [l, l] %}{% endfor %}{{ l }}", "size"),
				arguments("removing from a long list",
						"{% set l = 1..100000 %}{% set m = l | sort %}{{ (m - l) | length }}", "time"),
				arguments("output", "{% for i in 1..1000 %}{% for j in 1..300 %}xxxxx{% endfor %}{% endfor %}",
						"output"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void overBudget(String name, String template, String budget) {
		long start = System.nanoTime();
		assertThatThrownBy(() -> render(template)).isInstanceOfSatisfying(BundleRenderFailed.class, failed -> {
			assertThat(failed.file()).isEqualTo("configuration/f");
			assertThat(failed.getMessage()).contains("(the " + budget + " budget");
			assertThat(failed.overBudget()).isTrue();
		});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
	}

	@Test
	void countsTheTimeOfAllTemplatesOfABundleTogether() {
		// Each a small part of the budget, all together several times it, however fast
		// the
		// loop gets once compiled.
		var slow = "{% for i in 1..1000 %}{% for j in 1..1000 %}{% endfor %}{% endfor %}";
		var files = new StringBuilder("[");
		for (int i = 0; i < 250; i++) {
			files.append(i == 0 ? "" : ",").append(file("f" + i, slow));
		}
		long start = System.nanoTime();
		assertThatThrownBy(() -> RendererUnitTests.render(files + "]")).isInstanceOfSatisfying(BundleRenderFailed.class,
				failed -> {
					assertThat(failed.getMessage()).contains("(the time budget");
					assertThat(failed.file()).isNotIn("configuration/f0", "configuration/f1");
				});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
	}

	@Test
	void doesNotCountTheTimeSpentReadingConfigsAndSecrets() {
		var slowDatabase = new Sources() {

			@Override
			public ObjectNode config(Reference reference) {
				pause();
				return SOURCES.config(reference);
			}

			@Override
			public byte[] secret(Reference reference) {
				pause();
				return SOURCES.secret(reference);
			}

			private void pause() {
				try {
					Thread.sleep(300);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
		var template = "{{ config.mariadb.port }} {{ config['mariadb@1'].port }} {{ config['mariadb@2'].port }}"
				+ " {{ config['my-app'].url }} {{ secret.db_password | length }}";
		var bundle = Renderer.render(FileEntries.parse(JSON.readTree("[" + file("f", template) + "]")),
				EnumSet.allOf(Area.class), slowDatabase, TIMEOUT);
		assertThat(content(bundle)).isEqualTo("3306 3305 3306 http://x 25");
	}

	@Test
	void letsAFailureToReadConfigsAndSecretsThroughAsItCame() {
		var down = new IllegalStateException("the database is down");
		var failing = new Sources() {

			@Override
			public ObjectNode config(Reference reference) {
				throw down;
			}

			@Override
			public byte[] secret(Reference reference) {
				throw down;
			}

		};
		for (var template : List.of("{{ config.mariadb.port }}", "{% if config.mariadb.port > 1 %}x{% endif %}",
				"{{ secret.db_password | upper }}")) {
			assertThatThrownBy(() -> Renderer.render(FileEntries.parse(JSON.readTree("[" + file("f", template) + "]")),
					EnumSet.allOf(Area.class), failing, TIMEOUT))
				.isSameAs(down);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{{ i18n('x', 'y') }}|the function 'i18n' is not available",
			"{{ 'now' | date('yyyy') }}|the filter 'date' is not available",
			"{% include 'x' %}|the tag 'include' is not available",
			"{% import 'x' %}|the tag 'import' is not available",
			"{% from 'x' import m %}|the tag 'from' is not available",
			"{% extends 'x' %}|the tag 'extends' is not available",
			"{% embed 'x' %}{% endembed %}|the tag 'embed' is not available",
			"{% block b %}{% endblock %}|the tag 'block' is not available",
			"{% parallel %}x{% endparallel %}|the tag 'parallel' is not available",
			"{% cache 'k' %}{{ secret.db_password }}{% endcache %}|the tag 'cache' is not available",
			"{% flush %}|the tag 'flush' is not available", "{{ _context }}|'_context' is reserved",
			"{{ _context.config }}|'_context' is reserved", "{{ template }}|'template' is reserved",
			"{{ locale }}|'locale' is reserved", "{% set locale = 'x' %}|'locale' is reserved",
			"{{ config.mariadb.port.getClass() }}|may not call methods",
			"{{ config.mariadb.getClass().forName('java.lang.Runtime') }}|may not call methods",
			"{{ config.mariadb.port.TYPE }}|may not call methods or read fields",
			"{{ config.mariadb.port.MAX_VALUE }}|may not call methods or read fields",
			"{{ secret.db_password.class }}|may not call methods or read fields",
			"{{ secret.db_password.bytes }}|may not call methods or read fields",
			"{{ range(1, 3).class }}|may not call methods", "{{ 'x' | keys }}|there is no filter 'keys'" })
	void refusesWhatTemplatesMayNotUse(String row) {
		var template = row.substring(0, row.lastIndexOf('|'));
		var expected = row.substring(row.lastIndexOf('|') + 1);
		assertThatThrownBy(() -> render(template)).isInstanceOfSatisfying(BundleRenderFailed.class, failed -> {
			assertThat(failed.getMessage()).contains(expected).doesNotContain("java.").doesNotContain("pebble");
			assertThat(failed.overBudget()).isFalse();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "{{ [1, 'a'] | sort }}|template error at line 1: a value has the wrong type",
			"x\n{{ 1 / 0 }}|template error at line 2: arithmetic error",
			"{% for c in secret.db_password %}{% endfor %}|template error at line 1",
			"{{ secret.db_password * 2 }}|template error at line 1",
			"{{ secret.db_password | slice(1, 1000) }}|template error at line 1",
			"{{ secret.db_password | numberformat }}|template error at line 1", "{% if %}|syntax error" })
	void turnsPebbleErrorsIntoTemplateErrorsWithoutValues(String row) {
		var template = row.substring(0, row.lastIndexOf('|'));
		var expected = row.substring(row.lastIndexOf('|') + 1);
		assertThatThrownBy(() -> render(template)).isInstanceOfSatisfying(BundleRenderFailed.class,
				failed -> assertThat(failed.getMessage()).contains(expected)
					.doesNotContain("rm -rf")
					.doesNotContain("secret\"")
					.doesNotContain("java."));
	}

	/** Templates that use every part of the language left, rendered by both engines. */
	@ParameterizedTest
	@ValueSource(strings = { "[mysqld]\nport={{ config.mariadb.port }}\nname={{ config.mariadb.db.name | upper }}\n",
			"{% for i in range(1, 5) %}{{ i }}{% if not (i == 5) %},{% endif %}{% endfor %}",
			"{% for c in 'a'..'e' %}{{ c }}{% endfor %} {% for i in 10..1 %}{% endfor %}{{ range(10, 1, -3) | join(' ') }}",
			"{% macro server(name, port) %}server {{ name }}:{{ port }};\n{% endmacro %}"
					+ "{% for h in 'a.example,b.example' | split(',') %}{{ server(h, config.mariadb.port) }}{% endfor %}",
			"{{ [3, 1, 2] | sort | join(',') }} {{ [3, 1, 2] | rsort | join(',') }} {{ [1, 2] | reverse | join }}",
			"{{ 'a-b-c' | replace({'-': '_', 'a': 'A'}) }} {{ 'abc' contains 'bc' }} {{ [1, 2] contains 2 }}"
					+ " {{ {'a': 1} contains 'a' }} {{ 'Hello World' | lower | title }} {{ '  x ' | trim }}",
			"{{ [1, 2] + [3] }} {{ [1, 2] + 3 }} {{ [1] + null }} {{ [1, 2, 3] - [2] }} {{ [1, 2, 2] - 2 }} {{ 'a' + 1 }} {{ 'a' ~ 1 ~ null }}",
			"{% set l = [1, 2] %}{% set m = [0] + l %}{{ l }} {{ m }} {{ l | length }} {{ m | first }} {{ m | last }}",
			"{{ {'a': 1, 'b': [1, 2]} }} {{ config.mariadb }} {{ config.mariadb.db | length }}",
			"{{ 7 / 2 }} {{ 7 % 3 }} {{ -3 | abs }} {{ 1.5 * 2 }} {{ 2 - 3 }} {{ max(1, 5, 3) }} {{ min(4, 2) }}",
			"{{ 1234567.891 | numberformat('#,##0.00') }} {{ 'a&b' | escape }} {{ 'a b' | urlencode }}",
			"{{ 'abc' | abbreviate(2) }} {{ 'abc' | slice(1, 3) }} {{ [1, 2, 3] | slice(1) }} {{ 'x' | capitalize }}",
			"{{ 'dmFhcw==' | base64decode }} {{ 'vaas' | base64encode }} {{ 'vaas' | sha256 }}",
			"{{ nothing | default('d') }} {{ config.mariadb.nope | default(1) }} {% if 2 is even %}e{% endif %}",
			"{% filter upper %}{% for i in 1..3 %}{{ i }}x{% endfor %}{% endfilter %}{% verbatim %}{{ raw }}{% endverbatim %}",
			"{% autoescape 'html' %}{{ '<b>' }}{% endautoescape %} {{ '<i>' | raw }}",
			"{{ 'a,b,,' | split(',') | length }} {{ 'a,b,c' | split(',', 2) | last }} {{ {'k': 'v'} | merge({'l': 1}) | length }}",
			"{% for e in config.mariadb %}{{ e }};{% endfor %}{% for e in {} %}{% else %}none{% endfor %}",
			"{{ config.mariadb.ssl ? 'on' : 'off' }} {{ config.mariadb.db.pool is null }} {{ secret.db_password | length }}" })
	void rendersOrdinaryTemplatesAsPlainPebbleDoes(String template) {
		var expected = plain(template);
		assertThat(render(template)).isEqualTo(expected);
	}

	@Test
	void leavesTheListsItComputesFromAlone() {
		assertThat(render("{% set l = [3, 1] %}{% set m = l + [2] %}{% set n = l - [3] %}{% set o = l | sort %}"
				+ "{% set p = l | reverse %}{{ l }} {{ m }} {{ n }} {{ o }} {{ p }}"))
			.isEqualTo("[3, 1] [3, 1, 2] [1] [1, 3] [1, 3]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "a,b", ",a,,b,,", ",,", "abc", "a.b", "a|b.c", "((a))", "ab,,abab,,,ab" })
	void splitsLikeStringSplitWithAQuotedDelimiter(String text) {
		for (var delimiter : List.of(",", ",,", "", "ab", ".", "|", "(a)")) {
			for (int limit : new int[] { -1, 0, 1, 2, 5 }) {
				assertThat(Substrings.split(text, delimiter, limit, 1))
					.as("'%s' split at '%s' limit %d", text, delimiter, limit)
					.isEqualTo(Arrays.asList(text.split(Pattern.quote(delimiter), limit)));
			}
			assertThat(Substrings.replace(text, delimiter, "<>", 1)).isEqualTo(text.replace(delimiter, "<>"));
			assertThat(Substrings.contains(text, delimiter)).isEqualTo(text.contains(delimiter));
		}
	}

	@Test
	void findsTextInTimeLinearInItsLength() {
		var a = "a".repeat(1 << 19);
		long start = System.nanoTime();
		assertThat(Substrings.contains(a + a, a + "b")).isFalse();
		assertThat(Substrings.replace(a + a, a + "b", "", 1)).hasSize(1 << 20);
		assertThat(Substrings.split(a + "b" + a, a + "b", 0, 1)).hasSize(2);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
	}

	static String render(String template) {
		return content(RendererUnitTests.render("[" + file("f", template) + "]"));
	}

	static String file(String path, String template) {
		var entry = JSON.createObjectNode().put("area", "configuration").put("path", path).put("template", template);
		return JSON.writeValueAsString(entry);
	}

	static String content(RenderedBundle bundle) {
		return new String(bundle.files().get(0).content(), StandardCharsets.UTF_8);
	}

	/**
	 * The template rendered by Pebble with the same settings, without the sandbox's
	 * changes.
	 */
	static String plain(String template) throws RuntimeException {
		var context = new HashMap<String, Object>();
		context.put("config", new Templates.Lookup(name -> Templates.toJava(SOURCES.config(Reference.parse(name)))));
		context.put("secret", new Templates.Lookup(
				name -> new String(SOURCES.secret(Reference.parse(name)), StandardCharsets.UTF_8)));
		var out = new StringWriter();
		try {
			Sandbox.settings().build().getTemplate(template).evaluate(out, (Map<String, Object>) context);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

}
