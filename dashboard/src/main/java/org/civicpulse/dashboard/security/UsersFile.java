package org.civicpulse.dashboard.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users file that {@code --civicpulse.users-file=<path>} names: one user a line,
 *
 * <pre>
 * # comment
 * username=password,ROLE[,ROLE...],unitCode
 * leader=Xy7...,LEADER,              (city-wide roles may leave the unit empty or out)
 * officer=Qk2...,UNIT_OFFICER,APPROVER,00004
 * analyst={bcrypt}$2a$10$...,ANALYST
 * </pre>
 *
 * The password is the first field (it cannot contain a comma); it is plain text unless it starts with
 * an encoder prefix such as {@code {bcrypt}} or {@code {noop}}. Every following field that names a
 * role is a role; a last field that is not a role is the unit code. Blank lines and lines starting with
 * {@code #} or {@code !} are skipped. Any malformed line fails the whole file with its line number, so a
 * typo never silently drops a user.
 */
public final class UsersFile {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private UsersFile() {
    }

    /** Reads and parses {@code file} (UTF-8). */
    public static List<CivicUser> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read users file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses the file's text.
     *
     * @param where the file name, for messages
     * @throws IllegalArgumentException naming the line and what is wrong with it (never the password)
     */
    public static List<CivicUser> parse(String text, String where) {
        Map<String, CivicUser> users = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String at = where + " line " + (i + 1);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(at + ": expected username=password,ROLE[,ROLE],unitCode");
            }
            String username = line.substring(0, eq).strip();
            if (!USERNAME.matcher(username).matches()) {
                throw new IllegalArgumentException(at + ": user name must match " + USERNAME.pattern());
            }
            String[] fields = line.substring(eq + 1).split(",", -1);
            String password = fields[0].strip();
            if (password.isEmpty()) {
                throw new IllegalArgumentException(at + ": user " + username + " has an empty password");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            String unit = null;
            for (int f = 1; f < fields.length; f++) {
                String field = fields[f].strip();
                Optional<Role> role = Role.parse(field);
                if (role.isPresent()) {
                    if (unit != null) {
                        throw new IllegalArgumentException(at + ": the unit code must be the last field, found role "
                                + field + " after unit " + unit);
                    }
                    roles.add(role.get());
                } else if (f == fields.length - 1) {
                    if (!field.isEmpty()) {
                        if (!UNIT.matcher(field).matches()) {
                            throw new IllegalArgumentException(at + ": unit code \"" + field + "\" must match "
                                    + UNIT.pattern());
                        }
                        unit = field;
                    }
                } else {
                    throw new IllegalArgumentException(at + ": unknown role \"" + field + "\"; roles are "
                            + List.of(Role.values()));
                }
            }
            if (roles.isEmpty()) {
                throw new IllegalArgumentException(at + ": user " + username + " has no role; roles are "
                        + List.of(Role.values()));
            }
            if (users.containsKey(username)) {
                throw new IllegalArgumentException(at + ": user " + username + " is defined twice");
            }
            try {
                users.put(username, new CivicUser(username, Passwords.normalise(password), roles, unit));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(users.values());
    }
}
