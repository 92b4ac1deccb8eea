package my.invois.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/** What a zero-set-up server keeps in INVOIS_DATA_DIR, read from outside as an operator would. */
public record EmbeddedDataDir(Path path) {

    /** postmaster.pid: the PostgreSQL server's pid on line 1, its port on line 4. */
    public long postmasterPid() {
        return Long.parseLong(postmasterLine(0));
    }

    public int port() {
        return Integer.parseInt(postmasterLine(3));
    }

    public String password() {
        try {
            return Files.readString(path.resolve("postgres-password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path postmasterFile() {
        return path.resolve("postgres").resolve("postmaster.pid");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    public Jdbi jdbi() {
        return Jdbi.create(jdbcUrl(), "postgres", password());
    }

    /** Logs in as the superuser with this password (null: none); the SQLException if refused. */
    public java.sql.Connection login(String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    private String postmasterLine(int line) {
        try {
            return Files.readAllLines(postmasterFile()).get(line).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
