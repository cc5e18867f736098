package org.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.parley.web.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Twilio's REST API on a loopback port: it takes message creates at
 * {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, records each one, and answers from a
 * script (201 when the script is empty), so the real SDK can be driven end to end. It lists the
 * messages it took at {@code GET} on the same path, newest first, filtered by {@code To} and
 * {@code From}, as Twilio does.
 */
public final class FakeTwilio implements AutoCloseable {

    /** A test account SID; deliberately not shaped like a real one. */
    public static final String ACCOUNT_SID = "ACtestaccount";
    public static final String AUTH_TOKEN = "test-auth-token";

    private static final Pattern MESSAGES =
            Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final SecureRandom random = new SecureRandom();
    private final boolean keepHistory;
    private final Listener listener;
    private final Optional<ExecutorService> executor;
    /** The messages taken, newest first per recipient, for the list; kept even under load. */
    private final Map<String, Deque<Request>> taken =
            new ConcurrentHashMap<>();
    /** List reads still to answer with a 500. */
    private final AtomicInteger failingLists =
            new AtomicInteger();
    private final List<String> lists = new CopyOnWriteArrayList<>();
    /** Creates after this many are taken but not answered until {@link #releaseAnswers()}. */
    private volatile int answerUpTo = Integer.MAX_VALUE;
    private final CountDownLatch release =
            new CountDownLatch(1);
    private final AtomicInteger creates = new AtomicInteger();

    /** Hears each message create as it arrives; for load measurements. */
    @FunctionalInterface
    public interface Listener {

        /** @param arrivedNanos {@link System#nanoTime()} when the request reached the fake */
        void arrived(Request request, long arrivedNanos);
    }

    /** One message create as Twilio received it, and what it was answered. */
    public record Request(String accountSid, String to, Optional<String> from,
                          Optional<String> messagingServiceSid, String body,
                          Optional<String> statusCallback, int status, Optional<String> sid) {
    }

    /**
     * How the next message create is answered; {@code lost} takes the message as a 201 would
     * and then closes the connection without answering, as a timeout or a crash loses an answer.
     */
    public record Answer(int status, Optional<Integer> code, String message, boolean lost) {

        public Answer(int status, Optional<Integer> code, String message) {
            this(status, code, message, false);
        }

        public static Answer created() {
            return new Answer(201, Optional.empty(), "");
        }

        /** Twilio takes the message, but its answer never reaches the sender. */
        public static Answer createdButAnswerLost() {
            return new Answer(201, Optional.empty(), "", true);
        }

        public static Answer tooManyRequests() {
            return new Answer(429, Optional.of(20429), "Too Many Requests");
        }

        public static Answer serverError() {
            return new Answer(500, Optional.of(20500), "Internal Server Error");
        }

        public static Answer optedOut() {
            return new Answer(400, Optional.of(21610),
                    "Attempt to send to unsubscribed recipient");
        }

        public static Answer error(int status, int code, String message) {
            return new Answer(status, Optional.of(code), message);
        }
    }

    private FakeTwilio(HttpServer server, boolean keepHistory, Listener listener,
                       Optional<ExecutorService> executor) {
        this.server = server;
        this.keepHistory = keepHistory;
        this.listener = listener;
        this.executor = executor;
    }

    public static FakeTwilio start() {
        return start(true, (request, at) -> { }, Optional.empty());
    }

    /**
     * A fake that answers requests side by side, each on its own virtual thread, and keeps
     * them as {@link #start()} does: for senders that send several texts at once.
     */
    public static FakeTwilio startConcurrent() {
        return start(true, (request, at) -> { },
                Optional.of(Executors.newVirtualThreadPerTaskExecutor()));
    }

    /**
     * A fake for load runs: each request is handled on its own virtual thread, nothing is kept
     * (so {@link #requests()} and {@link #await} see nothing), and every arrival goes to
     * {@code listener}.
     */
    public static FakeTwilio forLoad(Listener listener) {
        return start(false, listener, Optional.of(Executors.newVirtualThreadPerTaskExecutor()));
    }

    private static FakeTwilio start(boolean keepHistory, Listener listener,
                                    Optional<ExecutorService> executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeTwilio fake = new FakeTwilio(server, keepHistory, listener, executor);
            server.createContext("/", fake::handle);
            executor.ifPresent(server::setExecutor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("FakeTwilio could not bind a loopback port", e);
        }
    }

    /** What to set {@code TWILIO_API_BASE_URL} to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The environment that points Parley at this fake. */
    public Map<String, String> env() {
        return Map.of("TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN", AUTH_TOKEN,
                "TWILIO_API_BASE_URL", baseUrl());
    }

    /** Queues answers for the next message creates, in order. */
    public void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** Every message create so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next {@code count} reads of the message list are answered 500. */
    public void failLists(int count) {
        failingLists.set(count);
    }

    /**
     * Message creates after the first {@code count} are taken (listed, with a sid) but their
     * answers wait until {@link #releaseAnswers()}: a sender killed meanwhile never learns them.
     */
    public void holdAnswersAfter(int count) {
        answerUpTo = count;
    }

    /** Answers every create held by {@link #holdAnswersAfter}, and those after it at once. */
    public void releaseAnswers() {
        answerUpTo = Integer.MAX_VALUE;
        release.countDown();
    }

    /** The query string of every read of the message list so far, in order. */
    public List<String> lists() {
        return List.copyOf(lists);
    }

    /** The message creates answered 201. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.status() == 201).toList();
    }

    /** Waits up to {@code timeout} for {@code count} more message creates; for background sends. */
    public List<Request> await(int count, Duration timeout) throws InterruptedException {
        List<Request> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count) {
            Request next = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("FakeTwilio got " + got.size() + " of " + count
                        + " message creates within " + timeout);
            }
            got.add(next);
        }
        return got;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            Matcher path = MESSAGES.matcher(exchange.getRequestURI().getPath());
            boolean list = exchange.getRequestMethod().equals("GET");
            if (!(list || exchange.getRequestMethod().equals("POST")) || !path.matches()) {
                respond(exchange, 404, error(404, 20404, "The requested resource was not found"));
                return;
            }
            String sid = path.group(1);
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (sid + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!sid.equals(ACCOUNT_SID)
                    || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error(401, 20003, "Authenticate"));
                return;
            }

            if (list) {
                list(exchange, sid);
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            Answer answer = Optional.ofNullable(script.poll()).orElseGet(Answer::created);
            Optional<String> messageSid = answer.status() == 201
                    ? Optional.of("SM" + HexFormat.of().formatHex(randomBytes()))
                    : Optional.empty();
            Request request = new Request(sid, form.get("To"),
                    Optional.ofNullable(form.get("From")),
                    Optional.ofNullable(form.get("MessagingServiceSid")), form.get("Body"),
                    Optional.ofNullable(form.get("StatusCallback")), answer.status(), messageSid);
            if (keepHistory) {
                requests.add(request);
                arrivals.add(request);
            }
            listener.arrived(request, arrived);
            if (messageSid.isPresent()) {
                taken.computeIfAbsent(request.to(),
                        to -> new ConcurrentLinkedDeque<>()).addFirst(request);
            }

            if (creates.incrementAndGet() > answerUpTo) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (answer.lost()) {
                // Closed before any answer: the sender's connection ends with no response.
                return;
            }
            if (messageSid.isPresent()) {
                respond(exchange, 201, created(messageSid.get(), request));
            } else {
                respond(exchange, answer.status(), error(answer.status(),
                        answer.code().orElse(answer.status()), answer.message()));
            }
        }
    }

    /** Twilio's message list: the recipient's messages, newest first, one page. */
    private void list(HttpExchange exchange, String accountSid) throws IOException {
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        lists.add(query);
        if (failingLists.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
            respond(exchange, 500, error(500, 20500, "Internal Server Error"));
            return;
        }
        Map<String, String> params = form(query);
        int pageSize = Integer.parseInt(params.getOrDefault("PageSize", "50"));
        Optional<String> from = Optional.ofNullable(params.get("From"));
        List<Object> messages = new ArrayList<>();
        for (Request r : taken.getOrDefault(params.getOrDefault("To", ""),
                new ArrayDeque<>())) {
            if (messages.size() == pageSize) {
                break;
            }
            if (from.isEmpty() || from.equals(r.from())) {
                messages.add(fields(r.sid().orElseThrow(), r));
            }
        }
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("messages", messages);
        page.put("first_page_uri", uri + "?" + query + "&Page=0");
        page.put("next_page_uri", null);
        page.put("previous_page_uri", null);
        page.put("page", 0);
        page.put("page_size", pageSize);
        page.put("start", 0);
        page.put("end", Math.max(messages.size() - 1, 0));
        page.put("uri", uri + "?" + query);
        respond(exchange, 200, json(page));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String created(String messageSid, Request request) {
        return json(fields(messageSid, request));
    }

    private static Map<String, Object> fields(String messageSid, Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sid", messageSid);
        body.put("account_sid", request.accountSid());
        body.put("to", request.to());
        body.put("from", request.from().orElse(null));
        body.put("messaging_service_sid", request.messagingServiceSid().orElse(null));
        body.put("body", request.body());
        body.put("status", "queued");
        body.put("num_segments", "1");
        body.put("direction", "outbound-api");
        body.put("api_version", "2010-04-01");
        body.put("error_code", null);
        body.put("error_message", null);
        body.put("uri", "/2010-04-01/Accounts/" + request.accountSid() + "/Messages/" + messageSid
                + ".json");
        return body;
    }

    private static String error(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return json(body);
    }

    private static String json(Map<String, Object> body) {
        return Json.write(body);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.ifPresent(ExecutorService::close);
    }
}
