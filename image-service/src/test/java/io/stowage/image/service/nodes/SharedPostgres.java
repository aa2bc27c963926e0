package io.stowage.image.service.nodes;

/** One PostgreSQL server for the test JVM, started on first use and stopped when the JVM ends; tests take a database each. */
public final class SharedPostgres {
    private static PostgresServer server;

    private SharedPostgres() {}

    public static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start();
            PostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stowage-test-postgres-stop"));
        }
        return server;
    }
}
