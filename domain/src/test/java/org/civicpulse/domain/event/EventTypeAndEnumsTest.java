package org.civicpulse.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventTypeAndEnumsTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventTypeWireRoundTrips(EventType t) {
        assertThat(EventType.fromWire(t.wire())).isSameAs(t);
        assertThat(EventType.fromWireOrNull(t.wire())).isSameAs(t);
        assertThat(t.wire()).matches("[a-z]+\\.[a-z_]+");
    }

    @Test
    void eventTypeWireNamesAndFamilies() {
        assertThat(EventType.DOSSIER_SUPPLEMENT_REQUESTED.wire()).isEqualTo("dossier.supplement_requested");
        assertThat(EventType.PORTAL_LOGIN.family()).isEqualTo(EventType.Family.LOGIN);
        assertThat(EventType.DOCUMENT_PROCESSED.family()).isEqualTo(EventType.Family.DOCUMENT);
        assertThat(EventType.SERVICE_PROBE.family()).isEqualTo(EventType.Family.PROBE);
        assertThat(EventType.REPORT_RETURNED.family()).isEqualTo(EventType.Family.REPORT);
        assertThat(EventType.CATALOG_PROCEDURE.family()).isEqualTo(EventType.Family.CATALOG);
        assertThat(EventType.FEEDBACK_ANSWERED.family()).isEqualTo(EventType.Family.FEEDBACK);
        assertThat(Arrays.stream(EventType.values()).filter(t -> t.family() == EventType.Family.DOSSIER)).hasSize(8);
        assertThat(EventType.CATALOG_MERGER.family()).isEqualTo(EventType.Family.CATALOG);
        assertThat(EventType.values()).hasSize(19);
    }

    @Test
    void unknownWireNamesAreRejected() {
        assertThat(EventType.fromWireOrNull("DOSSIER_RECEIVED")).isNull();
        assertThat(EventType.fromWireOrNull(null)).isNull();
        assertThatThrownBy(() -> EventType.fromWire("dossier.recieved"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dossier.recieved");
        assertThatThrownBy(() -> Channel.fromWire("WEB"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ONLINE, DIRECT, POSTAL");
        assertThat(Channel.fromWireOrNull("online")).isNull();
    }

    @Test
    void simpleEnumsWireIsTheirName() {
        check(Channel.values(), Channel::fromWire, "ONLINE, DIRECT, POSTAL", Channel.ALLOWED);
        check(Applicant.values(), Applicant::fromWire, "CITIZEN, BUSINESS", Applicant.ALLOWED);
        check(Outcome.values(), Outcome::fromWire, "APPROVED, REJECTED, STOPPED", Outcome.ALLOWED);
        check(Delivery.values(), Delivery::fromWire, "ONLINE, POSTAL, DIRECT", Delivery.ALLOWED);
        check(LoginMethod.values(), LoginMethod::fromWire, "VNEID, CITY_SSO, LOCAL", LoginMethod.ALLOWED);
        check(OnlineService.values(), OnlineService::fromWire, "FULL, PARTIAL, NONE", OnlineService.ALLOWED);
        check(UnitLevel.values(), UnitLevel::fromWire, "CITY, DEPARTMENT, DISTRICT, COMMUNE", UnitLevel.ALLOWED);
        check(MergeType.values(), MergeType::fromWire, "WHOLE, PART", MergeType.ALLOWED);
    }

    private static <E extends Enum<E> & WireEnum> void check(E[] values, Function<String, E> fromWire,
                                                               String expectedAllowed, String allowed) {
        assertThat(allowed).isEqualTo(expectedAllowed);
        for (E v : values) {
            assertThat(v.wire()).isEqualTo(v.name());
            assertThat(fromWire.apply(v.wire())).isSameAs(v);
        }
        assertThat(List.of(values)).extracting(WireEnum::wire).containsExactly(expectedAllowed.split(", "));
    }
}
