package io.vaas.agent;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The flags of an identity-token seed: the bundle, by the server's naming rules. */
class AgentOptionsUnitTests {

	@Test
	void takesABundleAsTheServerNamesItFromAFlagOrTheEnvironment() {
		var options = AgentOptions
			.parse(new String[] { "fetch", "--server", "http://vaas:8080", "--bundle", "shop/web_app" }, Map.of());
		assertThat(options.bundle()).isEqualTo("shop/web_app");
		assertThat(options.tokenEndpoint()).isEqualTo("http://vaas:8080/api/v1/auth/token");
		var fromEnvironment = AgentOptions.parse(new String[] { "fetch" }, Map.of("VAAS_SERVER", "https://vaas.example",
				"VAAS_BUNDLE", "demo/app", "VAAS_TOKEN_ENDPOINT", "https://public.example/api/v1/auth/token"));
		assertThat(fromEnvironment.bundle()).isEqualTo("demo/app");
		assertThat(fromEnvironment.tokenEndpoint()).isEqualTo("https://public.example/api/v1/auth/token");
	}

	@Test
	void refusesWhatIsNoBundle() {
		for (var bundle : new String[] { "app", "Shop/app", "shop_x/app", "shop/app/", "shop/-app" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> AgentOptions
					.parse(new String[] { "fetch", "--server", "http://vaas:8080", "--bundle", bundle }, Map.of()))
				.as(bundle)
				.withMessageContaining("namespace/bundle");
		}
	}

}
