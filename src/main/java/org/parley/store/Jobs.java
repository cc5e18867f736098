package org.parley.store;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background jobs every instance schedules and one runs at a time: each run first takes the
 * job's {@link Leases lease}, so two instances never sweep together, and a run that dies frees
 * the job for another instance when its lease runs out. Jobs must be safe to run again.
 */
public final class Jobs implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Jobs.class.getName());

    private final Leases leases;
    private final Clock clock;
    private final String holder = "instance-" + UUID.randomUUID();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    /** A job: what it does, how long one run may hold the lease, how often it runs. */
    public record Job(String name, Runnable work, Duration lease, Duration every) {
    }

    public Jobs(Leases leases, Clock clock) {
        this.leases = leases;
        this.clock = clock;
    }

    /** Adds a job; call before {@link #start}. */
    public Jobs add(String name, Runnable work, Duration lease, Duration every) {
        jobs.put(name, new Job(name, work, lease, every));
        return this;
    }

    /** Runs each job on its own period, the first run one period after start. */
    public synchronized void start() {
        if (timer != null || jobs.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-jobs");
            t.setDaemon(true);
            return t;
        });
        for (Job job : jobs.values()) {
            long ms = job.every().toMillis();
            timer.scheduleWithFixedDelay(() -> run(job.name()), ms, ms, TimeUnit.MILLISECONDS);
        }
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
     * Runs the job now if this instance can take its lease.
     *
     * @return true when it ran here, false when another instance holds it
     */
    public boolean run(String name) {
        return runOnce(name) == Outcome.RAN;
    }

    /** The names of the jobs, in the order they were added. */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(jobs.keySet());
    }

    /**
     * Runs the job once now under its lease, as its timer would, and says how it went.
     *
     * @throws IllegalArgumentException when there is no job {@code name}
     */
    public Outcome runOnce(String name) {
        Job job = Optional.ofNullable(jobs.get(name)).orElseThrow(() ->
                new IllegalArgumentException("No job named " + name + "; jobs: " + jobs.keySet()));
        if (leases.claim(name, holder, job.lease()).isEmpty()) {
            return Outcome.BUSY;
        }
        try {
            job.work().run();
            leases.done(name, holder, clock.instant().toString());
            return Outcome.RAN;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Job " + name + " failed; it runs again next time",
                    e);
            leases.release(name, holder);
            return Outcome.FAILED;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
