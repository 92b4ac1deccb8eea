package my.invois.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import my.invois.einvoices.signing.EinvoiceVersion;
import my.invois.einvoices.signing.SigningKeyException;
import my.invois.einvoices.signing.SigningKeys;
import my.invois.orders.MonthClose;

/**
 * Builds {@link Config} from environment variables; each may also be given as a flag
 * ({@code --port=8081} for {@code PORT}, {@code --data-dir=…} for {@code INVOIS_DATA_DIR}).
 */
public final class ConfigLoader {

    static final int MIN_KEY_LENGTH = 16;
    /** Javalin's own default pool. */
    public static final int DEFAULT_HTTP_THREADS = 250;
    /** Jetty takes acceptor, selector and reserved threads from the same pool before any request runs. */
    static final int MIN_HTTP_THREADS = 16;
    static final int SECRET_KEY_BYTES = 32;
    private static final Pattern LABELLED_ENTRY = Pattern.compile("^([A-Za-z0-9._-]{1,64})(?::([a-z]+))?=(.+)$");
    private static final Pattern LIMITS = Pattern.compile("^(\\d{1,12})/(\\d{1,12})/(\\d{1,12})$");
    private static final List<String> VARIABLES = List.of(
            "PORT", "INVOIS_API_KEY", "INVOIS_API_KEYS", "DATABASE_URL", "INVOIS_DATA_DIR", "REDIS_URL", "INVOIS_REDIS_TIMEOUT_MS", "INVOIS_INSTANCES",
            "INVOIS_RATE_LIMIT_DEFAULT", "INVOIS_RATE_LIMIT_PREMIUM", "INVOIS_RATE_LIMIT_ENTERPRISE",
            "INVOIS_RATE_LIMITS_ENABLED", "INVOIS_DB_POOL_SIZE", "INVOIS_DB_TIMEOUT_MS", "INVOIS_DRAIN_TIMEOUT_SECONDS",
            "INVOIS_METRICS", "INVOIS_METRICS_PORT", "INVOIS_LOG_FORMAT",
            "INVOIS_AUTH_FAILURES_PER_MINUTE", "INVOIS_AUTH_LOCKOUT_SECONDS", "INVOIS_TRUST_PROXY", "INVOIS_IDLE_TIMEOUT_SECONDS",
            "INVOIS_EMBEDDED_SYNCHRONOUS_COMMIT",
            "INVOIS_MAX_CONNECTIONS", "INVOIS_MAX_CONNECTIONS_PER_ADDRESS", "INVOIS_REQUEST_READ_TIMEOUT_SECONDS", "INVOIS_HTTP_THREADS",
            "INVOIS_SIGNING_KEYSTORE", "INVOIS_SIGNING_KEYSTORE_PASSWORD", "INVOIS_EINVOICE_VERSION",
            "INVOIS_SECRET_KEY",
            "INVOIS_MYINVOIS_URL", "INVOIS_MYINVOIS_PORTAL_URL", "INVOIS_MYINVOIS_CLIENT_ID", "INVOIS_MYINVOIS_CLIENT_SECRET",
            "INVOIS_MYINVOIS_CONNECT_TIMEOUT_MS", "INVOIS_MYINVOIS_REQUEST_TIMEOUT_MS",
            "SHOPIFY_API_SECRET",
            "INVOIS_OVER_LIMIT_FALLBACK");
    /** Read by logback.xml before any flag is parsed, so only the environment can set them. */
    private static final List<String> ENVIRONMENT_ONLY = List.of("INVOIS_LOG_FORMAT");
    static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

    private final Map<String, String> settings;
    private final long openFileLimit;

    private ConfigLoader(Map<String, String> settings, long openFileLimit) {
        this.settings = settings;
        this.openFileLimit = openFileLimit;
    }

    public static Config load(Map<String, String> environment, String[] args) {
        return load(environment, args, OpenFileLimit.ofThisProcess());
    }

    /** With the process's limit on open files given, as a test chooses it. */
    static Config load(Map<String, String> environment, String[] args, long openFileLimit) {
        var settings = new HashMap<String, String>();
        environment.forEach((name, value) -> {
            if (VARIABLES.contains(name) && !value.isBlank()) {
                settings.put(name, value.trim());
            }
        });
        settings.putAll(flags(args));
        return new ConfigLoader(settings, openFileLimit).config();
    }

    private static Map<String, String> flags(String[] args) {
        var flags = new HashMap<String, String>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new ConfigException("Unknown argument '" + arg + "': flags look like --port=8080");
            }
            String name = arg.substring(2, equals).toUpperCase(Locale.ROOT).replace('-', '_');
            String variable = VARIABLES.contains(name) ? name : "INVOIS_" + name;
            if (!VARIABLES.contains(variable)) {
                throw new ConfigException("Unknown flag --" + arg.substring(2, equals) + "; known settings: " + VARIABLES);
            }
            if (ENVIRONMENT_ONLY.contains(variable)) {
                throw new ConfigException(variable + " cannot be given as a flag (logging starts before flags are read):"
                        + " set it in the environment");
            }
            flags.put(variable, arg.substring(equals + 1).trim());
        }
        return flags;
    }

    private Config config() {
        int port = integer("PORT", 8080, 0, 65_535);
        boolean metricsEnabled = onOff("INVOIS_METRICS", true);
        boolean trustProxy = bool("INVOIS_TRUST_PROXY", false);
        return new Config(
                port,
                apiKeys(),
                optional("DATABASE_URL").map(url -> {
                    DatabaseUrl.parse(url);
                    return url;
                }),
                Path.of(optional("INVOIS_DATA_DIR").orElse("./data")),
                optional("REDIS_URL").map(this::redisUrl),
                Duration.ofMillis(integer("INVOIS_REDIS_TIMEOUT_MS", 250, 1, 10_000)),
                integer("INVOIS_INSTANCES", 2, 1, 1_000),
                tierLimits(),
                bool("INVOIS_RATE_LIMITS_ENABLED", true),
                integer("INVOIS_DB_POOL_SIZE", 10, 1, 500),
                Duration.ofMillis(integer("INVOIS_DB_TIMEOUT_MS", 2_000, 250, 60_000)),
                Duration.ofSeconds(integer("INVOIS_DRAIN_TIMEOUT_SECONDS", 20, 0, 600)),
                metricsEnabled,
                metricsPort(port, metricsEnabled),
                optional("INVOIS_LOG_FORMAT").map(text -> LogFormat.parse(text).orElseThrow(
                        () -> new ConfigException("INVOIS_LOG_FORMAT must be text or json (lower case, as logback.xml"
                                + " reads it), not '" + text + "'"))).orElse(LogFormat.TEXT),
                integer("INVOIS_AUTH_FAILURES_PER_MINUTE", 20, 1, 1_000_000),
                Duration.ofSeconds(integer("INVOIS_AUTH_LOCKOUT_SECONDS", 60, 0, 86_400)),
                trustProxy,
                Duration.ofSeconds(integer("INVOIS_IDLE_TIMEOUT_SECONDS", 30, 1, 3_600)),
                onOff("INVOIS_EMBEDDED_SYNCHRONOUS_COMMIT", true),
                clientLimits(trustProxy),
                integer("INVOIS_HTTP_THREADS", DEFAULT_HTTP_THREADS, MIN_HTTP_THREADS, 10_000),
                signingKeystore(),
                optional("INVOIS_EINVOICE_VERSION").map(text -> EinvoiceVersion.parse(text).orElseThrow(
                        () -> new ConfigException("INVOIS_EINVOICE_VERSION must be 1.1 (signed) or 1.0 (unsigned), not '"
                                + text + "'"))).orElse(EinvoiceVersion.V1_1),
                optional("INVOIS_SECRET_KEY").map(ConfigLoader::secretKey),
                myinvois(),
                shopifyApiSecrets(),
                overLimitFallback());
    }

    /** E5: an order over RM10,000 without buyer details, when its month is consolidated (a choice to confirm with a tax adviser). */
    private MonthClose.OverLimit overLimitFallback() {
        return optional("INVOIS_OVER_LIMIT_FALLBACK").map(text -> switch (text) {
            case "individual" -> MonthClose.OverLimit.INDIVIDUAL;
            case "hold" -> MonthClose.OverLimit.HOLD;
            default -> throw new ConfigException("INVOIS_OVER_LIMIT_FALLBACK must be individual (an individual e-invoice with the"
                    + " general TIN) or hold (keep the order needs-buyer-details), not '" + text + "'");
        }).orElse(MonthClose.OverLimit.INDIVIDUAL);
    }

    /** E1: LHDN's URL needs the intermediary's credentials and a portal, derived for LHDN's own two hosts. */
    private MyInvoisSettings myinvois() {
        Optional<String> url = optional("INVOIS_MYINVOIS_URL").map(text -> httpUrl("INVOIS_MYINVOIS_URL", text));
        Optional<String> portal = optional("INVOIS_MYINVOIS_PORTAL_URL").map(text -> httpUrl("INVOIS_MYINVOIS_PORTAL_URL", text));
        Optional<String> clientId = optional("INVOIS_MYINVOIS_CLIENT_ID");
        Optional<String> clientSecret = optional("INVOIS_MYINVOIS_CLIENT_SECRET");
        if (url.isEmpty() && portal.isPresent()) {
            throw new ConfigException("INVOIS_MYINVOIS_PORTAL_URL is set but INVOIS_MYINVOIS_URL is not:"
                    + " the built-in simulator is its own portal; set INVOIS_MYINVOIS_URL too, or unset the portal");
        }
        if (url.isPresent() && (clientId.isEmpty() || clientSecret.isEmpty())) {
            throw new ConfigException("INVOIS_MYINVOIS_URL is set: set INVOIS_MYINVOIS_CLIENT_ID and INVOIS_MYINVOIS_CLIENT_SECRET"
                    + " to the intermediary's ERP client registered in that environment's MyInvois portal");
        }
        if (url.isPresent() && portal.isEmpty()) {
            portal = Optional.of(derivedPortal(url.get()));
        }
        return new MyInvoisSettings(url, portal, clientId, clientSecret,
                Duration.ofMillis(integer("INVOIS_MYINVOIS_CONNECT_TIMEOUT_MS", 5_000, 100, 60_000)),
                Duration.ofMillis(integer("INVOIS_MYINVOIS_REQUEST_TIMEOUT_MS", 30_000, 500, 300_000)));
    }

    private static String derivedPortal(String url) {
        if (url.equals(MyInvoisSettings.PREPROD_API)) {
            return MyInvoisSettings.PREPROD_PORTAL;
        }
        if (url.equals(MyInvoisSettings.PROD_API)) {
            return MyInvoisSettings.PROD_PORTAL;
        }
        throw new ConfigException("INVOIS_MYINVOIS_PORTAL_URL must be set: INVOIS_MYINVOIS_URL " + url + " is neither LHDN's"
                + " sandbox (" + MyInvoisSettings.PREPROD_API + ") nor production (" + MyInvoisSettings.PROD_API + "),"
                + " so the portal of its validation links cannot be derived");
    }

    /** An http(s) base URL without a trailing slash; the message quotes it (these URLs hold no secret). */
    private static String httpUrl(String name, String text) {
        String url = text.replaceAll("/+$", "");
        try {
            java.net.URI uri = new java.net.URI(url);
            if ((uri.getScheme().equals("https") || uri.getScheme().equals("http")) && uri.getHost() != null
                    && uri.getUserInfo() == null && uri.getQuery() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException | NullPointerException e) {
            // reported below
        }
        throw new ConfigException(name + " must be an http(s) base URL such as " + MyInvoisSettings.PREPROD_API + ", not '" + text + "'");
    }

    /** E3: the app's client secrets, comma-separated while a rotation accepts the old and the new; the message never quotes one. */
    private List<String> shopifyApiSecrets() {
        var secrets = new ArrayList<String>();
        optional("SHOPIFY_API_SECRET").ifPresent(list -> {
            String[] entries = list.split(",", -1);
            for (int position = 0; position < entries.length; position++) {
                String secret = entries[position].trim();
                if (secret.isEmpty() || secret.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                    throw new ConfigException("SHOPIFY_API_SECRET entry " + (position + 1) + " must be the Shopify app's client"
                            + " secret: printable ASCII without spaces (several are separated by commas during a rotation)");
                }
                secrets.add(secret);
            }
        });
        return secrets;
    }

    /**
     * Connections stay below the limit on open files, leaving room for the server's own files.
     * Behind a proxy every connection comes from the proxy, so the per-address cap defaults to
     * the total there.
     */
    private ClientLimits clientLimits(boolean trustProxy) {
        long room = openFileLimit - OpenFileLimit.RESERVED;
        if (room < 1) {
            throw new ConfigException("The process may open only " + openFileLimit + " files, fewer than the "
                    + OpenFileLimit.RESERVED + " the server keeps for itself: raise it (ulimit -n)");
        }
        int ceiling = (int) Math.min(room, 1_000_000);
        if (settings.containsKey("INVOIS_MAX_CONNECTIONS") && !fitsUnder("INVOIS_MAX_CONNECTIONS", ceiling)) {
            throw new ConfigException("INVOIS_MAX_CONNECTIONS must be a whole number from 1 to " + ceiling
                    + " (the limit on open files, " + openFileLimit + ", less " + OpenFileLimit.RESERVED
                    + " kept for the server's own files), not '" + settings.get("INVOIS_MAX_CONNECTIONS") + "'");
        }
        int total = integer("INVOIS_MAX_CONNECTIONS", Math.min(DEFAULT_MAX_CONNECTIONS, ceiling), 1, ceiling);
        int perAddress = integer("INVOIS_MAX_CONNECTIONS_PER_ADDRESS",
                trustProxy ? total : Math.min(DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, total), 1, total);
        return new ClientLimits(total, perAddress,
                Duration.ofSeconds(integer("INVOIS_REQUEST_READ_TIMEOUT_SECONDS", 20, 1, 3_600)));
    }

    private boolean fitsUnder(String name, int ceiling) {
        try {
            return Long.parseLong(settings.get(name)) <= ceiling;
        } catch (NumberFormatException e) {
            return true; // integer() reports the malformed number
        }
    }

    /** E1: loaded here, so that a keystore that cannot sign stops start-up naming the variable to fix. */
    private Optional<SigningKeystore> signingKeystore() {
        Optional<String> path = optional("INVOIS_SIGNING_KEYSTORE");
        Optional<String> password = optional("INVOIS_SIGNING_KEYSTORE_PASSWORD");
        if (path.isEmpty()) {
            if (password.isPresent()) {
                throw new ConfigException("INVOIS_SIGNING_KEYSTORE_PASSWORD is set but INVOIS_SIGNING_KEYSTORE is not:"
                        + " set the path of the PKCS#12 file too");
            }
            return Optional.empty();
        }
        if (password.isEmpty()) {
            throw new ConfigException("INVOIS_SIGNING_KEYSTORE is set but INVOIS_SIGNING_KEYSTORE_PASSWORD is not:"
                    + " set the PKCS#12 file's password");
        }
        byte[] keystore;
        try {
            keystore = Files.readAllBytes(Path.of(path.get()));
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException("INVOIS_SIGNING_KEYSTORE: cannot read the PKCS#12 file " + path.get()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return Optional.of(new SigningKeystore(Path.of(path.get()), SigningKeys.fromPkcs12(keystore, password.get().toCharArray())));
        } catch (SigningKeyException e) {
            String variable = e.problem() == SigningKeyException.Problem.WRONG_PASSWORD
                    ? "INVOIS_SIGNING_KEYSTORE_PASSWORD" : "INVOIS_SIGNING_KEYSTORE";
            throw new ConfigException(variable + ": " + e.getMessage() + " (" + path.get() + ")");
        }
    }

    /** INVOIS_METRICS_PORT moves /metrics off the API port; unset, /metrics is served on the API port. */
    private OptionalInt metricsPort(int apiPort, boolean metricsEnabled) {
        if (!settings.containsKey("INVOIS_METRICS_PORT")) {
            return OptionalInt.empty();
        }
        int port = integer("INVOIS_METRICS_PORT", 0, 1, 65_535);
        if (!metricsEnabled) {
            throw new ConfigException("INVOIS_METRICS_PORT is set but INVOIS_METRICS=off: unset one of them");
        }
        if (port == apiPort) {
            throw new ConfigException("INVOIS_METRICS_PORT must differ from PORT (" + apiPort + "); leave it unset to serve /metrics on the API port");
        }
        return OptionalInt.of(port);
    }

    private Optional<String> optional(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    private int integer(String name, int fallback, int min, int max) {
        String text = settings.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    private boolean bool(String name, boolean fallback) {
        return switch (optional(name).map(text -> text.toLowerCase(Locale.ROOT)).orElse(fallback ? "true" : "false")) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + " must be true or false");
        };
    }

    private boolean onOff(String name, boolean fallback) {
        return switch (optional(name).map(text -> text.toLowerCase(Locale.ROOT)).orElse(fallback ? "on" : "off")) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new ConfigException(name + " must be on or off");
        };
    }

    private String redisUrl(String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new ConfigException("REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)");
        }
        return url;
    }

    /** E1: 32 bytes in base64 (AES-256); the message never quotes the value. */
    private static String secretKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != SECRET_KEY_BYTES) {
            throw new ConfigException("INVOIS_SECRET_KEY must be " + SECRET_KEY_BYTES + " bytes in base64 (44 characters,"
                    + " e.g. from: openssl rand -base64 32)");
        }
        return base64;
    }

    private List<KeyEntry> apiKeys() {
        var keys = new ArrayList<KeyEntry>();
        optional("INVOIS_API_KEY").ifPresent(secret -> keys.add(new KeyEntry("default", Tier.DEFAULT, checkedSecret("INVOIS_API_KEY", secret))));
        optional("INVOIS_API_KEYS").ifPresent(list -> {
            String[] entries = list.split(",");
            for (int position = 0; position < entries.length; position++) {
                keys.add(keyEntry(entries[position].trim(), position + 1));
            }
        });
        checkLabelsAgreeOnTier(keys);
        return keys;
    }

    private KeyEntry keyEntry(String entry, int position) {
        var labelled = LABELLED_ENTRY.matcher(entry);
        String where = "INVOIS_API_KEYS entry " + position;
        if (!labelled.matches()) {
            String secret = checkedSecret(where, entry);
            return new KeyEntry("key-" + position, Tier.DEFAULT, secret);
        }
        Tier tier = Optional.ofNullable(labelled.group(2))
                .map(name -> Tier.parse(name).orElseThrow(() -> new ConfigException(
                        where + " names an unknown tier '" + name + "': use default, premium or enterprise")))
                .orElse(Tier.DEFAULT);
        return new KeyEntry(labelled.group(1), tier, checkedSecret(where, labelled.group(3)));
    }

    private static String checkedSecret(String where, String secret) {
        if (secret.length() < MIN_KEY_LENGTH || secret.chars().anyMatch(c -> c <= ' ' || c > '~' || c == ',')) {
            throw new ConfigException(where + " must be a key of at least " + MIN_KEY_LENGTH
                    + " printable ASCII characters without spaces or commas"
                    + " (INVOIS_API_KEYS entries look like label:tier=key, label=key or key)");
        }
        return secret;
    }

    private static void checkLabelsAgreeOnTier(List<KeyEntry> keys) {
        var tiers = new HashMap<String, Tier>();
        for (KeyEntry key : keys) {
            Tier earlier = tiers.putIfAbsent(key.label(), key.tier());
            if (earlier != null && earlier != key.tier()) {
                throw new ConfigException("INVOIS_API_KEYS gives label '" + key.label() + "' two tiers ("
                        + earlier.label() + " and " + key.tier().label() + "): keys sharing a label share one quota");
            }
        }
    }

    private TierLimits tierLimits() {
        var limits = new HashMap<>(TierLimits.DOCUMENTED);
        for (Tier tier : Tier.values()) {
            String name = "INVOIS_RATE_LIMIT_" + tier.name();
            optional(name).ifPresent(text -> limits.put(tier, parseLimits(name, text)));
        }
        return new TierLimits(limits);
    }

    private static Limits parseLimits(String name, String text) {
        var matcher = LIMITS.matcher(text);
        if (!matcher.matches() || text.matches(".*(^|/)0+(/|$).*")) {
            throw new ConfigException(name + " must be three positive numbers, per minute/hour/day, e.g. 1000/10000/100000");
        }
        return new Limits(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)));
    }
}
