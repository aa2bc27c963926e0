package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.stowage.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The registry's connections: a pool for reads and a pool for writes, the schema migrated by
 * Flyway when opened.
 *
 * <p>SQLite (the embedded default) has one writer at a time. Rather than let concurrent writers
 * collide and spin on {@code SQLITE_BUSY}, writes go through a pool of one connection: they queue
 * in the pool, in order, and never see a busy database. Reads run beside them on their own
 * connections (WAL mode lets readers and the writer work at once). {@code synchronous=FULL}:
 * a committed status change survives a power cut, as the stored data it points to does.
 *
 * <p>PostgreSQL (several nodes on one registry) takes reads and writes from one pool: its rows
 * are locked per row, and a conditional UPDATE that waited for another one re-checks its
 * condition on the row as that one left it, so the lifecycle's single-statement transitions stay
 * exact under concurrency. Its connections time out quickly ({@value #CONNECT_SECONDS} s), so that
 * requests answer 503 while the database is down instead of hanging, and the pool reconnects on
 * its own when it is back.
 */
final class Database implements AutoCloseable {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    static final int CONNECT_SECONDS = 3;
    private static final int POSTGRESQL_CONNECTIONS = 16;
    private static final String MIGRATIONS = "classpath:io/stowage/image/service/registry/migration";
    private static final int READ_CONNECTIONS = 4;

    private final HikariDataSource reads;
    private final HikariDataSource writes;
    private final boolean postgresql;

    private Database(HikariDataSource reads, HikariDataSource writes, boolean postgresql) {
        this.reads = reads;
        this.writes = writes;
        this.postgresql = postgresql;
    }

    /** Whether this is a PostgreSQL registry (else SQLite). */
    boolean isPostgresql() {
        return postgresql;
    }

    /**
     * Opens the registry at {@code url} and brings its schema up to date.
     *
     * @param credentials the user and password of a PostgreSQL registry; ignored by SQLite
     * @throws InvalidConfigurationException for a URL this build cannot serve or a database it cannot open
     */
    static Database open(String url, RegistryCredentials credentials) throws InvalidConfigurationException {
        requireNonNull(url, "url is null");
        requireNonNull(credentials, "credentials is null");
        if (url.startsWith(POSTGRESQL_PREFIX)) {
            return openPostgresql(url, credentials);
        }
        if (!url.startsWith(SQLITE_PREFIX)) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'registry' must be a jdbc:sqlite: or"
                    + " jdbc:postgresql: URL");
        }
        createParentDir(url.substring(SQLITE_PREFIX.length()));
        HikariDataSource writes = null;
        HikariDataSource reads = null;
        try {
            writes = sqlitePool(url, "stowage-registry-write", 1);
            reads = sqlitePool(url, "stowage-registry-read", READ_CONNECTIONS);
            Flyway.configure().dataSource(writes).locations(MIGRATIONS).load().migrate();
            return new Database(reads, writes, false);
        } catch (RuntimeException e) {
            closeQuietly(reads, e);
            closeQuietly(writes, e);
            throw new InvalidConfigurationException("Cannot open the image registry " + url + ": " + firstLine(e), e);
        }
    }

    private static Database openPostgresql(String url, RegistryCredentials credentials) throws InvalidConfigurationException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("stowage-registry");
        config.setJdbcUrl(url);
        credentials.user().ifPresent(config::setUsername);
        credentials.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(POSTGRESQL_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setConnectionTimeout(CONNECT_SECONDS * 1000L);
        config.setValidationTimeout(1000);
        // the pool starts even when the database is down; the first requests then answer 503
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_SECONDS));
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(config);
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
            return new Database(pool, pool, true);
        } catch (RuntimeException e) {
            closeQuietly(pool, e);
            throw new InvalidConfigurationException("Cannot open the image registry " + RegistryCredentials.redact(url) + ": "
                    + firstLine(e), e);
        }
    }

    private static void createParentDir(String path) throws InvalidConfigurationException {
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            throw new InvalidConfigurationException("Invalid configuration of images: key 'registry' must name a database file");
        }
        int query = path.indexOf('?');
        Path file = Path.of(query < 0 ? path : path.substring(0, query)).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new InvalidConfigurationException("Cannot create the directory of the image registry " + file + ": " + e, e);
        }
    }

    private static HikariDataSource sqlitePool(String url, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("foreign_keys", "true");
        return new HikariDataSource(config);
    }

    /** Runs {@code work} on a read connection. */
    <T> T read(String what, SqlWork<T> work) {
        try (Connection connection = reads.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new RegistryUnavailableException("The image registry failed " + what + ": " + firstLine(e), e);
        }
    }

    /**
     * Runs {@code work} in one transaction on the write connection, and rolls it back and returns
     * null if {@code work} throws a {@code refusal} (a condition that failed midway).
     */
    <T> T write(String what, SqlWork<T> work, Class<? extends RuntimeException> refusal) {
        try {
            return write(what, work);
        } catch (RuntimeException e) {
            if (refusal.isInstance(e)) {
                return null;
            }
            throw e;
        }
    }

    /** Runs {@code work} in one transaction on the write connection; any failure rolls it all back. */
    <T> T write(String what, SqlWork<T> work) {
        try (Connection connection = writes.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new RegistryUnavailableException("The image registry failed " + what + ": " + firstLine(e), e);
        }
    }

    @Override
    public void close() {
        reads.close();
        if (writes != reads) {
            writes.close();
        }
    }

    private static void closeQuietly(HikariDataSource pool, RuntimeException failure) {
        if (pool != null) {
            try {
                pool.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    static boolean isConstraintViolation(SQLException e) {
        // SQLite: SQLITE_CONSTRAINT (19) and its extended codes; PostgreSQL: SQLState class 23
        return (e.getSQLState() != null && e.getSQLState().startsWith("23")) || (e.getErrorCode() & 0xff) == 19;
    }

}
