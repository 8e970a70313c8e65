package io.vaas.shared;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 connector with 2 KiB servlet response buffers in place of 8 KiB.
 * Tomcat makes a byte buffer and a char buffer of that size for every request object,
 * used or not, and a waiting long-poll holds its request object until it is answered: 18
 * KiB less for each. The server writes its bodies whole (a manifest, a tar, a problem),
 * so a larger body goes past the buffer to the socket's own 8 KiB buffer, which still
 * gathers the headers and small writes into one system call.
 */
public class LeanResponseBuffersProtocol extends Http11NioProtocol {

	/** The servlet response buffer's size, in bytes and in chars. */
	static final int RESPONSE_BUFFER_SIZE = 2048;

	@Override
	public int getDesiredBufferSize() {
		return RESPONSE_BUFFER_SIZE;
	}

}
