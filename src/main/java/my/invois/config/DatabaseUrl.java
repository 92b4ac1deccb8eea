package my.invois.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** DATABASE_URL in either form: postgresql://user:pass@host:5432/db or jdbc:postgresql://… */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    public static DatabaseUrl parse(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        if (!plain.startsWith("postgresql://") && !plain.startsWith("postgres://")) {
            throw invalid();
        }
        try {
            URI uri = new URI(plain);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw invalid();
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
            Optional<String> userInfo = Optional.ofNullable(uri.getRawUserInfo());
            return new DatabaseUrl(jdbcUrl,
                    userInfo.map(info -> decode(info.split(":", 2)[0])),
                    userInfo.filter(info -> info.contains(":")).map(info -> decode(info.split(":", 2)[1])));
        } catch (URISyntaxException e) {
            throw invalid();
        }
    }

    /** The URL with any password replaced, for logs. */
    public static String masked(String url) {
        return url.replaceAll("(//[^:/@]*:)[^@]*@", "$1****@").replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static ConfigException invalid() {
        return new ConfigException("DATABASE_URL must look like postgresql://user:password@host:5432/database"
                + " (or jdbc:postgresql://host:5432/database?user=…)");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + masked(jdbcUrl) + "]";
    }
}
