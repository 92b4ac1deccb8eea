package my.invois.myinvois;

import java.util.function.Function;

/**
 * How the product reaches LHDN (E1): the client with its shared budgets and tokens, and the
 * intermediary's account acting for a merchant's TIN (the default of E2's {@code lhdnClient}).
 */
public record LhdnAccess(MyInvois myInvois, Function<String, LhdnAccount> intermediary) {
}
