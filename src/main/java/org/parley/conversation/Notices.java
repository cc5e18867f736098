package org.parley.conversation;

import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.dialog.DialogState;
import org.parley.dialog.Reply;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Says notices on existing conversations outside a patient's turn (receipts, reminders,
 * outreach), each once, and leads the dialog to where the patient's answer belongs.
 */
final class Notices {

    private final ConversationStore store;
    private final ClientStore clients;
    private final Clock clock;
    private final ConversationWrites writes;
    private final BotMessages messages;
    private final LiveChats chats;

    Notices(ConversationStore store, ClientStore clients, Clock clock, ConversationWrites writes,
            BotMessages messages, LiveChats chats) {
        this.store = store;
        this.clients = clients;
        this.clock = clock;
        this.writes = writes;
        this.messages = messages;
        this.chats = chats;
    }

    /** See {@link ConversationService#notify(String, ConversationService.Notice)}. */
    List<Message> notify(String conversationId, ConversationService.Notice notice) {
        String dedupe = "notice:" + notice.id();
        List<Message> out = writes.once(conversationId, dedupe, m -> List.of(),
                () -> notifyOnce(conversationId, dedupe, notice));
        chats.push(conversationId, out);
        return out;
    }

    private List<Message> notifyOnce(String conversationId, String dedupe,
                                     ConversationService.Notice notice) {
        Conversation c = writes.require(conversationId);
        Client client = clients.require(c.clientId());
        Instant now = clock.instant();
        long seq = writes.nextSeq(c);
        List<Reply> replies = notice.replies().stream()
                .map(r -> BotMessages.withBaseArgs(client, r)).toList();
        List<Message> out = messages.render(client, conversationId, c.channel(),
                c.dialog().language(), replies, seq, now);
        List<String> keys = new ArrayList<>(BotMessages.dedupeKeys(out));
        keys.set(0, dedupe);
        store.insert(out, keys, c.channel(), c.address(), Optional.empty(), notice.place());
        List<String> offered = notice.replies().isEmpty() ? List.of()
                : notice.replies().get(notice.replies().size() - 1).options();
        DialogState dialog = notice.goTo().map(target -> c.dialog().answeringAt(target, offered))
                .orElse(c.dialog());
        writes.advance(c, dialog, seq + out.size(), now);
        return out;
    }
}
