package org.civicpulse.domain.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.civicpulse.domain.event.CatalogProcedure;
import org.civicpulse.domain.event.OnlineService;
import org.junit.jupiter.api.Test;

class ProcedureCatalogTest {

    private static Procedure procedure(String code, String name, String unit, OnlineService online, int legalDays) {
        return new Procedure(code, name, "Hộ tịch", "COMMUNE", unit, true, online, true, false, true, true, false, legalDays);
    }

    private final Procedure birth = procedure("1.001193", "Thủ tục đăng ký khai sinh", "00004", OnlineService.FULL, 0);
    private final Procedure death = procedure("1.000656", "Thủ tục đăng ký khai tử", "00004", OnlineService.PARTIAL, 1);
    private final Procedure business = new Procedure("2.001610", "Đăng ký thành lập doanh nghiệp tư nhân",
            "Thành lập và hoạt động doanh nghiệp", "DEPARTMENT", "STC", true, OnlineService.FULL, true, true, false,
            false, true, 3);
    private final ProcedureCatalog catalog = new ProcedureCatalog(List.of(birth, death, business));

    @Test
    void lookupByCode() {
        assertThat(catalog.byCode("1.001193")).contains(birth);
        assertThat(catalog.byCode("9.999999")).isEmpty();
        assertThat(catalog.size()).isEqualTo(3);
        assertThat(catalog.all()).extracting(Procedure::code).containsExactly("1.000656", "1.001193", "2.001610");
    }

    @Test
    void filterByUnit() {
        assertThat(catalog.byUnit("00004")).containsExactly(death, birth);
        assertThat(catalog.byUnit("STC")).containsExactly(business);
        assertThat(catalog.byUnit("nope")).isEmpty();
        assertThat(catalog.inUnits(Set.of("01", "STC"))).containsExactly(business);
    }

    @Test
    void duplicateCodesAreRejectedUnlessTheLatestWins() {
        Procedure renamed = procedure("1.001193", "Đăng ký khai sinh (sửa)", "00004", OnlineService.FULL, 0);

        assertThatThrownBy(() -> new ProcedureCatalog(List.of(birth, renamed)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("procedure 1.001193 is listed twice");
        assertThat(ProcedureCatalog.latestOf(List.of(birth, renamed)).byCode("1.001193")).contains(renamed);
    }

    @Test
    void onlineServiceHelpers() {
        assertThat(birth.hasOnlineService()).isTrue();
        assertThat(birth.hasFullProcessService()).isTrue();
        assertThat(death.hasOnlineService()).isTrue();
        assertThat(death.hasFullProcessService()).isFalse();
        assertThat(procedure("x", "x", "u", OnlineService.NONE, 1).hasOnlineService()).isFalse();
    }

    @Test
    void procedureIsValidated() {
        assertThatThrownBy(() -> procedure("1.0", "x", "u", OnlineService.NONE, -1))
                .hasMessage("procedure 1.0: legal days must be ≥ 0, got -1");
        assertThatThrownBy(() -> procedure("1.0", "x", " ", OnlineService.NONE, 1))
                .hasMessage("procedure 1.0 unit is missing");
        assertThatThrownBy(() -> procedure(null, "x", "u", OnlineService.NONE, 1))
                .hasMessage("procedure code is missing");
    }

    @Test
    void aProcedureCanBeBuiltFromACatalogEvent() {
        CatalogProcedure event = new CatalogProcedure("e1", OffsetDateTime.parse("2026-01-01T00:00:00+07:00"), "catalog",
                "STC", "2.001610", "Đăng ký thành lập doanh nghiệp tư nhân", "Thành lập và hoạt động doanh nghiệp",
                "DEPARTMENT", true, OnlineService.FULL, true, true, false, false, true, 3);

        assertThat(Procedure.from(event)).isEqualTo(business);
    }
}
