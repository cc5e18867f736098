package org.parley.assistance;

import org.parley.csv.CsvFileRejected.Problem;
import org.parley.client.ClientStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a client's status file: every row is checked against its application, as the rows
 * before it in the file leave it, before any is applied; a file with any problem changes
 * nothing. Importing the same file again changes nothing: each change a row made remembers the
 * file and line, and a row before one applied from the same file for the same application was
 * dealt with then.
 */
final class StatusImport {

    private static final System.Logger LOG = System.getLogger(StatusImport.class.getName());

    private final Applications applications;
    private final StatusNotices notices;
    private final ClientStore clients;
    private final Clock clock;

    StatusImport(Applications applications, StatusNotices notices, ClientStore clients,
                 Clock clock) {
        this.applications = applications;
        this.notices = notices;
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * What an import did.
     *
     * @param changed        rows that moved an application
     * @param unchanged      rows that asked for what the application already was
     * @param alreadyApplied rows applied by an earlier import of the same file
     * @param applications   the applications changed, in the order first changed
     */
    record Result(int rows, int changed, int unchanged, int alreadyApplied,
                  List<String> applications) {
    }

    // Serialized, like the balance import: two files at once could each check against a state
    // the other is about to change.
    synchronized Result importCsv(String clientId, byte[] csv) {
        clients.require(clientId);
        StatusFile file = StatusFile.read(csv);

        Map<String, Optional<Application>> now = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>(file.problems());
        Map<String, Integer> appliedUpTo = appliedUpTo(clientId, file);
        List<StatusFile.Row> plan = new ArrayList<>();
        int unchanged = 0;
        int already = 0;
        for (StatusFile.Row row : file.rows()) {
            Optional<Application> found = now.computeIfAbsent(row.applicationId(),
                    id -> applications.find(clientId, id));
            if (found.isEmpty()) {
                problems.add(new Problem(row.line(), "application_id", row.applicationId(),
                        "an application of client " + clientId + ", such as FA-1001"));
                continue;
            }
            Application app = found.get();
            if (row.line() <= appliedUpTo.getOrDefault(row.applicationId(), 0)) {
                already++;
                continue;
            }
            List<StatusUpdate.Issue> issues;
            try {
                issues = applications.check(app, row.update());
            } catch (MoveRefused e) {
                problems.add(new Problem(row.line(), "status", row.update().status().code(),
                        refusal(app.status())));
                continue;
            }
            issues.forEach(i -> problems.add(new Problem(row.line(),
                    StatusFile.column(i.field()), i.value(), i.expected())));
            if (!issues.isEmpty()) {
                continue;
            }
            if (row.update().sameAs(app)) {
                unchanged++;
                continue;
            }
            // Later rows for this application are checked against the state this one leaves.
            now.put(row.applicationId(), Optional.of(app.moved(new Application.Change(
                    row.update().status(), clock.instant(), row.source(), row.update().missing(),
                    row.update().reason(), row.update().discountPercent()), Optional.empty(),
                    clock.instant())));
            plan.add(row);
        }
        if (!problems.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Status file for client {0} rejected with {1} "
                    + "problems", clientId, problems.size());
            throw StatusFile.rejected(problems);
        }

        Map<String, Application> changed = new LinkedHashMap<>();
        for (StatusFile.Row row : plan) {
            Applications.Moved moved = applications.move(clientId, row.applicationId(),
                    row.update(), row.source());
            changed.put(row.applicationId(), moved.application());
        }
        // One notice per application: where it stands after the whole file.
        changed.values().forEach(notices::announce);
        LOG.log(System.Logger.Level.INFO, "Status file for client {0}: {1} rows, {2} changes",
                clientId, file.rows().size(), plan.size());
        return new Result(file.rows().size(), plan.size(), unchanged, already,
                List.copyOf(changed.keySet()));
    }

    /**
     * For each application, the last line of this file that changed it in an earlier import;
     * rows up to that line were dealt with then, whether they changed anything or not.
     */
    private Map<String, Integer> appliedUpTo(String clientId, StatusFile file) {
        Map<String, Integer> upTo = new LinkedHashMap<>();
        String prefix = "file:" + file.sha256() + ":";
        for (String id : file.rows().stream().map(StatusFile.Row::applicationId)
                .distinct().toList()) {
            applications.find(clientId, id).ifPresent(app -> app.history().stream()
                    .map(Application.Change::source).filter(s -> s.startsWith(prefix))
                    .mapToInt(s -> Integer.parseInt(s.substring(prefix.length()))).max()
                    .ifPresent(line -> upTo.put(id, line)));
        }
        return upTo;
    }

    static String refusal(ApplicationStatus current) {
        if (!current.pending()) {
            return "a move from " + current.code() + ", which is final";
        }
        return "a move allowed from " + current.code() + ": " + String.join(", ",
                current.next().stream().map(ApplicationStatus::code).toList());
    }
}
