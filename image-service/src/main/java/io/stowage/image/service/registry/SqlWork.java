package io.stowage.image.service.registry;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one registry connection. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
