package org.civicpulse.dashboard.security;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicpulse.users.*} and {@code civicpulse.users-file}.
 *
 * <pre>
 * civicpulse.users.alice.password={bcrypt}$2a$10$...      (or {noop}secret; no prefix = plain text)
 * civicpulse.users.alice.roles=UNIT_OFFICER,APPROVER
 * civicpulse.users.alice.unit=00004
 * civicpulse.users-file=/path/outside/the/repo/users.properties
 * </pre>
 *
 * Both sources are merged; a name defined in both is an error. No user is built in.
 */
@ConfigurationProperties("civicpulse")
public record UsersProperties(@DefaultValue Map<String, UserEntry> users, Path usersFile) {

    /**
     * One user from properties/YAML.
     *
     * @param password encoded with an {@code {id}} prefix, or plain text
     * @param roles    comma-separated roles (LEADER, UNIT_OFFICER, APPROVER, ANALYST, ADMIN)
     * @param unit     home unit code (required for UNIT_OFFICER/APPROVER-only users)
     */
    public record UserEntry(String password, String roles, String unit) {
    }
}
