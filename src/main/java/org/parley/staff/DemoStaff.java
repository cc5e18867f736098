package org.parley.staff;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** The embedded demo's staff: one admin, one agent and one QA reviewer, all synthetic. */
public final class DemoStaff {

    /** Letters and digits nobody misreads: no 0/O, 1/l/I. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 16;

    private DemoStaff() {
    }

    /**
     * A demo account and its password, to print on the console once.
     *
     * @param generated true when the password was made at this start, false when it came from
     *                  {@code PARLEY_STAFF_DEMO_PASSWORD}
     */
    public record Login(String email, String displayName, List<String> roles, String password,
                        boolean generated) {
        @Override
        public String toString() {
            return "Login[" + String.join(",", roles) + "]";
        }
    }

    private record Account(String email, String displayName, Set<Role> roles,
                           List<String> languages, boolean servesClient) {
    }

    static List<Login> seed(StaffService service, String clientId, Optional<String> password,
                            RandomGenerator random) {
        List<Account> accounts = List.of(
                new Account("admin@" + clientId + ".test", "Morgan Admin",
                        EnumSet.of(Role.ADMIN), List.of("en"), false),
                new Account("agent@" + clientId + ".test", "Sam Agent",
                        EnumSet.of(Role.AGENT), List.of("en", "es"), true),
                new Account("qa@" + clientId + ".test", "Riley Reviewer",
                        EnumSet.of(Role.QA), List.of("en"), true));
        List<Login> logins = new ArrayList<>();
        for (Account a : accounts) {
            StaffMember member = service.findByEmail(a.email()).orElseGet(() ->
                    service.create(new StaffService.NewMember(a.email(), a.displayName(),
                            a.roles(), a.languages(),
                            a.servesClient() ? List.of(clientId) : List.of(), true,
                            Optional.empty())));
            String pw = password.orElseGet(() -> generate(random));
            service.setPassword(member.id(), pw);
            logins.add(new Login(member.email(), member.displayName(), member.roleIds(), pw,
                    password.isEmpty()));
        }
        return List.copyOf(logins);
    }

    private static String generate(RandomGenerator random) {
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return pw.toString();
    }
}
