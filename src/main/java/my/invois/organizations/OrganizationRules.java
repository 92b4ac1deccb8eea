package my.invois.organizations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import my.invois.http.Text;

/** SPEC B2 organization validation, one pure rule per field: empty when valid, else the message. */
final class OrganizationRules {

    static final int MAX_LOGO_LENGTH = 2048;
    private static final Set<String> LOGO_SCHEMES = Set.of("http", "https");

    private OrganizationRules() {
    }

    static Optional<String> name(String name) {
        int length = Text.length(name);
        return length >= 2 && length <= 255 ? Optional.empty() : Optional.of("Name must be between 2 and 255 characters");
    }

    static Optional<String> slug(String slug) {
        return Slugs.isValid(slug) ? Optional.empty()
                : Optional.of("Slug must be 1 to " + Slugs.MAX_LENGTH + " characters of a-z, 0-9 and '-', not starting or ending with '-'");
    }

    static Optional<String> premiumTierId(String id, Set<String> known) {
        return known.contains(id) ? Optional.empty() : Optional.of("Premium tier not found");
    }

    static Optional<String> logo(String logo) {
        return Text.length(logo) <= MAX_LOGO_LENGTH && isWebUrl(logo) ? Optional.empty()
                : Optional.of("Logo must be an http or https URL of at most " + MAX_LOGO_LENGTH + " characters");
    }

    /** An absolute http(s) URL with a host; java.net.URI refuses spaces and other illegal characters. */
    private static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null
                    && LOGO_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
