package io.vaas.bundle.render;

import io.vaas.shared.InvalidName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

/**
 * A bundle's reference to a config or secret: {@code name} (the latest version) or
 * {@code name@3} (pinned).
 *
 * @param name the config's or secret's name
 * @param version the pinned version, or null for the latest
 */
public record Reference(ResourceName name, @Nullable Long version) {

	public static Reference parse(String text) {
		var at = text.indexOf('@');
		try {
			if (at < 0) {
				return new Reference(ResourceName.of(text), null);
			}
			var version = Long.parseLong(text.substring(at + 1));
			if (version < 1) {
				throw new RenderRuleBroken("a pinned version must be 1 or more");
			}
			return new Reference(ResourceName.of(text.substring(0, at)), version);
		}
		catch (InvalidName | NumberFormatException ex) {
			throw new RenderRuleBroken("a reference is a name, or name@version");
		}
	}

	@Override
	public String toString() {
		return version == null ? name.value() : name.value() + "@" + version;
	}

}
