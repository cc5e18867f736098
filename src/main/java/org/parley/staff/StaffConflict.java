package org.parley.staff;

import org.parley.ParleyException;

import java.util.Map;

/** A staff change that clashes with what is stored: a taken email, or a change made meanwhile. */
final class StaffConflict extends ParleyException {

    private final String field;

    private StaffConflict(String code, String field, String message) {
        super(Kind.CONFLICT, code, message);
        this.field = field;
    }

    static StaffConflict emailTaken(String email) {
        return new StaffConflict("email_taken", "email", "email '" + email + "' already belongs "
                + "to a staff member (emails are compared without regard to case); use another "
                + "address, or change the existing member with PATCH /api/staff/{id}");
    }

    static StaffConflict changedMeanwhile(String id) {
        return new StaffConflict("staff_changed", "id", "Staff member '" + id + "' was changed "
                + "by another request meanwhile; read it again and repeat the change");
    }

    @Override
    public Object detail() {
        return Map.of("field", field);
    }
}
