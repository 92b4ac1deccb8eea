package my.invois.docs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import my.invois.http.ApiException;

/**
 * SPEC C4: the OpenAPI document exactly as written (GET /openapi.json) and a reference page
 * rendered from it by Swagger UI (GET /docs). Every file comes from the jar, none from the
 * network; neither needs a key.
 */
public final class ApiDocs {

    static final String DOCUMENT = "openapi/openapi.json";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The page may load from this server only (and draw Swagger UI's inline SVG icons). */
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";

    private record Asset(String resource, String contentType) {
    }

    private final byte[] document;
    private final byte[] page;
    private final Map<String, Asset> assets;

    private ApiDocs(byte[] document, byte[] page, Map<String, Asset> assets) {
        this.document = document;
        this.page = page;
        this.assets = assets;
    }

    /** Reads the document and the page once; a jar without them cannot start. */
    public static ApiDocs fromClasspath() {
        String swaggerUi = WEBJAR + webjarVersion() + "/";
        return new ApiDocs(read(DOCUMENT), read("docs/index.html"), Map.of(
                "initializer.js", new Asset("docs/initializer.js", "text/javascript"),
                "swagger-ui-bundle.js", new Asset(swaggerUi + "swagger-ui-bundle.js", "text/javascript"),
                "swagger-ui.css", new Asset(swaggerUi + "swagger-ui.css", "text/css"),
                "favicon-32x32.png", new Asset(swaggerUi + "favicon-32x32.png", "image/png")));
    }

    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
        routes.get("/docs", ctx -> ctx.header("Content-Security-Policy", PAGE_POLICY)
                .contentType("text/html; charset=utf-8").result(page));
        routes.get("/docs/{asset}", this::asset);
    }

    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("asset"));
        if (asset == null) {
            throw ApiException.notFound("The requested resource was not found");
        }
        ctx.header("Cache-Control", "public, max-age=3600").contentType(asset.contentType()).result(open(asset.resource()));
    }

    private static String webjarVersion() {
        var properties = new Properties();
        try (InputStream in = open(WEBJAR_VERSION)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the class path");
        }
        return in;
    }
}
