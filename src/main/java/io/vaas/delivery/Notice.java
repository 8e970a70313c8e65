package io.vaas.delivery;

import org.jspecify.annotations.Nullable;

/**
 * A {@code NOTIFY} payload and the replica that sent it. A replica hears its own
 * notifications too, after it has already acted on the change when it committed: acting
 * again would count one change twice, and render every cached bundle of the namespace a
 * second time while its agents are being answered.
 *
 * @param origin the sending replica, {@code null} when the payload does not say (a
 * replica of an earlier version)
 * @param body what the notification is about
 */
record Notice(@Nullable String origin, String body) {

	/** Begins a payload that names its origin: no namespace begins with it. */
	static final char MARK = '@';

	/** The payload: {@code @origin body}. */
	static String payload(String origin, String body) {
		return MARK + origin + ' ' + body;
	}

	static Notice parse(String payload) {
		var space = payload.indexOf(' ');
		if (!payload.isEmpty() && payload.charAt(0) == MARK && space > 1) {
			return new Notice(payload.substring(1, space), payload.substring(space + 1));
		}
		return new Notice(null, payload);
	}

}
