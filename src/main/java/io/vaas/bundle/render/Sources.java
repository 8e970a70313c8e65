package io.vaas.bundle.render;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where the renderer reads configs and secrets from: the bundle's namespace, nothing
 * else.
 */
public interface Sources {

	/**
	 * @throws RenderRuleBroken when there is no such config or version
	 */
	ObjectNode config(Reference reference);

	/**
	 * @throws RenderRuleBroken when there is no such secret or version, or it was
	 * destroyed
	 */
	byte[] secret(Reference reference);

}
