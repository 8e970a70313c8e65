package io.vaas.shared;

import java.security.Principal;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.WebRequest;

/**
 * A request that came in outside the servlet chain (the agents' port), as far as the rest
 * of the server asks about it: bound to the thread that serves it
 * ({@code RequestContextHolder}) it tells the audit log the client's address, and it is
 * the {@link WebRequest} the problem advices' framework handlers take. It holds no
 * headers or parameters: the advices describe an exception, not the request.
 */
public final class PeerRequest implements WebRequest {

	private final String clientAddress;

	private final String path;

	public PeerRequest(String clientAddress, String path) {
		this.clientAddress = clientAddress;
		this.path = path;
	}

	/** The client's address, as {@code getRemoteAddr()} tells it on the servlet chain. */
	public String clientAddress() {
		return clientAddress;
	}

	@Override
	public @Nullable String getHeader(String headerName) {
		return null;
	}

	@Override
	public String @Nullable [] getHeaderValues(String headerName) {
		return null;
	}

	@Override
	public Iterator<String> getHeaderNames() {
		return Collections.emptyIterator();
	}

	@Override
	public @Nullable String getParameter(String paramName) {
		return null;
	}

	@Override
	public String @Nullable [] getParameterValues(String paramName) {
		return null;
	}

	@Override
	public Iterator<String> getParameterNames() {
		return Collections.emptyIterator();
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return Map.of();
	}

	@Override
	public Locale getLocale() {
		return Locale.ROOT;
	}

	@Override
	public String getContextPath() {
		return "";
	}

	@Override
	public @Nullable String getRemoteUser() {
		return null;
	}

	@Override
	public @Nullable Principal getUserPrincipal() {
		return null;
	}

	@Override
	public boolean isUserInRole(String role) {
		return false;
	}

	@Override
	public boolean isSecure() {
		return false;
	}

	@Override
	public boolean checkNotModified(long lastModifiedTimestamp) {
		return false;
	}

	@Override
	public boolean checkNotModified(String etag) {
		return false;
	}

	@Override
	public boolean checkNotModified(@Nullable String etag, long lastModifiedTimestamp) {
		return false;
	}

	@Override
	public String getDescription(boolean includeClientInfo) {
		return "uri=" + path + (includeClientInfo ? ";client=" + clientAddress : "");
	}

	@Override
	public @Nullable Object getAttribute(String name, int scope) {
		return null;
	}

	@Override
	public void setAttribute(String name, Object value, int scope) {
	}

	@Override
	public void removeAttribute(String name, int scope) {
	}

	@Override
	public String[] getAttributeNames(int scope) {
		return new String[0];
	}

	@Override
	public void registerDestructionCallback(String name, Runnable callback, int scope) {
	}

	@Override
	public @Nullable Object resolveReference(String key) {
		return null;
	}

	@Override
	public String getSessionId() {
		return "";
	}

	@Override
	public Object getSessionMutex() {
		return this;
	}

}
