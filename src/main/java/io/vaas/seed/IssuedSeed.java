package io.vaas.seed;

/**
 * A seed just created: the only time its token is shown.
 *
 * @param token the seed token, {@code vaas_seed_…}
 * @param seed everything else about it
 */
public record IssuedSeed(String token, SeedView seed) {

	@Override
	public String toString() {
		return "IssuedSeed[seed=" + seed + "]";
	}

}
