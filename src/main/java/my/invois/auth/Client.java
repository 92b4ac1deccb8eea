package my.invois.auth;

import my.invois.config.Tier;

/** Who is calling: the label and tier of the key presented (never the key itself). */
public record Client(String label, Tier tier) {
}
