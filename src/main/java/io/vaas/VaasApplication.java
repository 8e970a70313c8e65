package io.vaas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The vaas server: versioned configuration, encrypted secrets, seeds and rendered bundles
 * for the {@code /con} container interface.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VaasApplication {

	public static void main(String[] args) {
		TermSignal.exitZeroOnTerm();
		SpringApplication.run(VaasApplication.class, args);
	}

}
