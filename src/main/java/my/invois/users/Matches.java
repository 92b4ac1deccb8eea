package my.invois.users;

/** How many users a list filter matches, out of how many, exactly. */
record Matches(long total, long population) {
}
