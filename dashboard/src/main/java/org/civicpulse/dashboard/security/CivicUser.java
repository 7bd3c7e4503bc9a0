package org.civicpulse.dashboard.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A configured dashboard user: encoded password, roles and home unit.
 *
 * @param username the login name
 * @param password the encoded password with its {@code {id}} prefix ({@code {bcrypt}…}, {@code {noop}…})
 * @param roles    at least one role
 * @param unit     the home unit's code; null only for users whose roles are all city-wide
 */
public record CivicUser(String username, String password, Set<Role> roles, String unit) implements UserDetails {

    public CivicUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("user name is empty");
        }
        Objects.requireNonNull(password, "password");
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("user " + username + " has no role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        unit = unit == null || unit.isBlank() ? null : unit.strip();
        if (unit == null && !cityWide(roles)) {
            throw new IllegalArgumentException("user " + username + " has roles " + roles
                    + " but no unit: UNIT_OFFICER and APPROVER need the code of their unit");
        }
    }

    /** Whether any of the roles reads every unit. */
    public boolean cityWide() {
        return cityWide(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    private static boolean cityWide(Set<Role> roles) {
        return roles.stream().anyMatch(Role::cityWide);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().sorted().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "CivicUser[" + username + ", roles=" + List.copyOf(EnumSet.copyOf(roles)) + ", unit=" + unit + "]";
    }
}
