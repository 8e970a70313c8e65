package io.vaas.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers — a request it refuses before any servlet sees it (an
 * encoded slash or backslash, {@code %00}, bad %-encoding, a URL or header over the size
 * limit) — as an RFC 9457 problem instead of an HTML page. Installed as the host's error
 * report valve; it writes fixed text only, never anything from the request.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		var code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		var ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		var status = HttpStatus.resolve(code);
		var title = status == null ? "Error" : status.getReasonPhrase();
		var slug = status == null ? "error" : Slugs.of(status);
		var body = "{\"type\":\"urn:vaas:problem:" + slug + "\",\"title\":\"" + title + "\",\"status\":" + code
				+ ",\"detail\":\"The server could not accept this request (" + title + ")\"}";
		try {
			response.setContentType("application/problem+json");
			response.setHeader("Cache-Control", "no-store");
			var bytes = body.getBytes(StandardCharsets.UTF_8);
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing to report
			// to.
		}
	}

}
