package org.parley.staff;

import java.util.Arrays;
import java.util.List;

/** The staff consoles, each with its path, the file of its own section, and its roles. */
public enum Console {
    /** The agent console at {@code /agent}: agents and supervisors. */
    AGENT("/agent", "Agent console", "the Agent console", "agent.html", Role.AGENT,
            Role.SUPERVISOR),
    /** The QA console at {@code /qa}: QA reviewers. */
    QA("/qa", "QA console", "the QA console", "qa.html", Role.QA),
    /** The campaigns page at {@code /campaigns}: administrators and supervisors. */
    CAMPAIGNS("/campaigns", "Campaigns", "the Campaigns page", "campaigns.html", Role.ADMIN,
            Role.SUPERVISOR);

    private final String path;
    private final String title;
    private final String noun;
    private final String template;
    private final Role[] roles;

    Console(String path, String title, String noun, String template, Role... roles) {
        this.path = path;
        this.title = title;
        this.noun = noun;
        this.template = template;
        this.roles = roles;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    /** The console as a sentence names it, such as "the Campaigns page". */
    public String noun() {
        return noun;
    }

    String template() {
        return template;
    }

    /** The roles let in, for {@link StaffAuth#require(Role...)} on the console's own routes. */
    public Role[] roles() {
        return roles.clone();
    }

    List<Role> roleList() {
        return Arrays.asList(roles);
    }

    /**
     * Where a member who signed in goes: the console at {@code path} when it is one and lets
     * them in, or else the first console that does (the agent console when none does).
     */
    static Console landing(String path, StaffMember member) {
        Console asked = at(path);
        if (asked.path.equals(path) && asked.lets(member)) {
            return asked;
        }
        return Arrays.stream(values()).filter(c -> c.lets(member)).findFirst().orElse(AGENT);
    }

    private boolean lets(StaffMember member) {
        return Arrays.stream(roles).anyMatch(member.roles()::contains);
    }

    /** The console at {@code path}, or the agent console for any other path. */
    static Console at(String path) {
        return Arrays.stream(values()).filter(c -> c.path.equals(path)).findFirst()
                .orElse(AGENT);
    }
}
