package io.vaas.support;

/**
 * What {@link TestDatabase} asks of a Docker engine before it lets Testcontainers use it:
 * a seam, so the choice can be tested without one. Any call may block (an engine that
 * accepts a connection and never answers, a registry that cannot be reached): the caller
 * bounds each one.
 */
interface DockerEngine {

	/** Whether Testcontainers reaches an engine and is ready to start containers. */
	boolean available() throws Exception;

	/** Whether the image is in the engine's local store. */
	boolean hasImage(String image) throws Exception;

	/** Pulls the image; returns when it is stored, or throws. */
	void pull(String image) throws Exception;

}
