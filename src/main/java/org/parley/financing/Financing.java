package org.parley.financing;

import com.mongodb.client.MongoDatabase;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.dialog.Action;
import org.parley.i18n.LocaleContent;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Approved financing, wired: each client's partners (also a section of the settings API) and
 * the record of what was offered and chosen.
 */
public final class Financing {

    private final FinancingPartners partners;
    private final FinancingOffers offers;

    private Financing(FinancingPartners partners, FinancingOffers offers) {
        this.partners = partners;
        this.offers = offers;
    }

    /**
     * @param locales the languages Parley speaks, which partners' terms may be written in
     */
    public static Financing create(MongoDatabase db, ClientSettings settings,
                                   Map<String, LocaleContent> locales, Clock clock) {
        return new Financing(new FinancingPartners(settings, locales.keySet()),
                new FinancingOffers(db, clock));
    }

    public FinancingPartners partners() {
        return partners;
    }

    public FinancingOffers offers() {
        return offers;
    }

    /**
     * The dialog actions of financing: the offer and the choice. With a null {@code financing}
     * they serve only to list their names and outcomes.
     */
    public static List<Action> actions(Financing financing, AccountStore accounts,
                                       ClientStore clients, AuditLog audit,
                                       Map<String, LocaleContent> locales) {
        FinancingPartners partners = financing == null ? null : financing.partners;
        FinancingOffers offers = financing == null ? null : financing.offers;
        return List.of(new OfferFinancingAction(partners, offers, accounts, clients, audit),
                new ChooseFinancingAction(offers, locales));
    }
}
