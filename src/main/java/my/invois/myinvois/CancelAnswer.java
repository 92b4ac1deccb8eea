package my.invois.myinvois;

/** Cancel Document's 200 (reference §2.6): {uuid, status:"Cancelled"}. */
public record CancelAnswer(String uuid, String status) {
}
