package org.parley.financing;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;
import org.parley.i18n.LocaleContent;
import org.parley.nlu.ChoiceParser;
import org.parley.nlu.Text;
import org.parley.nlu.YesNo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads which offered partner the patient chose, by its number ("2", "the second one") or its
 * name, records the choice on the offer and puts the partner's apply link in the turn as
 * {@code name} and {@code url}. A plain "no" declines.
 */
public final class ChooseFinancingAction implements Action {

    // A name typed in part must still say enough to pick one partner.
    private static final int MIN_NAME_CHARACTERS = 4;

    private final FinancingOffers offers;
    private final Map<String, LocaleContent> locales;
    private final ChoiceParser choices = new ChoiceParser();

    ChooseFinancingAction(FinancingOffers offers, Map<String, LocaleContent> locales) {
        this.offers = offers;
        this.locales = locales;
    }

    @Override
    public String name() {
        return "choose_financing";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("chosen", "declined", "not_understood");
    }

    @Override
    public String run(Turn turn) {
        Optional<FinancingOffers.Offer> offer = Optional.ofNullable(
                turn.slots().get(OfferFinancingAction.OFFER_SLOT)).flatMap(offers::find);
        if (offer.isEmpty() || YesNo.read(turn.text(), turn.language(), locales)
                .filter(yes -> !yes).isPresent()) {
            turn.slots().remove(OfferFinancingAction.OFFER_SLOT);
            return "declined";
        }

        List<FinancingOffers.Offered> offered = offer.get().offered();
        Optional<FinancingOffers.Offered> chosen = picked(turn, offered);
        if (chosen.isEmpty()) {
            return "not_understood";
        }
        offers.chose(offer.get().id(), chosen.get().name());
        turn.slots().remove(OfferFinancingAction.OFFER_SLOT);
        turn.put("name", chosen.get().name());
        turn.put("url", FinancingPartner.applyLink(chosen.get().applyUrl(),
                offer.get().accountNumber(), offer.get().balance()));
        return "chosen";
    }

    private Optional<FinancingOffers.Offered> picked(Turn turn,
                                                     List<FinancingOffers.Offered> offered) {
        OptionalInt number = choices.choose(turn.text(), turn.language(), offered.size());
        if (number.isPresent()) {
            return Optional.of(offered.get(number.getAsInt() - 1));
        }
        String said = Text.command(turn.text());
        if (said.length() < MIN_NAME_CHARACTERS) {
            return Optional.empty();
        }
        List<FinancingOffers.Offered> named = offered.stream().filter(o -> {
            String name = Text.command(o.name());
            return name.contains(said) || said.contains(name);
        }).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }
}
