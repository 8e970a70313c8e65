package io.vaas.bundle.render;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pebbletemplates.pebble.PebbleEngine;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the render budget costs on an ordinary bundle: four templates (nginx, Spring
 * properties, YAML, a DSN) with loops, filters, macros and 26 config and secret look-ups,
 * parsed and rendered as the server does (no template cache), once in the sandbox with a
 * budget and once by Pebble with the same settings and none of the sandbox. Configs come
 * from memory, so the figures are template work alone. Run with
 * {@code ./mvnw -Pbench clean test-compile exec:exec -Djmh.args="RenderBenchmark"} (see
 * the README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class RenderBenchmark {

	static final List<String> TEMPLATES = List.of("""
			{% macro upstream(name, hosts, port) %}upstream {{ name }} {
			{% for h in hosts | split(',') %}    server {{ h | trim }}:{{ port }};
			{% endfor %}}
			{% endmacro %}{{ upstream('app', config.web.hosts, config.web.port) }}
			server {
			    listen {{ config.web.listen }};
			    server_name {{ config.web.domain | lower }};
			{% for path in config.web.paths | split(',') %}    location /{{ path }} { proxy_pass http://app; }
			{% endfor %}    client_max_body_size {{ config.web.max_body }}m;
			}
			""", """
			spring.datasource.url=jdbc:postgresql://{{ config.db.host }}:{{ config.db.port }}/{{ config.db.name }}
			spring.datasource.username={{ config.db.user }}
			spring.datasource.password={{ secret.db_password }}
			spring.datasource.hikari.maximum-pool-size={{ config.db.pool }}
			server.port={{ config.app.port }}
			app.name={{ config.app.name | title }}
			app.features={{ config.app.features | split(',') | sort | join(',') }}
			{% for i in range(1, config.app.workers) %}app.worker.{{ i }}.queue=q-{{ i }}
			{% endfor %}logging.level.root={{ config.app.log_level | upper }}
			{% if config.app.debug %}debug=true{% else %}debug=false{% endif %}
			""", """
			{% macro svc(name, port, domain) %}  - name: {{ name }}
			    port: {{ port }}
			    url: http://{{ name }}.{{ domain }}:{{ port }}/
			{% endmacro %}services:
			{% for i in 1..10 %}{{ svc('svc-' ~ i, 8000 + i, config.web.domain) }}{% endfor %}
			tags: [{{ ['web', 'db', config.app.name] | join(', ') }}]
			""", """
			postgres://{{ config.db.user }}:{{ secret.db_password | urlencode }}@{{ config.db.host }}:{{ \
			config.db.port }}/{{ config.db.name }}?sslmode={{ config.db.ssl ? 'require' : 'disable' }}
			""");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Map<String, ObjectNode> CONFIGS = Map.of("web", (ObjectNode) JSON.readTree("""
			{"hosts":"10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4","port":8080,"listen":443,
			 "domain":"Shop.Example.com","paths":"api,static,health,metrics","max_body":16}"""), "db",
			(ObjectNode) JSON.readTree("""
					{"host":"db.internal","port":5432,"name":"shop","user":"shop","pool":20,"ssl":true}"""), "app",
			(ObjectNode) JSON.readTree("""
					{"port":8080,"name":"shop service","features":"search,cart,checkout,wishlist",
					 "workers":8,"log_level":"info","debug":false}"""));

	static final Sources SOURCES = new Sources() {

		@Override
		public ObjectNode config(Reference reference) {
			return CONFIGS.get(reference.name().value());
		}

		@Override
		public byte[] secret(Reference reference) {
			return "p@ss w0rd/&".getBytes(StandardCharsets.UTF_8);
		}

	};

	static final Duration TIMEOUT = Duration.ofSeconds(1);

	private final PebbleEngine plainEngine = Sandbox.settings().build();

	@Setup
	public void checkBothRenderTheSame() {
		if (!sandboxed().equals(plain())) {
			throw new IllegalStateException("the engines disagree:\n" + sandboxed() + "\n" + plain());
		}
	}

	/**
	 * The bundle's templates in the sandbox, within a budget, as the renderer runs them.
	 */
	@Benchmark
	public List<String> sandboxed() {
		var budget = new Budget(TIMEOUT);
		var sources = budget.excludingTimeIn(SOURCES);
		return ScopedValue.where(Budget.CURRENT, budget)
			.call(() -> TEMPLATES.stream().map(template -> Templates.render(template, sources).text()).toList());
	}

	/** The same templates, context and settings in plain Pebble. */
	@Benchmark
	public List<String> plain() {
		return TEMPLATES.stream().map(this::plain).toList();
	}

	private String plain(String template) {
		var context = new HashMap<String, Object>();
		context.put("config", new Templates.Lookup(name -> java(SOURCES.config(Reference.parse(name)))));
		context.put("secret", new Templates.Lookup(
				name -> new String(SOURCES.secret(Reference.parse(name)), StandardCharsets.UTF_8)));
		var out = new StringWriter();
		try {
			plainEngine.getTemplate(template).evaluate(out, context);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	/** A config as the renderer turned it into Java before the budget. */
	private static Object java(JsonNode node) {
		return switch (node.getNodeType()) {
			case OBJECT -> {
				var map = new LinkedHashMap<String, Object>();
				node.properties().forEach(entry -> map.put(entry.getKey(), java(entry.getValue())));
				yield map;
			}
			case NUMBER -> node.numberValue();
			case BOOLEAN -> node.booleanValue();
			default -> node.asString();
		};
	}

}
