package io.vaas.keys;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A KEK as listed.
 *
 * @param id its id
 * @param status {@code primary} or {@code retired}
 * @param createdAt when it was created
 * @param retiredAt when a newer key replaced it
 * @param wrappedDataKeys how many live data keys it still wraps
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyView(UUID id, String status, Instant createdAt, @Nullable Instant retiredAt, long wrappedDataKeys) {

}
