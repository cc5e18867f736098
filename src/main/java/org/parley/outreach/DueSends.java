package org.parley.outreach;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.store.DuplicateKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each waiting send of the outreach outbox comes due, kept in {@code outreach_due} so that
 * the sending job finds the sends due now by exact keys: its cost is in what is due, not in
 * every send the outbox holds (the embedded store answers a query on the sends' status and
 * times only by reading all of them).
 *
 * <p>A send that comes due at {@code at} gets an entry in its client's lane of that second (the
 * second of now, when {@code at} is past), in the lane's next free slot:
 * {@code e|client|second|slot}, with the send's key and {@code at}. The lane's head
 * {@code h|client|second} holds {@code n}, every slot below it written, and {@code lo}, every
 * slot below it read. A writer tries the slot it last wrote after, and the next one on a
 * duplicate key (jumping to the head's {@code n}), so a lane fills without gaps; entries stay
 * until no writer writes the lane any more, so no slot is written twice. {@code c|client} is
 * the first second whose lane may hold unread entries, {@code clients} lists the clients. The
 * reader reads the heads from that second to now, then the slots from {@code lo} to {@code n},
 * earliest second first, and drops a lane read to its end a minute after its second.
 *
 * <p>An entry is a hint; the send is the truth. The send is written first, then its entry; an
 * entry whose send is not due now is passed over (what moved the send wrote one of its own),
 * and a claim stays a conditional write on the send. What a crash leaves without an entry (a
 * send written but not its entry, a worker that died holding a lease) is found by a sweep, the
 * query over every send, at the first look and then once a minute.
 */
final class DueSends {

    /** The collection of lanes, entries and cursors. */
    static final String COLLECTION = "outreach_due";
    /** How often a look reads every send instead, for what a crash left without an entry. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** Seconds a past lane is still read, for a writer whose clock is that much behind. */
    static final long GRACE = 60;
    /** How far back a client whose cursor was lost is read. */
    static final long LOOKBACK = 86_400;
    /** The most seconds of one client whose heads one query reads. */
    static final int SECONDS_PER_READ = 3_600;

    private static final String CLIENTS = "clients";
    private static final String SCHEDULED = "scheduled";
    private static final String SENDING = "sending";
    private static final int LANES_KNOWN = 4_096;
    /** The most reads of the lanes one look makes. */
    private static final int MAX_READS = 100;
    /** How many writes one bulk write carries. */
    private static final int BULK = 1_000;
    /** How many ids one {@code $in} asks for. */
    private static final int IN_CHUNK = 50;

    /** A send that comes due at {@code at}. */
    record Entry(String clientId, String key, Instant at) {
    }

    /** A lane as its head was read, and the slots read from it. */
    private record Lane(String client, long second, long lo, long n, long gone) {
        String head() {
            return "h|" + client + "|" + second;
        }
    }

    private final MongoCollection<Document> sends;
    private final MongoCollection<Document> due;
    private final Clock clock;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /** Per lane, a slot every slot below which is written: where this writer tries first. */
    private final Map<String, Long> next = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > LANES_KNOWN;
                }
            });
    private volatile Instant lastSweep;

    DueSends(MongoDatabase db, MongoCollection<Document> sends, Clock clock) {
        this.sends = sends;
        this.due = db.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Records that the send {@code key} of {@code clientId} comes due at {@code at}. */
    void enter(String clientId, String key, Instant at) {
        enter(List.of(new Entry(clientId, key, at)));
    }

    /** Records when each of {@code entries} comes due; call after writing the sends. */
    void enter(List<Entry> entries) {
        Instant now = clock.instant();
        Map<String, List<Entry>> byLane = new LinkedHashMap<>();
        for (Entry e : entries) {
            // A paused campaign's send waits for its resume, which makes it due anew.
            if (!e.at().isBefore(CampaignGate.PAUSED_UNTIL)) {
                continue;
            }
            register(e.clientId(), now);
            long second = (e.at().isAfter(now) ? e.at() : now).getEpochSecond();
            byLane.computeIfAbsent(e.clientId() + "|" + second, k -> new ArrayList<>()).add(e);
        }
        byLane.forEach(this::append);
    }

    /** Puts {@code entries} in the lane's next slots, then raises the lane's {@code n}. */
    private void append(String lane, List<Entry> entries) {
        long slot = next.getOrDefault(lane, 0L);
        int done = 0;
        for (int tries = 0; done < entries.size(); tries++) {
            if (tries > 10_000) {
                throw new IllegalStateException("Lane " + lane + " of " + COLLECTION
                        + " stayed full after 10000 tries; is another writer looping?");
            }
            List<Document> docs = new ArrayList<>();
            for (int i = done; i < entries.size(); i++) {
                Entry e = entries.get(i);
                docs.add(new Document("_id", "e|" + lane + "|" + (slot + i - done))
                        .append("k", e.key()).append("at", Date.from(e.at())));
            }
            int written = insert(docs);
            done += written;
            slot += written;
            if (done < entries.size()) {
                // Another writer has this slot: every slot up to it is written.
                slot = Math.max(slot + 1, written(lane));
            }
        }
        DuplicateKey.upsert(due, new Document("_id", "h|" + lane), Updates.max("n", slot));
        next.merge(lane, slot, Math::max);
    }

    /** Inserts {@code docs} in order; answers how many went in before a taken slot. */
    private int insert(List<Document> docs) {
        try {
            if (docs.size() == 1) {
                due.insertOne(docs.get(0));
            } else {
                due.insertMany(docs, new InsertManyOptions().ordered(true));
            }
            return docs.size();
        } catch (MongoWriteException e) {
            if (!DuplicateKey.is(e)) {
                throw e;
            }
            return 0;
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().isEmpty() || e.getWriteErrors().get(0).getCategory()
                    != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return e.getWriteErrors().get(0).getIndex();
        }
    }

    /** The lane's {@code n} as stored: every slot below it is written. */
    private long written(String lane) {
        Document head = due.find(new Document("_id", "h|" + lane)).first();
        return head == null ? 0 : number(head, "n");
    }

    /** Lists the client and starts its cursor no later than this writer's lanes. */
    private void register(String clientId, Instant now) {
        if (registered.contains(clientId)) {
            return;
        }
        DuplicateKey.upsert(due, new Document("_id", CLIENTS), Updates.addToSet("ids", clientId));
        DuplicateKey.upsert(due, new Document("_id", "c|" + clientId),
                Updates.min("s", now.getEpochSecond() - GRACE));
        registered.add(clientId);
    }

    /**
     * Up to {@code limit} sends due now, earliest due first, of clients not in {@code except}:
     * scheduled ones whose time has come and claimed ones whose lease ran out, each with
     * {@code _id}, {@code clientId}, {@code account}, {@code status}, {@code dueAt} and
     * {@code leaseUntil} as read. The entries read are deleted: a candidate that is not
     * claimed must be {@link #enter}ed again.
     */
    List<Document> due(int limit, Set<String> except) {
        Instant now = clock.instant();
        Instant swept = lastSweep;
        if (swept == null || !now.isBefore(swept.plus(SWEEP_EVERY))) {
            lastSweep = now;
            return sweep(limit, except, now);
        }
        return lanes(limit, except);
    }

    /** Up to {@code limit} sends due now from the lanes alone, as {@link #due} without a sweep. */
    List<Document> lanes(int limit, Set<String> except) {
        Instant now = clock.instant();
        List<Document> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int reads = 0; reads < MAX_READS && found.size() < limit; reads++) {
            // Read again while a read got somewhere: entries of sends no longer due took
            // places in it, or seconds are left to read.
            if (!read(limit - found.size(), except, now, found, seen)) {
                break;
            }
        }
        found.sort(Comparator.comparing(d -> d.getDate("dueAt")));
        return found;
    }

    /**
     * One read of the lanes: up to {@code want} slots, earliest second first. Answers whether
     * it got anywhere (an entry taken, or seconds left to read), so another read may find more.
     */
    private boolean read(int want, Set<String> except, Instant now, List<Document> found,
                         Set<String> seen) {
        long nowSecond = now.getEpochSecond();
        Document listed = due.find(new Document("_id", CLIENTS)).first();
        List<String> clients = new ArrayList<>(listed == null ? List.of()
                : listed.getList("ids", String.class, List.of()));
        clients.removeAll(except);
        if (clients.isEmpty()) {
            return false;
        }
        Map<String, Long> from = new HashMap<>();
        for (Document c : due.find(Filters.in("_id", clients.stream().map(c -> "c|" + c)
                .toList()))) {
            from.put(c.getString("_id").substring(2), number(c, "s"));
        }
        Map<String, Long> until = new HashMap<>();
        List<String> heads = new ArrayList<>();
        for (String client : clients) {
            long s = from.getOrDefault(client, nowSecond - LOOKBACK);
            long end = Math.min(nowSecond, s + SECONDS_PER_READ - 1);
            from.put(client, s);
            until.put(client, end);
            for (long second = s; second <= end; second++) {
                heads.add("h|" + client + "|" + second);
            }
        }
        List<Lane> lanes = new ArrayList<>();
        for (Document h : byId(due, heads, null).values()) {
            String id = h.getString("_id");
            int bar = id.lastIndexOf('|');
            lanes.add(new Lane(id.substring(2, bar), Long.parseLong(id.substring(bar + 1)),
                    number(h, "lo"), number(h, "n"), number(h, "gone")));
        }
        lanes.sort(Comparator.comparingLong(Lane::second).thenComparing(Lane::client));

        // The slots to read, earliest second first, up to what is wanted.
        Map<Lane, Long> upTo = new LinkedHashMap<>();
        List<String> slots = new ArrayList<>();
        for (Lane lane : lanes) {
            long to = Math.min(Math.max(lane.n(), lane.lo()),
                    lane.lo() + Math.max(0, want - slots.size()));
            upTo.put(lane, to);
            for (long slot = lane.lo(); slot < to; slot++) {
                slots.add(slot(lane, slot));
            }
        }
        Map<String, Document> entries = byId(due, slots, null);
        Map<String, Document> current = byId(sends, entries.values().stream()
                .map(e -> e.getString("k")).distinct().toList(), Projections.include("clientId",
                        "account", "status", "dueAt", "leaseUntil"));

        List<String> taken = new ArrayList<>();
        long read = 0;
        List<WriteModel<Document>> headWrites = new ArrayList<>();
        Map<String, Long> pending = new HashMap<>();
        for (Lane lane : lanes) {
            Walk walk = walk(lane, upTo.get(lane), entries, current, now, taken, found, seen);
            read += walk.lo() - lane.lo();
            if (!walk.done()) {
                pending.merge(lane.client(), lane.second(), Math::min);
            }
            if (walk.done() && lane.second() < nowSecond - GRACE) {
                // No writer writes it any more: its entries go, a bulk at a time, then itself.
                long gone = Math.min(lane.n(), lane.gone() + BULK);
                for (long slot = lane.gone(); slot < gone; slot++) {
                    headWrites.add(new DeleteOneModel<>(new Document("_id", slot(lane, slot))));
                }
                headWrites.add(gone >= lane.n()
                        ? new DeleteOneModel<>(new Document("_id", lane.head()))
                        : new UpdateOneModel<>(new Document("_id", lane.head()),
                                Updates.combine(Updates.set("gone", gone),
                                        Updates.max("lo", walk.lo()))));
                if (gone < lane.n()) {
                    pending.merge(lane.client(), lane.second(), Math::min);
                }
            } else if (walk.lo() > lane.lo()) {
                headWrites.add(new UpdateOneModel<>(new Document("_id", lane.head()),
                        Updates.max("lo", walk.lo())));
            }
        }
        // Entries stay while their lane may still be written, so that no slot is taken twice;
        // one taken past a later one is marked. A lane read to its end is dropped whole.
        headWrites.addAll(taken.stream().<WriteModel<Document>>map(id -> new UpdateOneModel<>(
                new Document("_id", id), Updates.set("t", true))).toList());
        for (int at = 0; at < headWrites.size(); at += BULK) {
            due.bulkWrite(headWrites.subList(at, Math.min(headWrites.size(), at + BULK)));
        }

        // Each client's cursor moves to its first lane left to read, never into the seconds a
        // writer whose clock is behind may still write to.
        boolean more = false;
        for (String client : clients) {
            long end = until.get(client);
            more |= end < nowSecond;
            long s = Math.min(pending.getOrDefault(client, end + 1), nowSecond - GRACE);
            if (s > from.get(client)) {
                DuplicateKey.upsert(due, new Document("_id", "c|" + client), Updates.max("s", s));
            }
        }
        return read > 0 || more;
    }

    /**
     * The documents of {@code collection} under {@code ids}, by id. Asked {@link #IN_CHUNK} at a
     * time: the embedded store matches every document it finds against every id asked.
     */
    private static Map<String, Document> byId(MongoCollection<Document> collection,
                                              List<String> ids, Bson projection) {
        Map<String, Document> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            var found = collection.find(Filters.in("_id", ids.subList(from,
                    Math.min(ids.size(), from + IN_CHUNK))));
            if (projection != null) {
                found = found.projection(projection);
            }
            found.forEach(d -> out.put(d.getString("_id"), d));
        }
        return out;
    }

    /** Where a read left a lane: its new {@code lo}, and whether it is read to its end. */
    private record Walk(long lo, boolean done) {
    }

    /**
     * Takes the lane's entries read, in slot order (their sends, when due, into {@code found}),
     * except those for later in this very second: the lane's {@code lo} stops at the first of
     * those until then, and those taken past it are put in {@code marked}.
     */
    private static Walk walk(Lane lane, long to, Map<String, Document> entries,
                             Map<String, Document> current, Instant now, List<String> marked,
                             List<Document> found, Set<String> seen) {
        long lo = lane.lo();
        boolean held = false;
        for (long slot = lane.lo(); slot < to; slot++) {
            Document entry = entries.get(slot(lane, slot));
            if (entry != null && !entry.containsKey("t")
                    && entry.getDate("at").toInstant().isAfter(now)) {
                held = true;
                continue;
            }
            lo = held ? lo : slot + 1;
            if (entry == null || entry.containsKey("t")) {
                continue;
            }
            if (held) {
                marked.add(entry.getString("_id"));
            }
            Document send = current.get(entry.getString("k"));
            if (dueNow(send, now) && seen.add(send.getString("_id"))) {
                found.add(send);
            }
        }
        return new Walk(lo, !held && lo >= lane.n());
    }

    private static String slot(Lane lane, long slot) {
        return "e|" + lane.client() + "|" + lane.second() + "|" + slot;
    }

    /** Whether {@code send}, as read, may be claimed now. */
    private static boolean dueNow(Document send, Instant now) {
        if (send == null) {
            return false;
        }
        String status = send.getString("status");
        Date at = SCHEDULED.equals(status) ? send.getDate("dueAt")
                : SENDING.equals(status) ? send.getDate("leaseUntil") : null;
        return at != null && !at.toInstant().isAfter(now);
    }

    /**
     * The look over every send: the earliest {@code limit} due, whatever the lanes hold. It
     * lists again any of their clients the lanes no longer list.
     */
    List<Document> sweep(int limit, Set<String> except, Instant now) {
        Bson dueNow = Filters.or(
                Filters.and(Filters.eq("status", SCHEDULED), Filters.lte("dueAt", Date.from(now))),
                Filters.and(Filters.eq("status", SENDING),
                        Filters.lte("leaseUntil", Date.from(now))));
        if (!except.isEmpty()) {
            dueNow = Filters.and(dueNow, Filters.nin("clientId", except));
        }
        List<Document> found = sends.find(dueNow).sort(Sorts.ascending("dueAt")).limit(limit)
                .projection(Projections.include("clientId", "account", "status", "dueAt",
                        "leaseUntil"))
                .into(new ArrayList<>());
        Document listed = due.find(new Document("_id", CLIENTS)).first();
        List<String> ids = listed == null ? List.of() : listed.getList("ids", String.class,
                List.of());
        for (Document d : found) {
            if (!ids.contains(d.getString("clientId"))) {
                registered.remove(d.getString("clientId"));
                register(d.getString("clientId"), now);
            }
        }
        return found;
    }

    private static long number(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number x ? x.longValue() : 0;
    }
}
