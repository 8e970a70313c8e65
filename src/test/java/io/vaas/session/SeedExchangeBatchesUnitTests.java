package io.vaas.session;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SeedExchangeBatchesUnitTests {

	@Test
	void aNegativeNumberOfLanesIsRefusedAtStartWithTheSettingsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> batches(-1))
			.withMessage("vaas.agents.exchange-lanes must be 0 (every seed exchange alone) or more, not -1");
	}

	@Test
	void withNoLanesEveryExchangeIsMadeAlone() {
		var none = batches(0);
		none.start();
		try {
			// Made alone: no batch is asked for, and so no database (none is given here).
			assertThat(none.exchange("vaas_seed_" + "x".repeat(46), "192.0.2.1")).isNull();
		}
		finally {
			none.stop();
		}
	}

	private static SeedExchangeBatches batches(int lanes) {
		return new SeedExchangeBatches(null, null, null, null, null, Clock.systemUTC(), new SimpleMeterRegistry(),
				lanes);
	}

}
