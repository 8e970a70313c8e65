package io.vaas.trust;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.vaas.support.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key fetcher against a real https issuer: the configured CA is trusted, the JDK's
 * alone is not enough, and the service-account token goes to the API server's hosts only,
 * read again at each fetch.
 */
class KeyFetcherUnitTests {

	static final TestIssuer issuer = TestIssuer.start();

	@TempDir
	Path dir;

	@AfterAll
	static void stop() {
		issuer.close();
	}

	@Test
	void sendsTheServiceAccountTokenToTheApiServerHostsOnlyReadAgainEachTime() throws Exception {
		var tokenFile = dir.resolve("token");
		Files.writeString(tokenFile, "sa-token-1\n");
		var fetcher = new KeyFetcher(properties(issuer.caFile(), List.of("localhost"), tokenFile));

		var keys = fetcher.retrieveResource(URI.create(issuer.url() + "/keys").toURL());
		assertThat(keys.getContent()).contains("\"kid\":\"ec\"");
		assertThat(issuer.lastAuthorization()).isEqualTo("Bearer sa-token-1");

		Files.writeString(tokenFile, "sa-token-2\n");
		fetcher.retrieveResource(URI.create(issuer.url() + "/keys").toURL());
		assertThat(issuer.lastAuthorization()).as("the kubelet rotated the file").isEqualTo("Bearer sa-token-2");

		var other = "https://127.0.0.1:" + URI.create(issuer.url()).getPort() + "/keys";
		fetcher.retrieveResource(URI.create(other).toURL());
		assertThat(issuer.lastAuthorization()).as("another host never gets the token").isEmpty();
	}

	@Test
	void sendsNoTokenWhenThereIsNoTokenFile() throws Exception {
		var fetcher = new KeyFetcher(properties(issuer.caFile(), List.of("localhost"), dir.resolve("absent")));
		fetcher.retrieveResource(URI.create(issuer.url() + "/keys").toURL());
		assertThat(issuer.lastAuthorization()).isEmpty();
	}

	@Test
	void trustsOnlyWhatItIsToldToTrust() {
		var fetcher = new KeyFetcher(properties(null, List.of(), dir.resolve("absent")));
		assertThatThrownBy(() -> fetcher.retrieveResource(URI.create(issuer.url() + "/keys").toURL()))
			.isInstanceOf(IOException.class);
		assertThatIllegalStateException()
			.isThrownBy(() -> new KeyFetcher(properties(dir.resolve("missing.pem"), List.of(), dir.resolve("absent"))))
			.withMessageContaining("vaas.identity.ca-file");
	}

	@Test
	void aCaFileThatIsNotCertificatesStopsTheStart() throws Exception {
		var garbled = Files.writeString(dir.resolve("garbled.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
		assertThatIllegalStateException()
			.isThrownBy(() -> new KeyFetcher(properties(garbled, List.of(), dir.resolve("absent"))))
			.withMessageContaining("could not be loaded");
	}

	@Test
	void refusesPlainHttpAndErrorAnswers() {
		var fetcher = new KeyFetcher(properties(issuer.caFile(), List.of(), dir.resolve("absent")));
		assertThatThrownBy(() -> fetcher.retrieveResource(URI.create("http://localhost:1/keys").toURL()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("https only");
		assertThatThrownBy(() -> fetcher.retrieveResource(URI.create(issuer.url() + "/nothing").toURL()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("HTTP 404");
	}

	@Test
	void givesUpOnABodyThatDoesNotComeWithinTheTimeout() {
		var fetcher = new KeyFetcher(properties(issuer.caFile(), List.of(), dir.resolve("absent")));
		var started = System.nanoTime();
		assertThatThrownBy(() -> fetcher.retrieveResource(URI.create(issuer.url() + "/silent").toURL()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("did not send its body within");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the 30 s the server stalls")
			.isLessThan(Duration.ofSeconds(20));
	}

	private IdentityProperties properties(Path caFile, List<String> hosts, Path tokenFile) {
		return new IdentityProperties(caFile, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(2),
				new IdentityProperties.Kubernetes(hosts, tokenFile, dir.resolve("no-ca.crt")));
	}

}
