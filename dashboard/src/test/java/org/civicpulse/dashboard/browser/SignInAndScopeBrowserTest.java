package org.civicpulse.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Sign-in with each role, what each role sees (header, navigation, default unit, units it may pick), and
 * the refusal a unit officer gets for another unit's URL.
 */
class SignInAndScopeBrowserTest extends BrowserTestBase {

    @Test
    void loginPageIsVietnameseWhateverTheBrowserAsks() {
        driver.manage().deleteAllCookies();
        open("login");
        WebElement form = waitFor(By.cssSelector("vaadin-login-form"));
        assertThat(form.getText()).contains("Đăng nhập").contains("Tên đăng nhập").contains("Mật khẩu");
        assertThat(text(By.cssSelector(".login-tagline"))).isEqualTo("Hà Nội — chỉ số chuyển đổi số theo thời gian thực");
        assertThat(js("return document.documentElement.lang")).isEqualTo("vi");
        screenshot("login");
    }

    @Test
    void wrongPasswordIsRefusedOnTheForm() {
        driver.manage().deleteAllCookies();
        open("login");
        waitFor(By.cssSelector("vaadin-login-form #vaadinLoginUsername input")).sendKeys("leader");
        WebElement password = driver.findElement(By.cssSelector("vaadin-login-form #vaadinLoginPassword input"));
        password.sendKeys("not-the-password");
        password.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitUntil(d -> d.getCurrentUrl().contains("error"));
        waitForVaadin();
        assertThat(waitFor(By.cssSelector("vaadin-login-form")).getText()).contains("Sai tên đăng nhập hoặc mật khẩu");
    }

    record Expected(String user, String role, String unit, boolean submissions, List<String> pickable, List<String> notPickable) {
    }

    @Test
    void eachRoleSignsInAndSeesWhatItMay() {
        List<Expected> cases = List.of(
                new Expected("leader", "LEADER", "HN", false, List.of("Thành phố Hà Nội", "Quận Hoàn Kiếm", "Sở Xây dựng"), List.of()),
                new Expected("analyst", "ANALYST", "HN", false, List.of("Thành phố Hà Nội", "Phường Hàng Bạc"), List.of()),
                new Expected("admin", "ADMIN", "HN", true, List.of("Thành phố Hà Nội", "Quận Ba Đình"), List.of()),
                new Expected("officer", "UNIT_OFFICER", "BD", true, List.of("Quận Ba Đình", "Phường Phúc Xá"),
                        List.of("Thành phố Hà Nội", "Quận Hoàn Kiếm", "Sở Xây dựng", "Phường Hàng Bạc")),
                new Expected("approver", "APPROVER", "HK01", true, List.of("Phường Hàng Bạc"),
                        List.of("Thành phố Hà Nội", "Quận Hoàn Kiếm", "Quận Ba Đình")));
        for (Expected e : cases) {
            login(e.user());
            open("?period=2026-M11");
            WebElement who = waitFor(By.id("current-user"));
            assertThat(who.getText()).as(e.user()).contains(e.user());
            assertThat(attr(who, "data-roles")).as(e.user()).isEqualTo(e.role());
            assertThat(attr(waitFor(By.id("overview-subtitle")), "data-unit")).as(e.user() + " default unit").isEqualTo(e.unit());
            assertThat(driver.findElements(By.id("nav-overview"))).hasSize(1);
            assertThat(driver.findElements(By.id("nav-operations"))).hasSize(1);
            assertThat(driver.findElements(By.id("nav-reports"))).hasSize(1);
            assertThat(driver.findElements(By.id("nav-submissions"))).as(e.user() + " submissions entry")
                    .hasSize(e.submissions() ? 1 : 0);
            assertThat(driver.findElements(By.cssSelector("[id^=tile-P]"))).as(e.user() + " tiles").isNotEmpty();

            List<String> options = unitOptions();
            assertThat(options).as(e.user() + " unit picker").containsAll(e.pickable());
            if (!e.notPickable().isEmpty()) {
                assertThat(options).as(e.user() + " unit picker").doesNotContainAnyElementsOf(e.notPickable());
            }
        }
    }

    @Test
    void aUnitOfficerWhoTypesAnotherUnitsUrlIsRefused() {
        login("officer");
        for (String path : List.of("?unit=HK&period=2026-M11", "?unit=HN", "kpi/P5?unit=HK01&period=2026-M11",
                "operations?unit=SXD", "kpi/Q4.5?unit=hn")) {
            open(path);
            WebElement refusal = waitFor(By.id("access-denied"));
            String message = text(By.id("access-denied-message"));
            assertThat(message).as(path).startsWith("Bạn không được xem số liệu của đơn vị");
            assertThat(refusal.getText()).as(path).contains("officer").contains("Quận Ba Đình (BD)")
                    .contains("các đơn vị trực thuộc");
            assertThat(driver.findElements(By.cssSelector("[id^=tile-P]"))).as(path + ": no figures").isEmpty();
            assertThat(driver.findElements(By.id("breakdown"))).as(path + ": no figures").isEmpty();
            assertThat(driver.findElements(By.id("live"))).as(path + ": no figures").isEmpty();
        }
        open("?unit=HK&period=2026-M11");
        assertThat(text(By.id("access-denied-message"))).contains("Quận Hoàn Kiếm (HK)");
        // the way back leads to the officer's own unit
        waitFor(By.id("access-denied-home")).click();
        waitUntil(d -> d.getCurrentUrl().contains("unit=BD"));
        waitForVaadin();
        assertThat(attr(waitFor(By.id("overview-subtitle")), "data-unit")).isEqualTo("BD");
        // units below the own unit are fine
        open("kpi/P5?unit=BD01&period=2026-M11");
        assertThat(attr(waitFor(By.id("kpi-page")), "data-unit")).isEqualTo("BD01");

        login("approver");
        open("?unit=BD&period=2026-M11");
        assertThat(text(By.id("access-denied-message"))).contains("Quận Ba Đình (BD)");
        assertThat(waitFor(By.id("access-denied")).getText()).contains("Phường Hàng Bạc (HK01)");
    }

    @Test
    void malformedParametersAreExplainedNotFailed() {
        login("analyst");
        open("?period=2026-M13");
        assertThat(text(By.id("bad-request-message"))).contains("period");
        open("?unit=NOPE");
        assertThat(text(By.id("bad-request-message"))).contains("unit").contains("NOPE");
        open("kpi/NOPE?period=2026-M11");
        assertThat(text(By.id("bad-request-message"))).contains("kpi");
    }

    /** The names the unit picker offers (its overlay opened and read). */
    private List<String> unitOptions() {
        WebElement combo = waitFor(By.id("filter-unit"));
        js("arguments[0].opened = true", combo);
        waitUntil(d -> !d.findElements(By.cssSelector("vaadin-combo-box-item")).isEmpty());
        waitForVaadin();
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) js("return Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                + ".map(i => (i.querySelector('.cp-unit-option') || i).textContent.trim());");
        js("arguments[0].opened = false", combo);
        return names.stream().map(n -> n.replaceAll("\\s+[A-Z0-9]+$", "").strip()).toList();
    }
}
