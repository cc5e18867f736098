package org.parley.assistance;

import java.util.List;
import java.util.Optional;

/**
 * A client's financial assistance settings: its programs and how Parley treats applications.
 *
 * @param programs         the programs, the first being the one a patient hears about first
 * @param notifyPatients   whether a change of an application's status is told to the patient
 * @param pauseCollections whether collection messages for an account wait while one of its
 *                         applications is pending
 * @param defaultRegion    the poverty guideline region for a patient whose address is not known
 *                         yet (before identity verification)
 */
public record AssistanceSettings(List<Program> programs, boolean notifyPatients,
                                 boolean pauseCollections, Region defaultRegion) {

    public AssistanceSettings {
        programs = List.copyOf(programs);
    }

    /** No programs; applications notify and pause collections, as the defaults say. */
    public static AssistanceSettings none() {
        return new AssistanceSettings(List.of(), true, true, Region.CONTIGUOUS);
    }

    public Optional<Program> program(String id) {
        return programs.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
