package org.civicpulse.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class UsersFileTest {

    private final PasswordEncoder encoder = Passwords.encoder();

    @Test
    void parsesUsersRolesAndUnits() {
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret");
        List<CivicUser> users = UsersFile.parse("""
                \uFEFF# demo users
                leader=Abc123,LEADER,
                analyst=Xyz789,analyst
                officer = Pq9 , UNIT_OFFICER , role_APPROVER , 00004
                admin=%s,ADMIN,HN

                ! another comment
                """.formatted(bcrypt), "users.properties");
        assertThat(users).extracting(CivicUser::username).containsExactly("leader", "analyst", "officer", "admin");
        CivicUser officer = users.get(2);
        assertThat(officer.roles()).isEqualTo(Set.of(Role.UNIT_OFFICER, Role.APPROVER));
        assertThat(officer.unit()).isEqualTo("00004");
        assertThat(officer.cityWide()).isFalse();
        assertThat(encoder.matches("Pq9", officer.password())).isTrue();
        assertThat(encoder.matches("Pq", officer.password())).isFalse();
        assertThat(users.get(0).unit()).isNull();
        assertThat(users.get(0).cityWide()).isTrue();
        assertThat(users.get(1).roles()).containsExactly(Role.ANALYST);
        assertThat(encoder.matches("s3cret", users.get(3).password())).isTrue();
        assertThat(users.get(3).unit()).isEqualTo("HN");
        assertThat(officer.getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_UNIT_OFFICER", "ROLE_APPROVER");
        assertThat(officer.toString()).doesNotContain("Pq9");
    }

    @Test
    void refusesMalformedLinesWithTheLineNumberAndNeverThePassword() {
        Map<String, String> bad = Map.of(
                "x=pw,UNIT_OFFICER", "line 1: user x has roles [UNIT_OFFICER] but no unit",
                "x=pw", "line 1: user x has no role",
                "x=,LEADER", "line 1: user x has an empty password",
                "x=pw,CHIEF,HN", "line 1: unknown role \"CHIEF\"",
                "x=pw,LEADER,HN,ANALYST", "line 1: unknown role \"HN\"",
                "just-a-name", "line 1: expected username=password",
                "x y=pw,LEADER", "line 1: user name must match",
                "x=pw,LEADER,H N", "line 1: unit code \"H N\" must match",
                "x=pw,LEADER\nx=pw2,ANALYST", "line 2: user x is defined twice");
        bad.forEach((text, message) -> assertThatThrownBy(() -> UsersFile.parse(text, "f"))
                .as(text).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw,").doesNotContain("=pw")));
    }

    @Test
    void readsAFileAndMergesItWithPropertyUsers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "analyst=Secret1,ANALYST\nofficer=Secret2,UNIT_OFFICER,BD\n");
        CivicUserDetailsService service = new CivicUserDetailsService(new UsersProperties(
                Map.of("leader", new UsersProperties.UserEntry("{noop}L3ader", "leader", null)), file));
        assertThat(service.all()).extracting(CivicUser::username).containsExactlyInAnyOrder("analyst", "officer", "leader");
        assertThat(encoder.matches("Secret2", service.loadUserByUsername("officer").getPassword())).isTrue();
        assertThat(encoder.matches("L3ader", service.loadUserByUsername("leader").getPassword())).isTrue();

        assertThatThrownBy(() -> new CivicUserDetailsService(new UsersProperties(
                Map.of("analyst", new UsersProperties.UserEntry("x", "ANALYST", null)), file)))
                .hasMessageContaining("defined both");
        assertThatThrownBy(() -> new CivicUserDetailsService(new UsersProperties(
                Map.of("a", new UsersProperties.UserEntry("x", "LEADER,BOSS", null)), null)))
                .hasMessageContaining("unknown role \"BOSS\"");
        assertThatThrownBy(() -> new CivicUserDetailsService(new UsersProperties(Map.of(), dir.resolve("missing"))))
                .hasMessageContaining("Cannot read users file");
    }
}
