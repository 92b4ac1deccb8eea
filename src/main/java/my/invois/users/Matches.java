package my.invois.users;

/**
 * How many users a list filter matches, out of how many, exactly; {@code counted} when the
 * database had to count them one by one rather than read a kept total.
 */
record Matches(long total, long population, boolean counted) {
}
