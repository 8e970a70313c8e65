import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat alone, the same version as the server's, on virtual threads and with 2 KiB response
 * buffers as the server runs it,
 * with one servlet that answers a recorded answer of the server: the same status, headers and
 * body for a GET, and its recorded 304 when If-None-Match names the ETag. What is left between
 * this and nginx is the web server's; what is left between vaas and this is vaas's own.
 * A GET with {@code ?wait=SECONDS} and the current ETag is held asynchronously that long,
 * then answered 304 (bench/waits-alone.sh).
 * Usage: java -cp 'tomcat-embed-core.jar:…' bench/BareTomcat.java PORT BODY HEADERS_200 HEADERS_304 BASE_DIR
 * (the headers as curl -D writes them; Date, Content-Length, Connection and Keep-Alive are left to
 * Tomcat).
 */
public class BareTomcat {

	public static void main(String[] args) throws Exception {
		var port = Integer.parseInt(args[0]);
		var recorded = Recorded.read(args[1], args[2], args[3]);
		var body = recorded.body();
		var ok = recorded.ok();
		var notModified = recorded.notModified();
		var etag = recorded.etag();
		var tomcat = new Tomcat();
		tomcat.setBaseDir(args[4]);
		// The server's 2 KiB response buffers (LeanResponseBuffersProtocol).
		var connector = new Connector(new Http11NioProtocol() {
			@Override
			public int getDesiredBufferSize() {
				return 2048;
			}
		});
		connector.setPort(port);
		connector.setProperty("address", "127.0.0.1");
		connector.setProperty("useVirtualThreads", "true");
		// As bench/waits.sh runs the server: room for tens of thousands of waiting requests.
		connector.setProperty("maxConnections", "60000");
		connector.setProperty("acceptCount", "4096");
		tomcat.setConnector(connector);
		var context = tomcat.addContext("", null);
		var deadlines = Executors.newSingleThreadScheduledExecutor();
		var servlet = Tomcat.addServlet(context, "bundle", new HttpServlet() {
			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				var wait = request.getParameter("wait");
				if (wait != null && etag.equals(request.getHeader("If-None-Match")) && !request.isAsyncStarted()) {
					// A long-poll as the server holds one: asynchronous, without a thread, until
					// its deadline, then the 304.
					var async = request.startAsync();
					async.setTimeout(0);
					deadlines.schedule(() -> {
						var waited = (HttpServletResponse) async.getResponse();
						waited.setStatus(304);
						notModified.forEach(h -> waited.setHeader(h[0], h[1]));
						async.complete();
					}, Long.parseLong(wait), TimeUnit.SECONDS);
					return;
				}
				if (etag.equals(request.getHeader("If-None-Match"))) {
					response.setStatus(304);
					notModified.forEach(h -> response.setHeader(h[0], h[1]));
					return;
				}
				response.setStatus(200);
				ok.forEach(h -> response.setHeader(h[0], h[1]));
				response.setContentLength(body.length);
				response.getOutputStream().write(body);
			}
		});
		servlet.setAsyncSupported(true);
		context.addServletMappingDecoded("/bundle", "bundle");
		tomcat.start();
		System.out.println("STARTED");
		tomcat.getServer().await();
	}

}
