package io.vaas.support;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * The engine Testcontainers finds ({@code DOCKER_HOST},
 * {@code ~/.testcontainers.properties}, the default socket), asked through
 * Testcontainers' own client.
 */
final class TestcontainersEngine implements DockerEngine {

	/**
	 * Also starts Ryuk unless {@code TESTCONTAINERS_RYUK_DISABLED=true}, pulling its
	 * image when missing: that is part of being ready.
	 */
	@Override
	public boolean available() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@Override
	public boolean hasImage(String image) {
		try {
			DockerClientFactory.instance().client().inspectImageCmd(resolved(image).asCanonicalNameString()).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	@Override
	public void pull(String image) throws InterruptedException {
		var name = resolved(image);
		// With the tag given apart: a name without one would pull every tag.
		DockerClientFactory.instance()
			.client()
			.pullImageCmd(name.getUnversionedPart())
			.withTag(name.getVersionPart())
			.exec(new PullImageResultCallback())
			.awaitCompletion();
	}

	/** The name Testcontainers will start, after any configured substitution. */
	private static DockerImageName resolved(String image) {
		return ImageNameSubstitutor.instance().apply(DockerImageName.parse(image));
	}

}
