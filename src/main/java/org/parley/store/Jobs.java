package org.parley.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Background jobs every instance schedules and one runs at a time: each run first takes the
 * job's {@link Leases lease} for {@link #LEASE}, and a heartbeat renews it every
 * {@link #RENEW_EVERY} while the job works, so a long run keeps its job however long it takes,
 * and a run that died with its instance frees the job for another within a minute. Jobs must be
 * safe to run again.
 */
public final class Jobs implements AutoCloseable {

    /**
     * How long a run holds its job's lease past its last renewal: how soon another instance
     * takes over the job of an instance that died running it.
     */
    public static final Duration LEASE = Duration.ofMinutes(1);
    /** How often the heartbeat renews the leases of the jobs running here: three per lease. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(20);

    private static final System.Logger LOG = System.getLogger(Jobs.class.getName());

    private final Leases leases;
    private final Clock clock;
    private final Duration renewEvery;
    private final String holder = "instance-" + UUID.randomUUID();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    /** One run of each job at a time here: the lease lets its holder take it again. */
    private final Map<String, Semaphore> turns = new ConcurrentHashMap<>();
    /** Jobs whose run here holds the lease: what the heartbeat renews. */
    private final Set<String> leased = ConcurrentHashMap.newKeySet();
    /** Jobs found cut off at start and run again early. */
    private final Set<String> resumed = ConcurrentHashMap.newKeySet();
    /** Held while renewing, so that no renewal lands after a run has freed its lease. */
    private final Object renewing = new Object();
    private ScheduledExecutorService timer;
    private ScheduledExecutorService heartbeat;

    /** A job: what it does and how often it runs. */
    public record Job(String name, Runnable work, Duration every) {
    }

    public Jobs(Leases leases, Clock clock) {
        this(leases, clock, RENEW_EVERY);
    }

    /** With the heartbeat every {@code renewEvery}: tests beat faster than production. */
    Jobs(Leases leases, Clock clock, Duration renewEvery) {
        this.leases = leases;
        this.clock = clock;
        this.renewEvery = renewEvery;
    }

    /** Adds a job; call before {@link #start}. */
    public Jobs add(String name, Runnable work, Duration every) {
        jobs.put(name, new Job(name, work, every));
        turns.put(name, new Semaphore(1));
        return this;
    }

    /**
     * Runs each job on its own period, the first run one period after start (or, for a job
     * whose last run was cut off, once that run's lease is out), and starts the heartbeat that
     * keeps the leases of the jobs at work.
     */
    public synchronized void start() {
        if (timer != null || jobs.isEmpty()) {
            return;
        }
        timer = daemon("parley-jobs");
        for (Job job : jobs.values()) {
            long ms = job.every().toMillis();
            timer.scheduleWithFixedDelay(() -> runOnce(job.name()), ms, ms, TimeUnit.MILLISECONDS);
            // A run a killed process left half done (a campaign half planned) goes on once its
            // lease is out, not a whole period later.
            leases.interrupted(job.name()).ifPresent(until -> {
                long wait = Math.clamp(Duration.between(clock.instant(), until).toMillis(), 0,
                        LEASE.toMillis()) + 1_000;
                resumed.add(job.name());
                timer.schedule(() -> runOnce(job.name()), wait, TimeUnit.MILLISECONDS);
            });
        }

        // Its own thread: the timer's thread is the one busy with the long job.
        heartbeat = daemon("parley-jobs-heartbeat");
        long beat = renewEvery.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** What one run of a job came to. */
    public enum Outcome {
        /** It ran here to the end. */
        RAN,
        /** Another instance, or another run here, holds its lease: it did not run. */
        BUSY,
        /** It ran and failed; the lease is freed, the next run tries again. */
        FAILED
    }

    /**
     * Runs the job now if this instance can take its lease; a run of it already under way here
     * is waited for first, so that the caller sees this run's effects. Not from within the job.
     *
     * @return true when it ran here to the end; false when another instance holds it, or when
     *         it failed
     */
    public boolean run(String name) {
        Job job = job(name);
        Semaphore turn = turns.get(name);
        turn.acquireUninterruptibly();
        try {
            return claimAndRun(job) == Outcome.RAN;
        } finally {
            turn.release();
        }
    }

    /** The jobs {@link #start} found cut off in a killed process and runs again early. */
    public Set<String> resumedAtStart() {
        return Collections.unmodifiableSet(resumed);
    }

    /** The names of the jobs, in the order they were added. */
    public Set<String> names() {
        return Collections.unmodifiableSet(jobs.keySet());
    }

    /**
     * Runs the job once now under its lease, as its timer would, and says how it went.
     *
     * @throws IllegalArgumentException when there is no job {@code name}
     */
    public Outcome runOnce(String name) {
        Job job = job(name);
        Semaphore turn = turns.get(name);
        if (!turn.tryAcquire()) {
            return Outcome.BUSY;
        }
        try {
            return claimAndRun(job);
        } finally {
            turn.release();
        }
    }

    /**
     * Waits until no run of the job {@code name} is under way here, its lease done or released
     * included.
     *
     * @return false when a run was still under way after {@code timeout}
     */
    public boolean awaitTurn(String name, Duration timeout) throws InterruptedException {
        Semaphore turn = turns.get(job(name).name());
        if (!turn.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        turn.release();
        return true;
    }

    private Job job(String name) {
        return Optional.ofNullable(jobs.get(name)).orElseThrow(() ->
                new IllegalArgumentException("No job named " + name + "; jobs: " + jobs.keySet()));
    }

    private Outcome claimAndRun(Job job) {
        if (leases.claim(job.name(), holder, LEASE).isEmpty()) {
            return Outcome.BUSY;
        }
        leased.add(job.name());
        try {
            return runLeased(job);
        } finally {
            unlease(job.name());
        }
    }

    private Outcome runLeased(Job job) {
        try {
            job.work().run();
            unlease(job.name());
            leases.done(job.name(), holder, clock.instant().toString());
            return Outcome.RAN;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Job " + job.name() + " failed; it runs again "
                    + "next time", e);
            unlease(job.name());
            leases.release(job.name(), holder);
            return Outcome.FAILED;
        }
    }

    /**
     * Renews the lease of every job running here for another {@link #LEASE}: what the heartbeat
     * does every {@link #RENEW_EVERY}.
     */
    public void renew() {
        synchronized (renewing) {
            for (String name : leased) {
                if (!leases.renew(name, holder, LEASE)) {
                    // Only when this instance stalled longer than a lease (a long pause, a store
                    // out of reach): the job may now run on two instances, as it must survive.
                    leased.remove(name);
                    LOG.log(System.Logger.Level.WARNING, "Job {0} lost its lease to another "
                            + "instance while it ran here; this run goes on to its end", name);
                }
            }
        }
    }

    private void unlease(String name) {
        synchronized (renewing) {
            leased.remove(name);
        }
    }

    private void beat() {
        try {
            renew();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next beat may reach the store.
            LOG.log(System.Logger.Level.WARNING, "Renewing the leases of the running jobs "
                    + "failed; the next heartbeat tries again in " + renewEvery, e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            heartbeat.shutdownNow();
            timer = null;
            heartbeat = null;
        }
    }
}
