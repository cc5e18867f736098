package org.parley.financing;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.util.ULocale;
import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offers the verified patient the client's approved financing partners whose amount range fits
 * their balance, each with the client's disclosure in the patient's language, or in the
 * client's default language (and saying so) when it has none in theirs. The offer is recorded,
 * even when no partner fits.
 *
 * <p>The turn gets {@code balance} and {@code partners}: per partner {@code index}, {@code name},
 * {@code terms}, {@code termsNote} ({@code fallback} or {@code none}), {@code termsLanguage},
 * {@code appNote} ({@code other_language} or {@code none}) and {@code appLanguages}.
 */
public final class OfferFinancingAction implements Action {

    /** The slot that holds the id of the offer the patient is choosing from. */
    static final String OFFER_SLOT = "financing_offer";

    private final FinancingPartners partners;
    private final FinancingOffers offers;
    private final AccountStore accounts;
    private final ClientStore clients;
    private final AuditLog audit;

    OfferFinancingAction(FinancingPartners partners, FinancingOffers offers,
                         AccountStore accounts, ClientStore clients, AuditLog audit) {
        this.partners = partners;
        this.offers = offers;
        this.accounts = accounts;
        this.clients = clients;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "offer_financing";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("offered", "none_fit", "nothing_due");
    }

    @Override
    public String run(Turn turn) {
        Account account = accounts.verified(turn, name());
        String number = account.accountNumber();
        BigDecimal balance = account.totalDue();
        if (balance.signum() <= 0) {
            return "nothing_due";
        }
        Client client = clients.require(turn.clientId());
        String fallback = client.languages().isEmpty() ? "en" : client.languages().get(0);
        ULocale patient = new ULocale(turn.language());

        List<Map<String, Object>> items = new ArrayList<>();
        List<FinancingOffers.Offered> offered = new ArrayList<>();
        for (FinancingPartner partner : partners.partners(turn.clientId())) {
            if (!partner.fits(balance)) {
                continue;
            }
            String language = partner.terms(turn.language()).isPresent() ? turn.language()
                    : partner.terms(fallback).isPresent() ? fallback
                    : partner.terms().keySet().stream().sorted().findFirst().orElseThrow();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", items.size() + 1);
            item.put("name", partner.name());
            item.put("terms", partner.terms(language).orElseThrow());
            item.put("termsNote", language.equals(turn.language()) ? "none" : "fallback");
            item.put("termsLanguage", displayName(language, patient));
            item.put("appNote", partner.languages().contains(turn.language()) ? "none"
                    : "other_language");
            item.put("appLanguages", ListFormatter.getInstance(patient).format(
                    partner.languages().stream().map(l -> displayName(l, patient)).toList()));
            items.add(item);
            offered.add(new FinancingOffers.Offered(partner.name(), language,
                    partner.applyUrl()));
        }

        String offerId = offers.record(turn.clientId(), number, turn.conversationId(), balance,
                offered);
        audit.record("balance_disclosed", "bot", turn.clientId(), number, turn.conversationId());
        turn.put("balance", balance);
        if (items.isEmpty()) {
            return "none_fit";
        }
        turn.slots().put(OFFER_SLOT, offerId);
        turn.put("partners", items);
        return "offered";
    }

    /** A language's name as the patient's language writes it: "inglés" for en in Spanish. */
    private static String displayName(String language, ULocale in) {
        return new ULocale(language).getDisplayLanguage(in);
    }
}
