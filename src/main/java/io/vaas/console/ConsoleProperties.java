package io.vaas.console;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaas.console.*}: whether Swagger UI is served at all ({@code enabled}, read by
 * springdoc through {@code springdoc.swagger-ui.enabled}), and whether it keeps the
 * operator's token across reloads ({@code persist-authorization}: by default on for the
 * embedded development setup, off elsewhere, since the token would stay in the browser's
 * {@code localStorage}).
 */
@ConfigurationProperties("vaas.console")
record ConsoleProperties(@Nullable Boolean enabled, @Nullable Boolean persistAuthorization) {

	/** Keeps the token across reloads: as set, else only on the embedded database. */
	boolean persistAuthorization(boolean embedded) {
		return persistAuthorization != null ? persistAuthorization : embedded;
	}

}
