package io.vaas.bundle.render;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RendererUnitTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The default of {@code vaas.bundles.render-timeout}. */
	static final Duration TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Two configs (one with a dashed name, two versions) and two secrets, nothing else.
	 */
	static final Sources SOURCES = new Sources() {

		@Override
		public ObjectNode config(Reference reference) {
			return switch (reference.toString()) {
				case "mariadb", "mariadb@2" ->
					(ObjectNode) JSON.readTree("{\"port\":3306,\"db\":{\"name\":\"shop\",\"pool\":5},\"ssl\":true}");
				case "mariadb@1" -> (ObjectNode) JSON.readTree("{\"port\":3305}");
				case "my-app" -> (ObjectNode) JSON.readTree("{\"url\":\"http://x\"}");
				default -> throw new RenderRuleBroken("config " + reference + " does not exist");
			};
		}

		@Override
		public byte[] secret(Reference reference) {
			return switch (reference.name().value()) {
				case "db_password" -> "it's \"secret\" $(rm -rf /)".getBytes(StandardCharsets.UTF_8);
				case "tls_key" -> new byte[] { 0, 1, 2, (byte) 255 };
				default -> throw new RenderRuleBroken("secret " + reference + " does not exist");
			};
		}

	};

	static RenderedBundle render(String files) {
		return Renderer.render(FileEntries.parse(JSON.readTree(files)), EnumSet.allOf(Area.class), SOURCES, TIMEOUT);
	}

	static String content(RenderedBundle bundle, int index) {
		return new String(bundle.files().get(index).content(), StandardCharsets.UTF_8);
	}

	@Test
	void rendersTemplatesWithConfigsAndSecrets() {
		var bundle = render(
				"""
						[{"area":"configuration","path":"my.cnf","template":"[mysqld]\\nport={{ config.mariadb.port }}\\nname={{ config.mariadb.db.name }}\\nurl={{ config[\\"my-app\\"].url }}\\nold={{ config[\\"mariadb@1\\"].port }}\\n"},
						 {"area":"secret","path":"pw","template":"{{ secret.db_password }}"}]""");
		assertThat(content(bundle, 0)).isEqualTo("[mysqld]\nport=3306\nname=shop\nurl=http://x\nold=3305\n");
		assertThat(content(bundle, 1)).isEqualTo("it's \"secret\" $(rm -rf /)");
		assertThat(bundle.files().get(1).mode()).as("secret default mode").isEqualTo(0400);
		assertThat(bundle.files().get(0).mode()).isEqualTo(0444);
		assertThat(bundle.files().get(1).secret()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{{ config.nope.port }}", "{{ config.mariadb.nope }}", "{{ unknown }}",
			"{{ secret.nope }}", "{{ config[\"mariadb@9\"].port }}" })
	void refusesUnknownVariablesNamingThem(String template) {
		assertThatThrownBy(() -> render("[{\"area\":\"configuration\",\"path\":\"f\",\"template\":\""
				+ template.replace("\"", "\\\"") + "\"}]"))
			.isInstanceOf(BundleRenderFailed.class)
			.hasMessageStartingWith("configuration/f: ")
			.hasMessageContaining("not defined");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{{ config.mariadb.getClass() }}", "{{ secret.db_password.length() }}",
			"{{ config.mariadb.db.size() }}", "{% for c in config %}{{ c }}{% endfor %}" })
	void allowsNoMethodCallsAndNoListing(String template) {
		assertThatThrownBy(() -> render("[{\"area\":\"configuration\",\"path\":\"f\",\"template\":\""
				+ template.replace("\"", "\\\"") + "\"}]"))
			.isInstanceOf(BundleRenderFailed.class)
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("secret\\\"").doesNotContain("rm -rf"));
	}

	@Test
	void rendersWholeConfigsInEachFormat() {
		var bundle = render("""
				[{"area":"configuration","path":"a.json","config":"mariadb"},
				 {"area":"configuration","path":"a.properties","config":"mariadb","format":"properties"},
				 {"area":"configuration","path":"a.yaml","config":"mariadb","format":"yaml"},
				 {"area":"secret","path":"tls/server.key","secret":"tls_key"}]""");
		assertThat(content(bundle, 0)).isEqualTo(
				"{\n  \"port\" : 3306,\n  \"db\" : {\n    \"name\" : \"shop\",\n    \"pool\" : 5\n  },\n  \"ssl\" : true\n}\n");
		assertThat(content(bundle, 1)).isEqualTo("port=3306\ndb.name=shop\ndb.pool=5\nssl=true\n");
		assertThat(content(bundle, 2)).contains("port: 3306").contains("  name: \"shop\"").contains("ssl: true");
		assertThat(bundle.files().get(3).content()).isEqualTo(new byte[] { 0, 1, 2, (byte) 255 });
	}

	@Test
	void writesEnvFilesWithQuotedValuesAndCheckedNames() {
		var bundle = render("""
				[{"area":"configuration","path":"ENV","env":{"config":"mariadb"}},
				 {"area":"secret","path":"ENV","env":{"secrets":["db_password"],"prefix":"app_"}}]""");
		assertThat(content(bundle, 0))
			.isEqualTo("export DB_NAME='shop'\nexport DB_POOL='5'\nexport PORT='3306'\nexport SSL='true'\n");
		assertThat(content(bundle, 1)).isEqualTo("export APP_DB_PASSWORD='it'\\''s \"secret\" $(rm -rf /)'\n");
		assertThatThrownBy(() -> render("[{\"area\":\"secret\",\"path\":\"ENV\",\"env\":{\"secrets\":[\"tls_key\"]}}]"))
			.hasMessageContaining("not UTF-8 text")
			.hasMessageNotContaining("\u00ff");
		var both = render(
				"[{\"area\":\"secret\",\"path\":\"ENV\",\"env\":{\"config\":\"mariadb\",\"secrets\":[\"db_password\"]}}]");
		assertThat(content(both, 0)).contains("export DB_PASSWORD='it'").contains("export PORT='3306'");
	}

	@Test
	void refusesTwoKeysThatMapToOneVariable() {
		var sources = new Sources() {

			@Override
			public ObjectNode config(Reference reference) {
				return (ObjectNode) JSON.readTree("{\"db\":{\"port\":1},\"db_port\":2}");
			}

			@Override
			public byte[] secret(Reference reference) {
				throw new RenderRuleBroken("none");
			}

		};
		assertThatThrownBy(() -> Renderer.render(
				FileEntries
					.parse(JSON.readTree("[{\"area\":\"configuration\",\"path\":\"ENV\",\"env\":{\"config\":\"c\"}}]")),
				EnumSet.allOf(Area.class), sources, TIMEOUT))
			.isInstanceOf(BundleRenderFailed.class)
			.hasMessageContaining("DB_PORT");
	}

	@Test
	void computesTheSameDigestForTheSameFilesInAnyOrder() {
		var a = render(
				"[{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"1\"},{\"area\":\"secret\",\"path\":\"b\",\"template\":\"2\"}]");
		var b = render(
				"[{\"area\":\"secret\",\"path\":\"b\",\"template\":\"2\"},{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"1\"}]");
		var c = render(
				"[{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"1\"},{\"area\":\"secret\",\"path\":\"b\",\"mode\":\"0440\",\"template\":\"2\"}]");
		assertThat(a.digest()).startsWith("sha256:").isEqualTo(b.digest()).isNotEqualTo(c.digest());
		assertThat(a.files().get(0).sha256()).hasSize(64);
	}

	@Test
	void rendersOnlyTheAskedAreas() {
		var entries = FileEntries.parse(JSON.readTree(
				"[{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"1\"},{\"area\":\"secret\",\"path\":\"b\",\"secret\":\"nope\"}]"));
		var only = Renderer.render(entries, EnumSet.of(Area.CONFIGURATION), SOURCES, TIMEOUT);
		assertThat(only.files()).hasSize(1);
		assertThatNoException().isThrownBy(() -> Map.of());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/etc/passwd", "../x", "a/../b", "a/./b", "..data", "a/..x", "a//b", "a b",
			"a/b/c/d/e/f/g/h/i", "ä" })
	void refusesUnsafePaths(String path) {
		assertThatThrownBy(() -> FilePath.check(path)).isInstanceOf(RenderRuleBroken.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "my.cnf", "ENV", "tls/server.key", "a/b/c/d/e/f/g/h", ".hidden", "x-1_2.conf" })
	void acceptsSafePaths(String path) {
		assertThat(FilePath.check(path)).isEqualTo(path);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"area\":\"data\",\"path\":\"a\",\"template\":\"\"}",
			"{\"area\":\"configuration\",\"path\":\"a\"}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"\",\"secret\":\"s\"}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"\",\"mode\":\"0666\"}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"\",\"mode\":\"rw\"}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"config\":\"c\",\"format\":\"xml\"}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"secret\":\"Bad Name\"}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"secret\":\"s@0\"}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"env\":{}}",
			"{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"\",\"extra\":1}" })
	void refusesBrokenEntriesNamingTheEntry(String entry) {
		assertThatThrownBy(() -> FileEntries.parse(JSON.readTree("[" + entry + "]")))
			.isInstanceOf(RenderRuleBroken.class)
			.hasMessageStartingWith("files[0]: ");
	}

	@Test
	void refusesTheSameFileTwice() {
		assertThatThrownBy(() -> FileEntries.parse(JSON.readTree(
				"[{\"area\":\"secret\",\"path\":\"a\",\"template\":\"\"},{\"area\":\"secret\",\"path\":\"a\",\"template\":\"\"}]")))
			.hasMessageContaining("appears twice");
	}

	@Test
	void refusesAFileThatIsAlsoADirectory() {
		assertThatThrownBy(() -> FileEntries.parse(JSON.readTree(
				"[{\"area\":\"configuration\",\"path\":\"a/b/c\",\"template\":\"\"},{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"\"}]")))
			.hasMessageContaining("configuration/a is a file and also the directory of configuration/a/b/c");
		assertThatNoException().isThrownBy(() -> FileEntries.parse(JSON.readTree(
				"[{\"area\":\"secret\",\"path\":\"a/b\",\"template\":\"\"},{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"\"},{\"area\":\"configuration\",\"path\":\"ab/c\",\"template\":\"\"}]")));
	}

	@Test
	void marksATemplateThatReadsASecretAsSecret() {
		var bundle = render("""
				[{"area":"configuration","path":"dsn","template":"pw={{ secret.db_password }}"},
				 {"area":"configuration","path":"plain","template":"port={{ config.mariadb.port }}"}]""");
		assertThat(bundle.files().get(0).secret()).as("reads a secret").isTrue();
		assertThat(bundle.files().get(1).secret()).isFalse();
	}

	@Test
	void refusesARecursiveTemplateAsARenderFailure() {
		assertThatThrownBy(() -> render("""
				[{"area":"configuration","path":"a","template":"{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"}]"""))
			.isInstanceOf(BundleRenderFailed.class)
			.hasMessageContaining("calls itself");
	}

	@Test
	void stopsATemplateThatRendersTooMuch() {
		assertThatThrownBy(() -> render(
				"""
						[{"area":"configuration","path":"a","template":"{% for i in range(1, 1000) %}{% for j in range(1, 300) %}xxxxx{% endfor %}{% endfor %}"}]"""))
			.isInstanceOf(BundleRenderFailed.class)
			.hasMessageContaining("renders to more than " + Renderer.MAX_FILE + " characters");
	}

	@Test
	void refusesFilesAndBundlesOverTheSizeLimits() {
		var big = "x".repeat(Renderer.MAX_FILE);
		var sources = new Sources() {

			@Override
			public ObjectNode config(Reference reference) {
				return JSON.createObjectNode().put("value", big);
			}

			@Override
			public byte[] secret(Reference reference) {
				return big.getBytes(StandardCharsets.UTF_8);
			}

		};
		assertThatThrownBy(() -> Renderer.render(
				FileEntries.parse(JSON.readTree("[{\"area\":\"configuration\",\"path\":\"a\",\"config\":\"c\"}]")),
				EnumSet.allOf(Area.class), sources, TIMEOUT))
			.isInstanceOf(BundleRenderFailed.class)
			.hasMessageContaining("a file may hold at most " + Renderer.MAX_FILE);
		var entries = new StringBuilder("[");
		for (int i = 0; i < 9; i++) {
			entries.append(i == 0 ? "" : ",")
				.append("{\"area\":\"secret\",\"path\":\"s")
				.append(i)
				.append("\",\"secret\":\"s\"}");
		}
		assertThatThrownBy(() -> Renderer.render(FileEntries.parse(JSON.readTree(entries + "]")),
				EnumSet.allOf(Area.class), sources, TIMEOUT))
			.isInstanceOf(BundleRenderFailed.class)
			.hasMessageContaining("more than " + Renderer.MAX_BUNDLE);
	}

}
