package io.vaas.bundle.render;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The file source kinds as an extension point: each kind is one class, the rules that
 * name kinds are made from the list, and no two kinds claim one member.
 */
class FileSourceUnitTests {

	@Test
	void everyMemberBelongsToOneKind() {
		var claimed = new HashSet<>(Set.of("area", "path", "mode"));
		for (var kind : FileEntries.KINDS) {
			assertThat(claimed.add(kind.member())).as("member %s claimed twice", kind.member()).isTrue();
			for (var option : kind.options()) {
				assertThat(claimed.add(option)).as("option %s claimed twice", option).isTrue();
			}
		}
		assertThat(FileEntries.FIELDS).isEqualTo(claimed);
		assertThat(FileEntries.KINDS).extracting(FileSource::member)
			.isEqualTo(List.of("template", "secret", "config", "env", "certificate", "database"));
	}

	@Test
	void theRulesThatNameKindsComeFromTheList() {
		assertThatThrownBy(() -> FileEntries
			.parse(RendererUnitTests.JSON.readTree("[{\"area\":\"configuration\",\"path\":\"a\"}]"))).hasMessage(
					"files[0]: an entry has exactly one of template, secret, config, env, certificate and database");
		assertThatThrownBy(() -> FileEntries.parse(RendererUnitTests.JSON
			.readTree("[{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"x\",\"format\":\"yaml\"}]")))
			.hasMessage("files[0]: format goes with config");
	}

	@Test
	void anEntryRecordsItsKindAndRendersThroughIt() {
		var entries = FileEntries.parse(RendererUnitTests.JSON
			.readTree("[{\"area\":\"secret\",\"path\":\"pw\",\"secret\":\"db_password\"},{\"area\":\"configuration\","
					+ "\"path\":\"c.properties\",\"config\":\"my-app\",\"format\":\"properties\"}]"));
		assertThat(entries).extracting(FileEntry::kind).containsExactly("secret", "config");
		var secret = entries.get(0).source().render(entries.get(0).area(), RendererUnitTests.SOURCES);
		assertThat(secret.secret()).isTrue();
		assertThat(secret.toString()).as("no secret value in toString").doesNotContain("rm -rf").contains("bytes");
		var config = entries.get(1).source().render(entries.get(1).area(), RendererUnitTests.SOURCES);
		assertThat(config.secret()).isFalse();
		assertThat(new String(config.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("url=http\\://x\n");
	}

}
