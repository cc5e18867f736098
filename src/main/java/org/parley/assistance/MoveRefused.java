package org.parley.assistance;

import org.parley.ParleyException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A change of status the application's current status does not allow; nothing changed. */
public final class MoveRefused extends ParleyException {

    private final String application;
    private final ApplicationStatus current;
    private final ApplicationStatus requested;

    MoveRefused(String application, ApplicationStatus current, ApplicationStatus requested) {
        super(Kind.CONFLICT, "move_refused", message(application, current, requested));
        this.application = application;
        this.current = current;
        this.requested = requested;
    }

    /** The sentence a client reads: the current status, and where it may go from there. */
    static String message(String application, ApplicationStatus current,
                          ApplicationStatus requested) {
        if (!current.pending()) {
            return "Application " + application + " is " + current.code() + ", which is final; "
                    + "it cannot move to " + requested.code() + ". A new application is needed "
                    + "for a new decision.";
        }
        List<String> allowed = current.next().stream().map(ApplicationStatus::code).toList();
        return "Application " + application + " is " + current.code() + "; it cannot move to "
                + requested.code() + ". From " + current.code() + " it can move to: "
                + String.join(", ", allowed) + ".";
    }

    public ApplicationStatus current() {
        return current;
    }

    @Override
    public Object detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("application", application);
        detail.put("current", current.code());
        detail.put("requested", requested.code());
        detail.put("allowed", current.next().stream().map(ApplicationStatus::code).toList());
        return detail;
    }
}
