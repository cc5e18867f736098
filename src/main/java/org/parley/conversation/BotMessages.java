package org.parley.conversation;

import org.parley.client.Client;
import org.parley.dialog.DialogEngine;
import org.parley.dialog.Reply;
import org.parley.i18n.Renderer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what the dialog says into the bot's messages of one conversation: each reply rendered
 * in the conversation's language for its channel, numbered choices and one message per turn
 * where the channel has no buttons, and what every message may name about the client.
 */
final class BotMessages {

    private static final String REGION = "US";
    /** Channels with no buttons: choices are numbered and a turn's messages go as one. */
    private static final Set<String> PLAIN_CHANNELS = Set.of("sms", "email");

    private final Renderer renderer;

    BotMessages(Renderer renderer) {
        this.renderer = renderer;
    }

    /** The bot's messages for {@code replies}, numbered from {@code firstSeq}. */
    List<Message> render(Client client, String conversationId, String channel, String language,
                         List<Reply> replies, long firstSeq, Instant now) {
        List<Message> messages = new ArrayList<>();
        long seq = firstSeq;
        for (Reply reply : replies) {
            String text = renderer.render(language, REGION, channel, reply.key(), reply.args(),
                    client.currency());
            List<Message.Option> options = reply.options().stream().map(intent -> {
                String label = renderer.render(language, REGION, channel, "option." + intent,
                        Map.of(), client.currency());
                return new Message.Option(label, label);
            }).toList();
            if (!options.isEmpty() && PLAIN_CHANNELS.contains(channel)) {
                // A text message has no buttons: the choices are numbered lines, and the
                // dialog already understands a number as the option it names.
                StringBuilder numbered = new StringBuilder(text);
                for (int i = 0; i < options.size(); i++) {
                    numbered.append('\n').append(i + 1).append(' ').append(options.get(i).label());
                }
                numbered.append('\n').append(renderer.render(language, REGION, channel,
                        "options.reply_with_number", Map.of("last", options.size()),
                        client.currency()));
                text = numbered.toString();
                options = List.of();
            }
            messages.add(new Message(conversationId, seq++, "bot", text, options,
                    Optional.of(reply.key()), Optional.empty(), now));
        }
        return PLAIN_CHANNELS.contains(channel) ? joined(messages, channel) : messages;
    }

    /**
     * One text message per turn on SMS: a patient's phone shows several short texts out of
     * order as often as in order, and each costs a segment of its own. One email per turn too:
     * a reply that arrives as five emails is five notifications.
     */
    private static List<Message> joined(List<Message> messages, String channel) {
        if (messages.size() < 2) {
            return messages;
        }
        Message first = messages.get(0);
        StringBuilder text = new StringBuilder(first.text());
        for (int i = 1; i < messages.size(); i++) {
            // An email's paragraphs are its messages; a run of one key (visits, offers) is a
            // list, one line each.
            boolean paragraph = channel.equals("email")
                    && !messages.get(i).key().equals(messages.get(i - 1).key());
            text.append(paragraph ? "\n\n" : "\n").append(messages.get(i).text());
        }
        String keys = String.join(",", messages.stream().map(m -> m.key().orElse("")).toList());
        return List.of(new Message(first.conversationId(), first.seq(), "bot", text.toString(),
                List.of(), Optional.of(keys), Optional.empty(), first.at()));
    }

    /** Who a dialog turn is for, with the client's base arguments. */
    static DialogEngine.Context context(Client client, String conversationId, String channel,
                                        String address) {
        return new DialogEngine.Context(client.id(), conversationId, channel, address,
                baseArgs(client));
    }

    /** The reply with the client's base arguments under its own. */
    static Reply withBaseArgs(Client client, Reply reply) {
        Map<String, Object> args = new HashMap<>(baseArgs(client));
        args.putAll(reply.args());
        return new Reply(reply.key(), args, reply.options());
    }

    /** What every message may name: the client and how to reach a person there. */
    static Map<String, Object> baseArgs(Client client) {
        return Map.of("client", client.name(), "phone", client.supportPhone());
    }

    /** The key each message is stored under, so that it is stored once. */
    static List<String> dedupeKeys(List<Message> messages) {
        return messages.stream().map(m -> m.from() + ":seq:" + m.seq()).toList();
    }
}
