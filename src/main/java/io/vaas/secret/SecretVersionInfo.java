package io.vaas.secret;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A version's metadata; never its value.
 *
 * @param version the version number
 * @param encoding {@code text} or {@code base64}: how it was written and is revealed
 * @param createdAt when it was written
 * @param createdBy who wrote it
 * @param comment why, if they said
 * @param destroyed whether its key material was deleted
 * @param destroyedAt when
 * @param destroyedBy by whom
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretVersionInfo(long version, String encoding, Instant createdAt, String createdBy,
		@Nullable String comment, boolean destroyed, @Nullable Instant destroyedAt, @Nullable String destroyedBy) {

}
