package org.parley.plans;

import org.parley.testing.TestParley;

import java.nio.charset.StandardCharsets;

/**
 * Synthetic patients for plan conversations, each on an account of its own so that tests
 * sharing one server never share a plan: English ones owe $1,234.50 like Alex Rivera, Spanish
 * ones $3,240.00 like Lucía Hernández. They verify by account number and ZIP code.
 */
final class PlanPatients {

    static final String CLIENT = "example-health";
    private static final String HEADER = "account_number,first_name,last_name,date_of_birth,zip,"
            + "phone,email,preferred_language,encounter_id,service_date,provider,description,"
            + "charges,insurance_paid,adjustments,patient_responsibility,due_date\n";

    private PlanPatients() {
    }

    /** Imports English patients owing $1,234.50 on {@code accounts}, with the given phones. */
    static void english(TestParley parley, String... accountsAndPhones) {
        load(parley, rows(accountsAndPhones,
                ",Alex,Rivera,1985-03-14,30301,{phone},,en,{account}-1,2026-09-02,Dr. Lena Ortiz,"
                        + "Office visit,180.00,120.00,15.00,45.00,2026-12-31",
                ",Alex,Rivera,1985-03-14,30301,{phone},,en,{account}-2,2026-10-15,Northside "
                        + "Imaging,MRI,2850.00,1500.00,160.50,1189.50,2026-12-31"));
    }

    /** Imports Spanish patients owing $3,240.00 on {@code accounts}, with the given phones. */
    static void spanish(TestParley parley, String... accountsAndPhones) {
        load(parley, rows(accountsAndPhones,
                ",Lucía,Hernández,1979-11-02,30318,{phone},,es,{account}-1,2026-08-20,Example "
                        + "Health Emergency Department,Emergency visit,4200.00,1900.00,200.00,"
                        + "2100.00,2027-01-15",
                ",Lucía,Hernández,1979-11-02,30318,{phone},,es,{account}-2,2026-09-10,Dr. "
                        + "Tomás Peña,Cardiology stress test,2400.00,1100.00,160.00,1140.00,"
                        + "2027-01-15"));
    }

    /** The file's rows: each visit of each account, its number and phone filled in. */
    private static StringBuilder rows(String[] accountsAndPhones, String... visits) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < accountsAndPhones.length; i += 2) {
            for (String visit : visits) {
                csv.append(accountsAndPhones[i]).append(visit.replace("{account}",
                        accountsAndPhones[i]).replace("{phone}", accountsAndPhones[i + 1]))
                        .append('\n');
            }
        }
        return csv;
    }

    /** Imports an English patient, Sam Okafor, owing {@code amount} on one visit. */
    static void owing(TestParley parley, String account, String amount) {
        load(parley, new StringBuilder(HEADER).append(account)
                .append(",Sam,Okafor,1970-05-05,30307,,,en,").append(account)
                .append("-1,2026-07-01,Example Health Surgery,Knee surgery,40000.00,20000.00,")
                .append("0.00,").append(amount).append(",2026-12-31\n"));
    }

    private static void load(TestParley parley, StringBuilder csv) {
        parley.parley().services().balances().importCsv(CLIENT,
                csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
