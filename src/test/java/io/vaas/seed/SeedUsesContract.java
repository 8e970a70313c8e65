package io.vaas.seed;

import java.time.Duration;
import java.time.Instant;

import io.vaas.shared.Tokens;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SeedUses}' one statement, whose text differs between PostgreSQL and H2: it takes
 * a use of a usable seed and returns its grant, and takes nothing from a used-up, revoked
 * or expired one. (A miss falls back to the look-up path, so exchanges alone would not
 * show a statement that never matches.)
 */
abstract class SeedUsesContract {

	@LocalServerPort
	int port;

	@Autowired
	SeedUses uses;

	@Autowired
	TransactionTemplate transactions;

	Api api;

	Agents agents;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("uses");
		api.namespace(ns);
		agents.bundle(ns, "app");
	}

	@Test
	void takesOneUseOfAUsableSeedAndReturnsItsGrant() {
		var seed = agents.seed(ns, "app",
				"{\"uses\":2,\"areas\":[\"configuration\",\"secret\"],\"maxSessionLifetime\":\"PT2H\"}");
		var grant = take(seed, Instant.now()).orElseThrow();
		assertThat(grant.namespace()).isEqualTo(ns);
		assertThat(grant.bundleName()).isEqualTo("app");
		assertThat(grant.keyId()).isNull();
		assertThat(grant.areas()).extracting(area -> area.label()).containsExactly("configuration", "secret");
		assertThat(grant.maxSessionLifetime()).isEqualTo(Duration.ofHours(2));
		var listed = api.get("/api/v1/namespaces/" + ns + "/seeds", ADMIN_TOKEN).expect(200).json().get(0);
		assertThat(listed.get("id").asString()).isEqualTo(grant.seedId().toString());
		assertThat(listed.get("usesLeft").asInt()).isEqualTo(1);
		assertThat(listed.get("lastUsedAt").isNull()).isFalse();

		assertThat(take(seed, Instant.now())).isPresent();
		assertThat(take(seed, Instant.now())).as("used up").isEmpty();
		assertThat(api.get("/api/v1/namespaces/" + ns + "/seeds", ADMIN_TOKEN).json().get(0).get("usesLeft").asInt())
			.isZero();
	}

	@Test
	void takesNothingFromARevokedOrExpiredOrUnknownSeed() {
		var revoked = api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN, "{}").expect(201).json();
		api.delete("/api/v1/namespaces/" + ns + "/seeds/" + revoked.get("seed").get("id").asString(), ADMIN_TOKEN)
			.expect(204);
		assertThat(take(revoked.get("token").asString(), Instant.now())).as("revoked").isEmpty();

		var expiring = agents.seed(ns, "app", "{\"ttl\":\"PT1H\"}");
		assertThat(take(expiring, Instant.now().plus(Duration.ofMinutes(61)))).as("expired").isEmpty();
		assertThat(take(expiring, Instant.now())).as("still usable before it expires").isPresent();

		assertThat(take(Tokens.generate(SeedService.PREFIX), Instant.now())).as("unknown").isEmpty();
	}

	private java.util.Optional<SeedGrant> take(String token, Instant now) {
		return transactions.execute(status -> uses.take(Tokens.hash(token), now));
	}

}
