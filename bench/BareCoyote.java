import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

/**
 * Tomcat's connector alone, without Catalina: Http11NioProtocol as the server runs it (2
 * KiB response buffers, virtual threads) with a Coyote Adapter that answers a recorded
 * 200 and 304 as bench/BareTomcat.java does, with no servlet, filter chain or mapper. It
 * tells Catalina's share of Tomcat alone's cost. Not part of bench/delivery.sh; start it
 * by hand, on files in the form bench/BareTomcat.java takes:
 * java -cp 'tomcat-embed-core.jar' bench/BareCoyote.java PORT BODY HEADERS_200 HEADERS_304
 */
public class BareCoyote {

	public static void main(String[] args) throws Exception {
		var port = Integer.parseInt(args[0]);
		var recorded = Recorded.read(args[1], args[2], args[3]);
		var body = recorded.body();
		var ok = recorded.ok();
		var notModified = recorded.notModified();
		var etag = recorded.etag();
		var protocol = new Http11NioProtocol() {
			@Override
			public int getDesiredBufferSize() {
				return 2048;
			}
		};
		protocol.setPort(port);
		protocol.setAddress(InetAddress.getLoopbackAddress());
		protocol.setExecutor(new VirtualThreadExecutor("bare-"));
		protocol.setAdapter(new Adapter() {
			@Override
			public void service(Request request, Response response) throws IOException {
				if (etag.equals(request.getHeader("If-None-Match"))) {
					response.setStatus(304);
					notModified.forEach(h -> response.setHeader(h[0], h[1]));
					return;
				}
				response.setStatus(200);
				ok.forEach(h -> response.setHeader(h[0], h[1]));
				response.setContentLength(body.length);
				response.doWrite(ByteBuffer.wrap(body));
			}

			@Override
			public boolean prepare(Request request, Response response) {
				return true;
			}

			@Override
			public boolean asyncDispatch(Request request, Response response, SocketEvent status) {
				return false;
			}

			@Override
			public void log(Request request, Response response, long time) {
			}

			@Override
			public void checkRecycled(Request request, Response response) {
			}

			@Override
			public String getDomain() {
				return "bare";
			}
		});
		protocol.init();
		protocol.start();
		System.out.println("STARTED");
		Thread.currentThread().join();
	}

}
