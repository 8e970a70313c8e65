package io.vaas.session.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BundleServerUnitTests {

	@Test
	void takesABaseUrlAndNothingElse() {
		assertThat(BundleServer.parse("")).isNull();
		assertThat(BundleServer.parse(" http://vaas-agents:8081/ ")).isEqualTo("http://vaas-agents:8081");
		assertThat(BundleServer.parse("https://[2001:db8::1]:8443")).isEqualTo("https://[2001:db8::1]:8443");
		for (var wrong : new String[] { "vaas-agents:8081", "ftp://vaas:21", "http://vaas:8081/api",
				"http://user@vaas:8081", "http://vaas:8081?x=1", "http://vaas:8081#x", "http://" }) {
			assertThatIllegalArgumentException().as(wrong)
				.isThrownBy(() -> BundleServer.parse(wrong))
				.withMessageContaining("vaas.agents.bundle-server");
		}
	}

	@Test
	void isToldBesideTheTokenOnlyWhenSet() {
		var answer = Map.<String, Object>of("access_token", "t", "expires_in", 900);
		assertThat(BundleServer.told(null, answer)).isSameAs(answer);
		assertThat(BundleServer.told("http://vaas-agents:8081", answer)).containsEntry("access_token", "t")
			.containsEntry("bundle_server", "http://vaas-agents:8081");
	}

}
