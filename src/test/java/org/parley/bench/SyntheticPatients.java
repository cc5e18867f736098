package org.parley.bench;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Made-up patients for load runs, each with a phone of their own and one open balance. Phones
 * are {@code +1 NPA 555 01xx}, the range set aside for fiction: one area code gives only 100, so
 * the generator walks through every area code from 201 to 989 that libphonenumber accepts.
 */
final class SyntheticPatients {

    /** One patient: the phone they text from and the answers that verify them. */
    record Patient(String phone, String accountNumber, String firstName, String lastName,
                   LocalDate dateOfBirth, String zip, String amount) {

        /** The verification answer a patient types: {@code 03/14/1985 Rivera}. */
        String identityAnswer() {
            return dateOfBirth.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")) + " " + lastName;
        }
    }

    private static final List<String> FIRST = List.of("Avery", "Blake", "Casey", "Devon", "Emery",
            "Finley", "Harper", "Jordan", "Kendall", "Logan", "Morgan", "Parker", "Quinn", "Reese",
            "Rowan", "Sage", "Skyler", "Taylor");
    private static final List<String> LAST = List.of("Abbott", "Barlow", "Castillo", "Dunmore",
            "Ellery", "Fairbanks", "Galloway", "Holloway", "Iverson", "Jarrett", "Kingsley",
            "Lockhart", "Merriweather", "Northcott", "Okafor", "Pennington", "Quintero",
            "Rutherford", "Stanhope", "Thornbury", "Underhill", "Vasquez", "Whitlock", "Yardley");

    private SyntheticPatients() {
    }

    /**
     * {@code count} patients, the same ones for the same seed.
     *
     * @throws IllegalArgumentException when there are not enough made-up numbers for them
     */
    static List<Patient> generate(int count, long seed) {
        List<String> phones = phones(count);
        Random random = new Random(seed);
        List<Patient> patients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDate dob = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65));
            String cents = String.format("%d.%02d", 20 + random.nextInt(3000), random.nextInt(100));
            patients.add(new Patient(phones.get(i), String.format("BN%07d", i),
                    FIRST.get(random.nextInt(FIRST.size())), LAST.get(random.nextInt(LAST.size())),
                    dob, String.format("%05d", 10000 + random.nextInt(89999)), cents));
        }
        return List.copyOf(patients);
    }

    /** The balance file that imports {@code patients}: one visit each. */
    static String csv(List<Patient> patients) {
        StringBuilder csv = new StringBuilder("account_number,first_name,last_name,date_of_birth,"
                + "zip,phone,email,preferred_language,encounter_id,service_date,provider,"
                + "description,charges,insurance_paid,adjustments,patient_responsibility,"
                + "due_date\n");
        for (Patient p : patients) {
            csv.append(String.join(",", p.accountNumber(), p.firstName(), p.lastName(),
                    p.dateOfBirth().toString(), p.zip(), p.phone(), "", "en",
                    "V-" + p.accountNumber(), "2026-09-02", "Dr. Lena Ortiz", "Office visit",
                    p.amount(), "0.00", "0.00", p.amount(), "2026-12-31")).append('\n');
        }
        return csv.toString();
    }

    private static List<String> phones(int count) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<String> phones = new ArrayList<>(count);
        for (int npa = 201; npa <= 989 && phones.size() < count; npa++) {
            if (npa % 100 == 11 || !valid(util, "+1" + npa + "5550100")) {
                continue;
            }
            for (int line = 0; line < 100 && phones.size() < count; line++) {
                String phone = String.format("+1%d55501%02d", npa, line);
                // 555-0100 is the demo client's own number.
                if (!phone.equals("+15555550100")) {
                    phones.add(phone);
                }
            }
        }
        if (phones.size() < count) {
            throw new IllegalArgumentException("Only " + phones.size() + " made-up 555-01xx "
                    + "numbers are available, fewer than the " + count + " patients asked for; "
                    + "ask for fewer with --patients");
        }
        return phones;
    }

    private static boolean valid(PhoneNumberUtil util, String e164) {
        try {
            return util.isValidNumber(util.parse(e164, "US"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
