package io.tendril.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, clustered through its JDBC job store on Tendril's own database, running the due pass
 * every second. One trigger exists for the whole cluster, never one per email; the pass itself
 * decides what is due.
 */
public final class DueScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DueScheduler.class);

    /** The cluster's name in the Quartz tables; every node of one installation shares it. */
    public static final String DEFAULT_NAME = "tendril";
    static final long INTERVAL_MILLIS = 1000;
    private static final String PASS_KEY = "duePass";
    private static final String FAILURES_KEY = "duePassFailures";
    private static final String TASK_PREFIX = "task.";
    private static final String NAME_KEY = "name";
    private static final JobKey JOB = JobKey.jobKey("due-pass", "delivery");
    private static final TriggerKey TRIGGER = TriggerKey.triggerKey("due-pass", "delivery");

    private final Scheduler scheduler;

    private DueScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Creates the scheduler on {@code dataSource}; it fires nothing until {@link #start}. */
    public static DueScheduler create(String name, DataSource dataSource) {
        String provider = "tendril-" + name + "-" + System.identityHashCode(dataSource);
        DBConnectionManager.getInstance().addConnectionProvider(provider,
                new PooledConnections(dataSource));

        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", name);
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.jobStore.class",
                "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", provider);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "2000");
        properties.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        try {
            return new DueScheduler(new StdSchedulerFactory(properties).getScheduler());
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz failed to start: " + e.getMessage(), e);
        }
    }

    /** Returns this node's id in the cluster, which marks the messages it sends. */
    public String nodeId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the pass and the cluster-wide trigger (once per cluster) and starts firing. */
    public void start(DuePass pass) {
        try {
            scheduler.getContext().put(PASS_KEY, pass);
            scheduler.getContext().put(FAILURES_KEY, new RepeatedFailures(log, "Due pass",
                    Clock.systemUTC()));
            JobDetail job = JobBuilder.newJob(DuePassJob.class).withIdentity(JOB).storeDurably()
                    .build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(INTERVAL_MILLIS)
                            .repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.addJob(job, true);
            if (!scheduler.checkExists(TRIGGER)) {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (org.quartz.ObjectAlreadyExistsException e) {
                    log.debug("Another node created the due-pass trigger first");
                }
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code task} every {@code interval} on one node of the cluster at a time. Call it
     * after {@link #start}; a node that starts later finds the trigger already there.
     */
    public void scheduleEvery(String name, Duration interval, Runnable task) {
        try {
            scheduler.getContext().put(TASK_PREFIX + name, task);
            scheduler.getContext().put(FAILURES_KEY + name, new RepeatedFailures(log, name,
                    Clock.systemUTC()));
            JobKey key = JobKey.jobKey(name, "recurring");
            TriggerKey triggerKey = TriggerKey.triggerKey(name, "recurring");
            JobDetail job = JobBuilder.newJob(RecurringJob.class).withIdentity(key)
                    .usingJobData(NAME_KEY, name).storeDurably().build();
            scheduler.addJob(job, true);
            if (!scheduler.checkExists(triggerKey)) {
                try {
                    scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(triggerKey)
                            .forJob(key)
                            .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                    .withIntervalInMilliseconds(interval.toMillis())
                                    .repeatForever()
                                    .withMisfireHandlingInstructionNextWithRemainingCount())
                            .build());
                } catch (org.quartz.ObjectAlreadyExistsException e) {
                    log.debug("Another node created the {} trigger first", name);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz failed to schedule " + name + ": "
                    + e.getMessage(), e);
        }
    }

    /** Stops firing and waits for a running pass to finish, so no message is left sending. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Quartz did not shut down cleanly", e);
        }
    }

    /**
     * Runs one due pass. The trigger fires every second on whichever node acquires it, so while
     * passes run long, several overlap across nodes (and up to the thread count on one node);
     * SKIP LOCKED keeps them from claiming the same enrollment.
     */
    public static final class DuePassJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            RepeatedFailures failures;
            DuePass pass;
            try {
                failures = (RepeatedFailures) context.getScheduler().getContext()
                        .get(FAILURES_KEY);
                pass = (DuePass) context.getScheduler().getContext().get(PASS_KEY);
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            }
            try {
                pass.run();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
    }

    /**
     * Runs a task given to {@link #scheduleEvery}. Quartz starts no second run of it anywhere in
     * the cluster while one is running.
     */
    @DisallowConcurrentExecution
    public static final class RecurringJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            String name = context.getMergedJobDataMap().getString(NAME_KEY);
            Runnable task;
            RepeatedFailures failures;
            try {
                task = (Runnable) context.getScheduler().getContext().get(TASK_PREFIX + name);
                failures = (RepeatedFailures) context.getScheduler().getContext()
                        .get(FAILURES_KEY + name);
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            }
            if (task == null) {
                // Scheduled by another node; this node has not registered the task yet.
                return;
            }
            try {
                task.run();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
    }

    /** Lends Quartz connections from Tendril's pool. */
    private static final class PooledConnections implements ConnectionProvider {
        private final DataSource dataSource;

        PooledConnections(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // The pool belongs to Tendril, which closes it after Quartz.
        }

        @Override
        public void initialize() {
            // Nothing to set up: the pool is open already.
        }
    }
}
