package io.des.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server for tests: Debian's {@code mariadb-server} ({@code scripts/test.sh} installs
 * it when missing and it can), a fresh data directory in a temp folder, {@code mariadbd} on a free
 * loopback port with its socket there, one user {@code des} with a password; stopped and gone
 * after. Without MariaDB installed, a test fails in CI ({@code CI=true}) and is skipped elsewhere,
 * saying so either way.
 */
public final class MariaDb implements AutoCloseable {

    public static final String USER = "des";
    public static final String PASSWORD = "des-test-password";

    private static final List<String> SEARCH = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

    private final Process process;
    private final int port;

    private MariaDb(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server in {@code dir} (its data, socket and log go there). */
    public static MariaDb start(Path dir) throws Exception {
        Path server = binary("mariadbd");
        Path installDb = binary("mariadb-install-db");
        Path client = binary("mariadb");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("mariadb.log");
        run(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data, "--user=root", "--skip-test-db",
                "--auth-root-authentication-method=socket"), log, Duration.ofMinutes(2));
        int port = EmulatorProcesses.freePort();
        Path socket = dir.resolve("mariadb.sock");
        Process process = new ProcessBuilder(server.toString(), "--no-defaults", "--datadir=" + data, "--socket=" + socket,
                "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve", "--user=root", "--pid-file=" + dir.resolve("mariadb.pid"),
                "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M", "--skip-log-bin")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        MariaDb mariaDb = new MariaDb(process, port);
        try {
            awaitSocket(process, socket, log);
            run(List.of(client.toString(), "--no-defaults", "--socket=" + socket, "-uroot", "-e",
                    "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'; GRANT ALL ON *.* TO '" + USER + "'@'%';"),
                    log, Duration.ofSeconds(30));
            return mariaDb;
        } catch (Exception e) {
            mariaDb.close();
            throw e;
        }
    }

    private static Path binary(String name) {
        for (String folder : SEARCH) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not installed: MariaDB is needed for this test (Debian: apt-get install mariadb-server;"
                + " scripts/test.sh installs it when run as root)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        assumeTrue(false, message + "; skipped outside CI");
        throw new IllegalStateException(message);
    }

    private static void run(List<String> command, Path log, Duration timeout) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in " + timeout + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue() + "; see " + log + ":\n" + tail(log));
        }
    }

    private static void awaitSocket(Process process, Path socket, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (Files.exists(socket)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("mariadbd did not start in 60 s:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    public int port() {
        return port;
    }

    /** A connection as {@link #USER} to {@code database} (which may be empty for none). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
    }

    /** Creates {@code database}. */
    public void createDatabase(String database) throws SQLException {
        try (Connection connection = connect(""); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    public void close() {
        EmulatorProcesses.stop(process);
    }
}
