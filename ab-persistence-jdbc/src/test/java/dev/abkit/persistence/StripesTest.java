package dev.abkit.persistence;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StripesTest {

    private final Stripes stripes = new Stripes();

    @Test
    void registrations_in_flight_get_stripes_of_their_own_while_there_are_enough() {
        List<Stripes.Lease> leases = leaseAll();

        assertThat(leases).allMatch(Stripes.Lease::exclusive);
        assertThat(leases).extracting(Stripes.Lease::stripe).doesNotHaveDuplicates()
                .allMatch(stripe -> stripe >= 0 && stripe < Stripes.COUNT);

        Stripes.Lease extra = stripes.lease();
        assertThat(extra.exclusive()).isFalse();
        assertThat(extra.stripe()).isBetween(0, Stripes.COUNT - 1);
    }

    @Test
    void a_released_stripe_is_leased_again_and_a_shared_one_never_becomes_exclusive() {
        List<Stripes.Lease> leases = leaseAll();
        stripes.release(stripes.lease()); // shared: must not be handed out as exclusive later
        stripes.release(leases.get(3));

        assertThat(stripes.lease()).isEqualTo(leases.get(3));
        assertThat(stripes.lease().exclusive()).isFalse();
    }

    private List<Stripes.Lease> leaseAll() {
        List<Stripes.Lease> leases = new ArrayList<>();
        for (int i = 0; i < Stripes.COUNT; i++) {
            leases.add(stripes.lease());
        }
        return leases;
    }
}
