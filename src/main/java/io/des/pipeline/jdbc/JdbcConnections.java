package io.des.pipeline.jdbc;

import io.des.pipeline.config.Endpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens a connection to a pipeline's database, with its driver, user, password and properties. */
public final class JdbcConnections {

    private JdbcConnections() {}

    public static Connection open(Endpoint endpoint) throws SQLException {
        String driver = endpoint.driverClass();
        if (driver != null) {
            try {
                Class.forName(driver);
            } catch (ClassNotFoundException e) {
                throw new SQLException("the JDBC driver " + driver + " is not on the class path", e);
            }
        }
        try {
            return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.connectionProperties());
        } catch (SQLException e) {
            // The driver's message may quote the URL; ours names the endpoint without its secrets.
            throw new SQLException("cannot connect to " + endpoint.describe() + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
