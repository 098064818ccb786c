import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community DBMS that serves Bolt, for Lantern's local `start` and tests.
 *
 * Protocol with the parent (graph/server/localNeo4j.ts):
 *  - stdout carries exactly one line, "LANTERN_NEO4J_READY bolt://host:port", or on a bind
 *    failure "LANTERN_NEO4J_PORT_IN_USE host:port" (exit code 98) so the parent can retry
 *    another port. Everything else (Neo4j's user log, errors) goes to stderr.
 *  - EOF on stdin means the parent is gone (even after kill -9 its end of the pipe closes), so
 *    we shut down; this is what prevents orphaned JVMs holding the store lock and the port.
 *
 * Options: --host, --port, --data-dir, --pagecache, --tx-timeout, --replan-interval, --log-level,
 * --no-stdin-watch, or the env vars LANTERN_NEO4J_{HOST,PORT,DATA_DIR,PAGECACHE,TX_TIMEOUT,
 * REPLAN_INTERVAL,LOG_LEVEL}.
 */
public final class Launcher {
    static final int EXIT_PORT_IN_USE = 98;

    private static final Object LOCK = new Object();
    // Guarded by LOCK: the shutdown hook must never race a half-built DBMS.
    private static DatabaseManagementService dbms;
    private static boolean stopping;

    private Launcher() {}

    public static void main(String[] argv) throws Exception {
        // Neo4j and its libraries may print to System.out; stdout is reserved for the protocol line.
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err);

        Map<String, String> opts = parseArgs(argv);
        String host = opt(opts, "host", "LANTERN_NEO4J_HOST", "127.0.0.1");
        int port = Integer.parseInt(opt(opts, "port", "LANTERN_NEO4J_PORT", "7687"));
        String dataDir = opt(opts, "data-dir", "LANTERN_NEO4J_DATA_DIR", null);
        String pagecache = opt(opts, "pagecache", "LANTERN_NEO4J_PAGECACHE", "256m");
        String txTimeout = opt(opts, "tx-timeout", "LANTERN_NEO4J_TX_TIMEOUT", "120s");
        String replanInterval = opt(opts, "replan-interval", "LANTERN_NEO4J_REPLAN_INTERVAL", "5m");
        String logLevel = opt(opts, "log-level", "LANTERN_NEO4J_LOG_LEVEL", "INFO");
        boolean watchStdin = !opts.containsKey("no-stdin-watch");
        if (dataDir == null || dataDir.isEmpty()) {
            System.err.println("Launcher: --data-dir (or LANTERN_NEO4J_DATA_DIR) is required");
            System.exit(2);
        }
        Path home = Path.of(dataDir).toAbsolutePath();

        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "lantern-neo4j-shutdown"));
        // Started before build() so a parent that dies during the (slow) startup still takes us down.
        if (watchStdin) {
            startStdinWatch();
        }

        // Neo4j binds Bolt only after its databases are up (~5-10 s on 2 cores); probing first makes the
        // common "port already taken" case fail in well under a second, so the parent's retry is cheap.
        if (port != 0 && !canBind(host, port)) {
            protocol.println("LANTERN_NEO4J_PORT_IN_USE " + host + ":" + port);
            System.err.println("Launcher: " + host + ":" + port + " is already in use");
            System.exit(EXIT_PORT_IN_USE);
        }

        long t0 = System.nanoTime();
        GraphDatabaseService db;
        try {
            synchronized (LOCK) {
                if (stopping) {
                    return;
                }
                dbms = new DatabaseManagementServiceBuilder(home)
                        .setUserLogProvider(new Log4jLogProvider(System.err, Level.valueOf(logLevel.toUpperCase(Locale.ROOT))))
                        .setConfig(BoltConnector.enabled, true)
                        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                        // Local-only developer/test DBMS bound to loopback: no users to manage.
                        .setConfig(GraphDatabaseSettings.auth_enabled, false)
                        .setConfig(HttpConnector.enabled, false)
                        .setConfig(HttpsConnector.enabled, false)
                        // The network is closed; a usage-report attempt would only produce noise.
                        .setConfig(GraphDatabaseSettings.udc_enabled, false)
                        // Shared 2-core machine: the default page cache would size itself from total RAM.
                        .setConfig(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse(pagecache))
                        .setConfig(GraphDatabaseSettings.transaction_timeout, SettingValueParsers.DURATION.parse(txTimeout))
                        // Every Lantern query is anchored on unique-key index seeks, so fresher statistics rarely
                        // change its plan; but with the default 10 s a growing graph (match and review edges from
                        // zero) had each plan discarded every 20 s, and replanning a resolver statement took
                        // 300-550 ms, the whole tail of resolution latency.
                        .setConfig(GraphDatabaseSettings.cypher_min_replan_interval, SettingValueParsers.DURATION.parse(replanInterval))
                        // Netty's default 5 s quiet period, paid once per event-loop group, made every stop take
                        // ~10 s. It runs after the databases are checkpointed and closed, so cutting it risks no data.
                        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                        .build();
                db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            }
        } catch (Throwable e) {
            // Outside LOCK: System.exit runs the shutdown hook, which takes LOCK.
            if (hasCause(e, BindException.class)) {
                protocol.println("LANTERN_NEO4J_PORT_IN_USE " + host + ":" + port);
                System.err.println("Launcher: cannot bind Bolt to " + host + ":" + port + ": " + rootMessage(e));
                System.exit(EXIT_PORT_IN_USE);
            }
            System.err.println("Launcher: Neo4j failed to start");
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }

        if (!db.isAvailable(Duration.ofMinutes(5).toMillis())) {
            System.err.println("Launcher: database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME + "' did not become available");
            System.exit(1);
        }
        synchronized (LOCK) {
            if (stopping) {
                return;
            }
        }
        System.err.printf(Locale.ROOT, "Launcher: Neo4j available after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        protocol.println("LANTERN_NEO4J_READY bolt://" + hostForUri(host) + ":" + port);

        // Neo4j's threads are not a contract for keeping the JVM alive; the hook decides when we end.
        new CountDownLatch(1).await();
    }

    private static void shutdown() {
        synchronized (LOCK) {
            stopping = true;
            if (dbms != null) {
                System.err.println("Launcher: shutting down Neo4j");
                try {
                    dbms.shutdown();
                } catch (Throwable e) {
                    e.printStackTrace(System.err);
                }
                dbms = null;
                System.err.println("LANTERN_NEO4J_STOPPED");
            }
        }
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (BindException e) {
            // "Cannot assign requested address" is also a BindException; leave that one for Neo4j to report.
            return e.getMessage() == null || !e.getMessage().toLowerCase(Locale.ROOT).contains("in use");
        } catch (IOException e) {
            return true;
        }
    }

    private static void startStdinWatch() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // Content is ignored; only the pipe closing matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as EOF.
            }
            System.err.println("Launcher: stdin closed (parent gone), exiting");
            System.exit(0);
        }, "lantern-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static Map<String, String> parseArgs(String[] argv) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + a);
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                out.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (key.startsWith("no-")) {
                out.put(key, "true");
            } else if (i + 1 < argv.length) {
                out.put(key, argv[++i]);
            } else {
                throw new IllegalArgumentException("Missing value for " + a);
            }
        }
        return out;
    }

    private static String opt(Map<String, String> opts, String key, String env, String dflt) {
        String v = opts.get(key);
        if (v == null) {
            v = System.getenv(env);
        }
        return v == null || v.isEmpty() ? dflt : v;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c) || (c.getMessage() != null && c.getMessage().contains("Address already in use"))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.toString();
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
