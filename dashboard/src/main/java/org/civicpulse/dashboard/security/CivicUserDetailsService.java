package org.civicpulse.dashboard.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The configured users ({@link UsersProperties}): properties/YAML entries plus the users file. Built
 * once at start-up; a malformed entry stops the start with a message naming it.
 */
public class CivicUserDetailsService implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(CivicUserDetailsService.class);

    private final Map<String, CivicUser> users;

    public CivicUserDetailsService(UsersProperties properties) {
        Map<String, CivicUser> all = new LinkedHashMap<>();
        properties.users().forEach((name, entry) -> {
            if (entry.password() == null || entry.password().isBlank()) {
                throw new IllegalArgumentException("civicpulse.users." + name + ".password is empty");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (entry.roles() != null) {
                for (String r : entry.roles().split(",")) {
                    if (r.isBlank()) {
                        continue;
                    }
                    roles.add(Role.parse(r).orElseThrow(() -> new IllegalArgumentException(
                            "civicpulse.users." + name + ".roles: unknown role \"" + r.strip() + "\"; roles are "
                                    + List.of(Role.values()))));
                }
            }
            try {
                all.put(name, new CivicUser(name, Passwords.normalise(entry.password()), roles, entry.unit()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("civicpulse.users." + name + ": " + e.getMessage(), e);
            }
        });
        if (properties.usersFile() != null) {
            for (CivicUser u : UsersFile.read(properties.usersFile())) {
                if (all.putIfAbsent(u.username(), u) != null) {
                    throw new IllegalArgumentException("user " + u.username() + " is defined both in civicpulse.users and in "
                            + properties.usersFile());
                }
            }
        }
        this.users = Map.copyOf(all);
        if (users.isEmpty()) {
            log.warn("No dashboard users are configured: nobody can sign in. Pass --civicpulse.users-file=<path> "
                    + "(lines username=password,ROLE[,ROLE],unitCode) or civicpulse.users.<name>.password/roles/unit.");
        } else {
            log.info("{} dashboard users configured{}", users.size(),
                    properties.usersFile() == null ? "" : " (users file " + properties.usersFile() + ")");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        CivicUser u = users.get(username);
        if (u == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return u;
    }

    public Optional<CivicUser> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    public List<CivicUser> all() {
        return new ArrayList<>(users.values());
    }
}
