package my.invois.memberships;

/** A validated add-member request. */
record NewMembership(String userId, String role) {
}
