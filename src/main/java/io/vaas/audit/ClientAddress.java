package io.vaas.audit;

import io.vaas.shared.PeerRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The address of the client behind the current request, if there is a request. */
final class ClientAddress {

	private ClientAddress() {
	}

	static @Nullable String current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		if (RequestContextHolder.getRequestAttributes() instanceof PeerRequest request) {
			return request.clientAddress();
		}
		return null;
	}

}
