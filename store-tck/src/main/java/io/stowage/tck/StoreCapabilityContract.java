package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Capability;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: the store names itself and its schemes and declares exactly
 * the capabilities of the environment's {@link StoreProfile}. (Refusing what it does not declare
 * is the decorator's: {@link StoreEnforcedRulesContract}.)
 */
abstract class StoreCapabilityContract extends StoreContractFixture {
    @Test
    void declaresTheCapabilitiesOfItsServer() {
        assertThat(store().capabilities())
                .as("capabilities of store '%s', whose environment declares the profile %s", store().name(), declaredProfile())
                .containsExactlyInAnyOrderElementsOf(declaredProfile().capabilities());
        assertThat(store().capabilities()).as("capabilities are constant").isEqualTo(store().capabilities());
        assertThat(store().capabilities()).as("every store reads").contains(Capability.READ);
    }

    @Test
    void namesItselfAndItsSchemes() {
        assertThat(store().name()).isNotBlank();
        assertThat(store().schemes()).isNotEmpty();
        assertThat(store().schemes()).allSatisfy(scheme -> {
            assertThat(scheme).isEqualTo(scheme.toLowerCase(Locale.ROOT));
            assertThat(scheme).matches("[a-z][a-z0-9+.-]*");
        });
    }

}
