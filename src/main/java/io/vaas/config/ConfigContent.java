package io.vaas.config;

import java.util.Optional;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The content of config versions, for rendering bundles: the one read of configs that
 * makes no permission check, because its caller has made its own (an operator's, or an
 * agent's session). Exposed as the named interface {@code config :: content}, which only
 * {@code bundle} may use.
 */
@Component
@NamedInterface("content")
public class ConfigContent {

	private final Configs configs;

	private final ConfigVersions versions;

	private final TransactionTemplate readOnly;

	private final JsonMapper json;

	ConfigContent(Configs configs, ConfigVersions versions, TransactionTemplate transactions, JsonMapper json) {
		this.configs = configs;
		this.versions = versions;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.json = json;
	}

	/**
	 * A version's content (the latest when {@code version} is null); empty when the
	 * config or that version does not exist.
	 */
	public Optional<ObjectNode> read(NamespaceName namespace, ResourceName name, @Nullable Long version) {
		var content = readOnly.execute(status -> configs.findByNamespaceAndName(namespace.value(), name.value())
			.flatMap(config -> versions.findByHeadIdAndNumber(config.id(),
					version == null ? config.latestVersion() : version))
			.map(found -> (ObjectNode) json.readTree(found.data())));
		return content == null ? Optional.empty() : content;
	}

}
