import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The selector thread: connects, writes each request, reads each answer. */
final class WaitsLoop implements Runnable {

	private final InetSocketAddress address;

	private final Selector selector;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);

	WaitsLoop(InetSocketAddress address) throws IOException {
		this.address = address;
		this.selector = Selector.open();
	}

	void submit(List<WaitsConnection> connections, String query) {
		var batch = new ArrayList<>(connections);
		tasks.add(() -> {
			for (var connection : batch) {
				connection.send(query);
				try {
					if (connection.channel == null || !connection.channel.isOpen()) {
						connection.channel = SocketChannel.open();
						connection.channel.configureBlocking(false);
						connection.channel.connect(address);
						connection.channel.register(selector, SelectionKey.OP_CONNECT, connection);
					}
					else {
						writeAtOnce(connection);
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
		});
		selector.wakeup();
	}

	@Override
	public void run() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				selector.select(100);
				for (Runnable task; (task = tasks.poll()) != null;) {
					task.run();
				}
				for (var key : selector.selectedKeys()) {
					var connection = (WaitsConnection) key.attachment();
					try {
						step(key, connection);
					}
					catch (IOException ex) {
						key.cancel();
						connection.ended();
					}
				}
				selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A request this small goes out at once; its key goes on reading. */
	private void writeAtOnce(WaitsConnection connection) {
		var key = connection.channel.keyFor(selector);
		try {
			connection.channel.write(connection.request);
			if (connection.request.hasRemaining()) {
				key.interestOps(SelectionKey.OP_WRITE);
			}
		}
		catch (IOException ex) {
			key.cancel();
			connection.ended();
		}
	}

	private void step(SelectionKey key, WaitsConnection connection) throws IOException {
		var channel = connection.channel;
		if (key.isConnectable() && channel.finishConnect()) {
			key.interestOps(SelectionKey.OP_WRITE);
		}
		else if (key.isWritable()) {
			channel.write(connection.request);
			if (!connection.request.hasRemaining()) {
				key.interestOps(SelectionKey.OP_READ);
			}
		}
		else if (key.isReadable()) {
			in.clear();
			if (channel.read(in) < 0) {
				key.cancel();
				connection.ended();
				return;
			}
			in.flip();
			if (connection.answeredAt != 0) {
				throw new IllegalStateException("bytes after the answer");
			}
			// The key keeps reading once the answer is in (no epoll_ctl per answer): nothing
			// more comes on the connection until its next request.
			if (connection.read(in)) {
				connection.answeredAt = System.nanoTime();
			}
		}
	}

}
