package my.invois.myinvois;

import java.time.Instant;
import java.util.Optional;

/** The budget's answer: granted, or the time of the next slot (the next minute, or the end of a 429). */
public record Grant(Optional<Instant> nextSlot) {

    static final Grant GRANTED = new Grant(Optional.empty());

    static Grant notBefore(Instant slot) {
        return new Grant(Optional.of(slot));
    }

    public boolean granted() {
        return nextSlot.isEmpty();
    }
}
