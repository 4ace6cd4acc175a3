package wsis.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j (Community, the same engine as the server) for the tests and
 * the benchmark: Bolt only, on 127.0.0.1, authentication on with a password
 * generated for this run, its data in a temporary folder deleted at exit.
 *
 * <p>Usage: {@code java -Xmx… -cp … wsis.neo4j.TestServer [--port N] [--pagecache SIZE] [--tx-memory SIZE]
 * [--work-parent DIR] [--password PW]} (port 0, the default, lets the system pick a free one; the data folder is made
 * in DIR, default the system's temporary folder: a tmpfs such as /dev/shm makes commits cheap, since
 * every commit forces the transaction log to disk; the password is generated unless given, e.g. by a
 * test that stops a server and starts another on the same port for the same client).
 *
 * <p>When ready it prints one JSON line on stdout,
 * {@code {"uri":"bolt://127.0.0.1:N","user":"neo4j","password":"…"}}, and nothing else
 * there (Neo4j's own logs stay in the temporary folder). It shuts down cleanly, once,
 * on SIGTERM/SIGINT or when its stdin closes, so a test run that dies without stopping it
 * leaves no orphan: the pipe closes with the parent.
 */
public final class TestServer {
    private TestServer() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // Everything Neo4j writes to stdout goes to stderr: stdout carries only the ready line.
        PrintStream out = System.out;
        System.setOut(System.err);

        Path work = options.workParent == null
                ? Files.createTempDirectory("wsis-neo4j-")
                : Files.createTempDirectory(Path.of(options.workParent), "wsis-neo4j-");
        String password = options.password != null ? options.password : HexFormat.of().formatHex(randomBytes(18));
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(work)
                .withDisabledServer()
                .withConfig(HttpConnector.enabled, false)
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                // No usage reports from test runs (and no outbound connection attempt).
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
                .withConfig(GraphDatabaseSettings.memory_transaction_global_max_size, options.txMemoryBytes)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) return;
            try {
                neo4j.close();
            } finally {
                deleteTree(work);
                stopped.countDown();
            }
        };
        // SIGTERM and SIGINT run shutdown hooks; the hook waits for the close to finish.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

        // The embedded API is not subject to Bolt authentication: set the run's password there.
        neo4j.databaseManagementService()
                .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        String uri = "bolt://127.0.0.1:" + neo4j.boltURI().getPort();
        out.println("{\"uri\":\"" + uri + "\",\"user\":\"neo4j\",\"password\":\"" + password + "\"}");
        out.flush();

        // Stdin at end of file (the parent closed the pipe or died): stop.
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // Input is ignored; only its end matters.
                }
            } catch (IOException ignored) {
                // A broken pipe is an end too.
            }
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
        stopped.await();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless; never fail the shutdown for it.
        }
    }

    private record Options(int port, long pageCacheBytes, long txMemoryBytes, String workParent, String password) {
        static Options parse(String[] args) {
            int port = 0;
            String workParent = null;
            String password = null;
            long pageCache = bytes("128m");
            long txMemory = bytes("256m");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(require(args[i], value));
                    case "--pagecache" -> pageCache = bytes(require(args[i], value));
                    case "--tx-memory" -> txMemory = bytes(require(args[i], value));
                    case "--work-parent" -> workParent = require(args[i], value);
                    case "--password" -> password = require(args[i], value);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; use --port N, --pagecache SIZE, --tx-memory SIZE (e.g. 128m, 1g), --work-parent DIR, --password PW.");
                }
                i++;
            }
            return new Options(port, pageCache, txMemory, workParent, password);
        }

        private static String require(String option, String value) {
            if (value == null) throw new IllegalArgumentException(option + " needs a value.");
            return value;
        }

        private static long bytes(String size) {
            String s = size.trim().toLowerCase(java.util.Locale.ROOT);
            long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1L;
            String digits = unit == 1L ? s : s.substring(0, s.length() - 1);
            return Long.parseLong(digits) * unit;
        }
    }
}
