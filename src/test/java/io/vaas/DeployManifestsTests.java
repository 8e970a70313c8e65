package io.vaas;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code deploy/k8s} without a cluster: every manifest read with the Kubernetes object
 * model (fabric8) and no field it does not know, then cross-checked — selectors match pod
 * labels, Services and probes name ports that exist, probes ask the server's health
 * groups, every mount has a volume, every Secret it reads is documented in the README,
 * the example application gets its files from vaas-agent (init, then native sidecar) with
 * secrets in memory — and rendered by {@code kubectl kustomize} where kubectl is
 * installed.
 */
class DeployManifestsTests {

	static final Path K8S = Path.of("deploy/k8s");

	static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

	static final YAMLMapper YAML = YAMLMapper.builder().build();

	/** The server's health groups (public, see the README's Configuration). */
	static final Set<String> PROBE_PATHS = Set.of("/actuator/health/readiness", "/actuator/health/liveness");

	static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "labels");

	@Test
	void everyManifestIsAKnownKindWithoutUnknownFields() throws IOException {
		var manifests = manifests();
		assertThat(manifests).hasSizeGreaterThanOrEqualTo(7);
		for (var file : manifests) {
			var resource = read(file);
			assertThat(resource).as("%s is a kind the model knows", file)
				.isNotInstanceOf(GenericKubernetesResource.class);
			var unknown = new ArrayList<String>();
			unknownFields(resource, resource.getKind(), unknown);
			assertThat(unknown).as("fields the Kubernetes model does not know in %s", file).isEmpty();
		}
	}

	@Test
	void theStrictReadingFindsAMisspelledField() {
		var misspelled = KUBERNETES.unmarshal("""
				apiVersion: v1
				kind: Service
				metadata: {name: x}
				spec: {selector: {a: b}, ports: [{port: 80, targetPort: http, protcol: TCP}]}
				""", HasMetadata.class);
		var unknown = new ArrayList<String>();
		unknownFields(misspelled, "Service", unknown);
		assertThat(unknown).containsExactly("Service.spec.ports[0].protcol");
	}

	@Test
	void kustomizationsListEveryManifestAndNothingElse() throws IOException {
		try (var dirs = Files.walk(K8S)) {
			for (var kustomization : dirs.filter(path -> path.getFileName().toString().equals("kustomization.yaml"))
				.toList()) {
				var dir = kustomization.getParent();
				var tree = YAML.readTree(Files.readString(kustomization));
				assertThat(new TreeSet<>(tree.propertyNames())).as("fields of %s", kustomization)
					.isSubsetOf(KUSTOMIZATION_FIELDS);
				var listed = new HashSet<String>();
				for (var resource : tree.get("resources")) {
					var target = dir.resolve(resource.asString());
					assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
						.as("%s lists %s, which exists", kustomization, resource.asString())
						.isTrue();
					listed.add(resource.asString());
				}
				try (var files = Files.list(dir)) {
					var present = new HashSet<String>();
					files.forEach(path -> {
						var name = path.getFileName().toString();
						if (Files.isDirectory(path) || (name.endsWith(".yaml") && !name.equals("kustomization.yaml"))) {
							present.add(name);
						}
					});
					assertThat(listed).as("what %s lists", kustomization).isEqualTo(present);
				}
			}
		}
	}

	@Test
	void selectorsMatchTheirPodsAndPortsAndProbesExist() throws IOException {
		var resources = resources();
		var deployments = resources.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
		for (var deployment : deployments) {
			var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(labels).as("%s's pods carry its selector", name(deployment))
				.containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
			for (var container : containers(deployment.getSpec().getTemplate().getSpec())) {
				var ports = container.getPorts() == null ? List.<String>of()
						: container.getPorts().stream().map(port -> port.getName()).toList();
				for (var probe : Stream
					.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())
					.filter(probe -> probe != null)
					.toList()) {
					assertThat(probePath(probe)).as("%s probes a health group", container.getName()).isIn(PROBE_PATHS);
					assertThat(probe.getHttpGet().getPort().getStrVal())
						.as("%s probes a named port", container.getName())
						.isIn(ports);
				}
			}
		}
		for (var service : resources.stream().filter(Service.class::isInstance).map(Service.class::cast).toList()) {
			var pods = matching(deployments, service.getSpec().getSelector());
			assertThat(pods).as("pods behind service %s", name(service)).isNotEmpty();
			for (var port : service.getSpec().getPorts()) {
				assertThat(pods).as("service %s's target port %s", name(service), port.getTargetPort().getStrVal())
					.allMatch(deployment -> containers(deployment.getSpec().getTemplate().getSpec()).stream()
						.flatMap(container -> container.getPorts() == null ? Stream.empty()
								: container.getPorts().stream())
						.anyMatch(declared -> port.getTargetPort().getStrVal().equals(declared.getName())));
			}
		}
		for (var budget : resources.stream()
			.filter(PodDisruptionBudget.class::isInstance)
			.map(PodDisruptionBudget.class::cast)
			.toList()) {
			assertThat(matching(deployments, budget.getSpec().getSelector().getMatchLabels())).isNotEmpty();
		}
		for (var policy : resources.stream()
			.filter(NetworkPolicy.class::isInstance)
			.map(NetworkPolicy.class::cast)
			.toList()) {
			assertThat(matching(deployments, policy.getSpec().getPodSelector().getMatchLabels())).isNotEmpty();
		}
	}

	@Test
	void everyMountHasAVolumeAndEverySecretIsDocumented() throws IOException {
		var readme = Files.readString(Path.of("README.md"));
		for (var resource : resources()) {
			if (!(resource instanceof Deployment deployment)) {
				continue;
			}
			var pod = deployment.getSpec().getTemplate().getSpec();
			var volumes = pod.getVolumes().stream().map(volume -> volume.getName()).toList();
			for (var container : containers(pod)) {
				for (var mount : container.getVolumeMounts()) {
					assertThat(volumes).as("%s mounts %s", container.getName(), mount.getName())
						.contains(mount.getName());
				}
				for (var env : container.getEnv()) {
					if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
						var ref = env.getValueFrom().getSecretKeyRef();
						assertThat(readme).as("the README documents Secret %s, key %s", ref.getName(), ref.getKey())
							.contains("`" + ref.getName() + "`")
							.contains("`" + ref.getKey() + "`");
					}
				}
			}
			for (var volume : pod.getVolumes()) {
				var secrets = new ArrayList<String[]>();
				if (volume.getSecret() != null) {
					volume.getSecret()
						.getItems()
						.forEach(item -> secrets
							.add(new String[] { volume.getSecret().getSecretName(), item.getKey() }));
				}
				if (volume.getProjected() != null) {
					volume.getProjected()
						.getSources()
						.stream()
						.filter(source -> source.getSecret() != null)
						.forEach(source -> source.getSecret()
							.getItems()
							.forEach(
									item -> secrets.add(new String[] { source.getSecret().getName(), item.getKey() })));
				}
				for (var secret : secrets) {
					assertThat(readme).as("the README documents Secret %s, key %s", secret[0], secret[1])
						.contains("`" + secret[0] + "`")
						.contains("`" + secret[1] + "`");
				}
			}
		}
	}

	@Test
	void theServerRunsTwoHardenedReplicas() throws IOException {
		var server = (Deployment) read(K8S.resolve("server/deployment.yaml"));
		assertThat(server.getSpec().getReplicas()).isEqualTo(2);
		var pod = server.getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		var container = pod.getContainers().get(0);
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
		assertThat(container.getVolumeMounts()).anyMatch(mount -> mount.getMountPath().equals("/tmp"));
		assertThat(pod.getTerminationGracePeriodSeconds()).as("beyond the server's 10 s shutdown").isGreaterThan(10);
	}

	/**
	 * The image sizes the heap as a share of the container's memory; the rest must hold
	 * what the server keeps outside the heap: about 300 MiB with 10,000 agents waiting
	 * (metaspace, compiled code, symbols, the collector's tables, the C heap; README, The
	 * agents' port), or the kernel kills the pod once the heap has grown to its ceiling.
	 */
	@Test
	void theServersHeapLeavesRoomUnderItsMemoryLimit() throws IOException {
		var server = (Deployment) read(K8S.resolve("server/deployment.yaml"));
		var limit = server.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits();
		assertThat(limit).containsKey("memory");
		var share = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)")
			.matcher(Files.readString(Path.of("deploy/Dockerfile")));
		assertThat(share.find()).as("the image's entry point sizes the heap by MaxRAMPercentage").isTrue();
		var outsideHeap = Quantity.getAmountInBytes(limit.get("memory"))
			.multiply(BigDecimal.valueOf(100 - Integer.parseInt(share.group(1))))
			.divide(BigDecimal.valueOf(100));
		assertThat(outsideHeap).as("bytes of the limit left outside the heap")
			.isGreaterThanOrEqualTo(BigDecimal.valueOf(320L * 1024 * 1024));
	}

	/**
	 * The image names G1, the collector the waking of 10,000 agents is measured with: in
	 * a pod under 1,792 MiB the JVM would choose Serial, whose full collections land
	 * inside the wakes (README, The agents' port).
	 */
	@Test
	void theServerRunsTheCollectorItsWakeIsMeasuredWith() throws IOException {
		var dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
		var entryPoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT"));
		assertThat(entryPoint).contains("\"-XX:+UseG1GC\"");
	}

	@Test
	void theExampleAppGetsItsFilesFromTheAgent() throws IOException {
		var app = (Deployment) read(K8S.resolve("example-app/deployment.yaml"));
		var pod = app.getSpec().getTemplate().getSpec();
		var init = pod.getInitContainers();
		assertThat(init).hasSize(2);
		assertThat(init.get(0).getArgs().get(0)).as("first a one-shot fetch").isEqualTo("fetch");
		assertThat(init.get(0).getRestartPolicy()).isNull();
		assertThat(init.get(1).getArgs().get(0)).as("then a native sidecar").isEqualTo("watch");
		assertThat(init.get(1).getRestartPolicy()).isEqualTo("Always");
		var secretVolume = pod.getVolumes()
			.stream()
			.filter(volume -> volume.getName().equals("con-secret"))
			.findFirst();
		assertThat(secretVolume).get()
			.satisfies(volume -> assertThat(volume.getEmptyDir().getMedium()).isEqualTo("Memory"));
		var seed = pod.getVolumes()
			.stream()
			.filter(volume -> volume.getName().equals("con-seed"))
			.findFirst()
			.orElseThrow();
		assertThat(seed.getProjected().getSources()).as("the seed is the pod's own token, nothing stored")
			.singleElement()
			.satisfies(source -> {
				assertThat(source.getServiceAccountToken().getAudience()).isEqualTo("vaas");
				assertThat(source.getServiceAccountToken().getPath()).isEqualTo("token");
			});
		for (var container : init) {
			assertThat(container.getVolumeMounts()).extracting(mount -> mount.getMountPath())
				.contains("/con/configuration", "/con/secret", "/con/seed");
			assertThat(container.getArgs()).as("an identity token names its bundle")
				.containsSequence("--bundle", "demo/app");
		}
		assertThat(pod.getContainers().get(0).getVolumeMounts()).as("the app only reads")
			.allMatch(mount -> Boolean.TRUE.equals(mount.getReadOnly()));
	}

	@Test
	void theExampleAppsTrustAcceptsItsServiceAccountAndTheServerMayReadTheIssuerKeys() throws IOException {
		var kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
		var namespace = kustomization.get("namespace").asString();
		var app = (Deployment) read(K8S.resolve("example-app/deployment.yaml"));
		var serviceAccount = app.getSpec().getTemplate().getSpec().getServiceAccountName();
		var trust = YAML.readTree(K8S.resolve("example-app/trust.json").toFile());
		assertThat(trust.get("subject").asString())
			.isEqualTo("system:serviceaccount:" + namespace + ":" + serviceAccount);
		assertThat(trust.get("claims").get("/kubernetes.io/namespace").asString()).isEqualTo(namespace);
		assertThat(trust.get("audiences").toString()).isEqualTo("[\"vaas\"]");
		assertThat(trust.get("issuer").asString()).startsWith("https://kubernetes.default.svc");

		var binding = (io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) read(
				K8S.resolve("server/issuer-discovery.yaml"));
		assertThat(binding.getRoleRef().getName()).isEqualTo("system:service-account-issuer-discovery");
		var server = (Deployment) read(K8S.resolve("server/deployment.yaml"));
		assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
			assertThat(subject.getName()).isEqualTo(server.getSpec().getTemplate().getSpec().getServiceAccountName());
			assertThat(subject.getNamespace()).isEqualTo(namespace);
		});
		assertThat(server.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
			.as("its token reaches the API server's keys")
			.isTrue();
	}

	@Test
	void rendersWithKubectlKustomize() throws Exception {
		assumeTrue(onPath("kubectl"), "kubectl is not installed");
		var version = run("kubectl", "version", "--client");
		var kustomize = Pattern.compile("Kustomize Version: v(\\d+)").matcher(version);
		// Older kubectl (Debian bookworm's 1.20) bundles kustomize 2, which predates
		// directories under resources and the labels field.
		assumeTrue(kustomize.find() && Integer.parseInt(kustomize.group(1)) >= 4,
				"kubectl bundles no kustomize 4 or newer: " + version.strip());
		var output = run("kubectl", "kustomize", K8S.toString());
		var rendered = new TreeSet<String>();
		for (var document : output.split("(?m)^---$")) {
			if (!document.isBlank()) {
				var resource = KUBERNETES.unmarshal(document, HasMetadata.class);
				rendered.add(resource.getKind() + "/" + resource.getMetadata().getName());
			}
		}
		var expected = new TreeSet<String>();
		for (var resource : resources()) {
			expected.add(resource.getKind() + "/" + resource.getMetadata().getName());
		}
		assertThat(rendered).isEqualTo(expected);
	}

	static List<Path> manifests() throws IOException {
		try (var files = Files.walk(K8S)) {
			return files.filter(path -> path.toString().endsWith(".yaml"))
				.filter(path -> !path.getFileName().toString().equals("kustomization.yaml"))
				.sorted()
				.toList();
		}
	}

	static List<HasMetadata> resources() throws IOException {
		var resources = new ArrayList<HasMetadata>();
		for (var file : manifests()) {
			resources.add(read(file));
		}
		return resources;
	}

	static HasMetadata read(Path file) throws IOException {
		return KUBERNETES.unmarshal(Files.readString(file), HasMetadata.class);
	}

	static List<Container> containers(PodSpec pod) {
		var all = new ArrayList<Container>(pod.getContainers());
		if (pod.getInitContainers() != null) {
			all.addAll(pod.getInitContainers());
		}
		return all;
	}

	static List<Deployment> matching(List<Deployment> deployments, Map<String, String> selector) {
		return deployments.stream()
			.filter(deployment -> deployment.getSpec()
				.getTemplate()
				.getMetadata()
				.getLabels()
				.entrySet()
				.containsAll(selector.entrySet()))
			.toList();
	}

	static String probePath(Probe probe) {
		assertThat(probe.getHttpGet()).as("probes are HTTP GETs").isNotNull();
		return probe.getHttpGet().getPath();
	}

	static String name(HasMetadata resource) {
		return resource.getKind() + "/" + resource.getMetadata().getName();
	}

	/**
	 * Runs a command to its end (at most a minute); its output, or a failed assertion.
	 */
	static String run(String... command) throws IOException, InterruptedException {
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
		return output;
	}

	static boolean onPath(String command) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
	}

	/**
	 * Collects, with their paths, the fields the model put aside as unknown
	 * ({@code additionalProperties}) anywhere in the object tree.
	 */
	static void unknownFields(Object node, String path, List<String> unknown) {
		if (node == null) {
			return;
		}
		if (node instanceof Collection<?> list) {
			int i = 0;
			for (var item : list) {
				unknownFields(item, path + "[" + i++ + "]", unknown);
			}
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
			return;
		}
		if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : node.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
				continue;
			}
			Object value;
			try {
				value = getter.invoke(node);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				continue;
			}
			if (getter.getName().equals("getAdditionalProperties")) {
				((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
			}
			else {
				var field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
				unknownFields(value, path + "." + field, unknown);
			}
		}
	}

}
