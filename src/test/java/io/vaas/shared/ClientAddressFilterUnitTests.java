package io.vaas.shared;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressFilterUnitTests {

	@Test
	void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay() throws Exception {
		assertThat(seen(List.of(), "192.0.2.1", "X-Forwarded-For", "203.0.113.5")).isEqualTo("192.0.2.1");
	}

	@Test
	void anUntrustedPeerCannotNameAnotherClient() throws Exception {
		assertThat(seen(List.of("10.0.0.0/8"), "192.0.2.1", "X-Forwarded-For", "203.0.113.5")).isEqualTo("192.0.2.1");
	}

	@Test
	void theNearestUntrustedHopBehindTrustedProxiesIsTheClient() throws Exception {
		// The client forged the first entry; the proxies appended the rest.
		assertThat(seen(List.of("10.0.0.0/8"), "10.0.0.2", "X-Forwarded-For", "1.2.3.4, 203.0.113.5, 10.0.0.1"))
			.isEqualTo("203.0.113.5");
	}

	@Test
	void forwardedIsPreferredAndItsPortsAndBracketsAreRead() throws Exception {
		var request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		request.addHeader("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=\"10.0.0.1:8080\"");
		assertThat(seen(List.of("10.0.0.0/8"), request)).isEqualTo("2001:db8:cafe:0:0:0:0:17");
		assertThat(seen(List.of("10.0.0.0/8"), "10.0.0.2", "Forwarded", "for=192.0.2.60;by=10.0.0.1"))
			.isEqualTo("192.0.2.60");
	}

	@Test
	void aHopThatIsNotAnAddressStopsAtTheLastTrustedOne() throws Exception {
		assertThat(seen(List.of("10.0.0.0/8"), "10.0.0.2", "Forwarded", "for=unknown")).isEqualTo("10.0.0.2");
		assertThat(seen(List.of("10.0.0.0/8"), "10.0.0.2", "X-Forwarded-For", "evil.example, 10.0.0.1"))
			.isEqualTo("10.0.0.1");
		assertThat(seen(List.of("10.0.0.0/8"), "10.0.0.2", "X-Forwarded-For", "999.1.1.1")).isEqualTo("10.0.0.2");
	}

	/**
	 * A listener outside the servlet chain (the agents' port) reads the client the same
	 * way, from the peer and the header values.
	 */
	@Test
	void aListenerOutsideTheChainLearnsTheSameClient() {
		var headers = java.util.Map.of("Forwarded", List.of("for=192.0.2.60;by=10.0.0.1"), "X-Forwarded-For",
				List.of("1.2.3.4, 203.0.113.5, 10.0.0.1"));
		var clients = new TrustedProxies(List.of("10.0.0.0/8")).clients();
		assertThat(clients.apply("10.0.0.2", name -> headers.getOrDefault(name, List.of()))).isEqualTo("192.0.2.60");
		assertThat(clients.apply("10.0.0.2", name -> name.equals("Forwarded") ? List.of() : headers.get(name)))
			.isEqualTo("203.0.113.5");
		assertThat(clients.apply("192.0.2.1", name -> headers.getOrDefault(name, List.of()))).isEqualTo("192.0.2.1");
		assertThat(new TrustedProxies(List.of()).clients().apply("10.0.0.2", name -> headers.get(name)))
			.isEqualTo("10.0.0.2");
	}

	@Test
	void onlyAddressLiteralsAreAddressesAndNothingIsLookedUp() {
		assertThat(ClientAddressFilter.literal("192.0.2.1")).isEqualTo("192.0.2.1");
		assertThat(ClientAddressFilter.literal("::1")).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(ClientAddressFilter.literal("localhost")).isNull();
		assertThat(ClientAddressFilter.literal("256.1.1.1")).isNull();
		assertThat(ClientAddressFilter.literal("1.2.3")).isNull();
		assertThat(ClientAddressFilter.literal("dead:beef:zz::1")).isNull();
		assertThat(ClientAddressFilter.literal("")).isNull();
	}

	@Test
	void aTrustedProxyThatIsNotAnAddressOrBlockIsRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("proxy.internal")))
			.withMessageContaining("proxy.internal");
		assertThat(new TrustedProxies(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.7")).trustedProxies()).hasSize(3);
	}

	private static String seen(List<String> trusted, String peer, String header, String value) throws Exception {
		var request = request(peer);
		request.addHeader(header, value);
		return seen(trusted, request);
	}

	private static String seen(List<String> trusted, MockHttpServletRequest request) throws Exception {
		var seen = new AtomicReference<String>();
		new ClientAddressFilter(new TrustedProxies(trusted)).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(req.getRemoteAddr()));
		return seen.get();
	}

	private static MockHttpServletRequest request(String peer) {
		var request = new MockHttpServletRequest("GET", "/api/v1/agent/bundle");
		request.setRemoteAddr(peer);
		return request;
	}

}
