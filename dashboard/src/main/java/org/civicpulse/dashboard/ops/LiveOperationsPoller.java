package org.civicpulse.dashboard.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server push for the live operations view. One scheduler thread polls ClickHouse every {@code interval}
 * (~2 s), but only while at least one UI is subscribed, and runs one query per distinct {@link LiveKey}
 * however many UIs watch it. A subscriber gets a snapshot through {@link UI#access} (delivered by
 * {@code @Push}) only when its figures changed since the last one it got. Views subscribe on attach and
 * remove the registration on detach; a UI that went away is dropped at the next push.
 */
public class LiveOperationsPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveOperationsPoller.class);

    private final LiveOperationsService service;
    private final ScheduledExecutorService scheduler;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    private final class Subscription {
        final LiveKey key;
        final UI ui;
        final Consumer<LiveSnapshot> consumer;
        volatile LiveSnapshot last;

        Subscription(LiveKey key, UI ui, Consumer<LiveSnapshot> consumer, LiveSnapshot last) {
            this.key = key;
            this.ui = ui;
            this.consumer = consumer;
            this.last = last;
        }
    }

    public LiveOperationsPoller(LiveOperationsService service, Duration interval) {
        this.service = Objects.requireNonNull(service, "service");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-operations-poller");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::pollSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Pushes every change of {@code key}'s figures to {@code consumer}, run in {@code ui}'s session lock.
     *
     * @param current the snapshot the view already shows (no push until the figures differ from it)
     */
    public Registration subscribe(LiveKey key, UI ui, LiveSnapshot current, Consumer<LiveSnapshot> consumer) {
        Subscription s = new Subscription(key, ui, consumer, current);
        subscriptions.add(s);
        log.debug("Live subscription added for {} ({} in all)", key, subscriptions.size());
        return () -> {
            subscriptions.remove(s);
            log.debug("Live subscription removed for {} ({} left)", key, subscriptions.size());
        };
    }

    /** How many UIs are subscribed now. */
    public int subscribers() {
        return subscriptions.size();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Live operations poll failed: {}", e.toString());
        }
    }

    /** One round: a query per distinct key, a push to each subscriber whose figures changed. */
    void poll() {
        if (subscriptions.isEmpty()) {
            return;
        }
        Map<LiveKey, List<Subscription>> byKey = new LinkedHashMap<>();
        for (Subscription s : subscriptions) {
            byKey.computeIfAbsent(s.key, k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<LiveKey, List<Subscription>> e : byKey.entrySet()) {
            LiveSnapshot snapshot;
            try {
                snapshot = service.snapshot(e.getKey());
            } catch (RuntimeException ex) {
                log.warn("Live operations query for {} failed: {}", e.getKey(), ex.toString());
                continue;
            }
            for (Subscription s : e.getValue()) {
                if (snapshot.sameFigures(s.last)) {
                    continue;
                }
                s.last = snapshot;
                try {
                    s.ui.access(() -> s.consumer.accept(snapshot));
                } catch (UIDetachedException ex) {
                    subscriptions.remove(s);
                }
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        subscriptions.clear();
    }
}
