package com.example.northwind.lambda;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Carries what a thread has bound to itself to the tasks it hands to a pool: a sharded page's shard queries run on
 * the query Lambda's pool, and the local stack's request recorder (which records per thread) must still see them as
 * the invocation's requests. In a deployment nothing is registered and tasks run as they are.
 */
public final class TaskContext {
    /** Captures the submitting thread's context and returns a task that runs with it on whichever thread runs it. */
    public interface Propagator {
        <T> Callable<T> bind(Callable<T> task);
    }

    private static final List<Propagator> PROPAGATORS = new CopyOnWriteArrayList<>();

    private TaskContext() {
    }

    public static void register(Propagator propagator) {
        if (!PROPAGATORS.contains(propagator)) {
            PROPAGATORS.add(propagator);
        }
    }

    public static void unregister(Propagator propagator) {
        PROPAGATORS.remove(propagator);
    }

    /** The task, bound (on this thread) to this thread's context. */
    public static <T> Callable<T> bind(Callable<T> task) {
        Callable<T> bound = task;
        for (Propagator propagator : PROPAGATORS) {
            bound = propagator.bind(bound);
        }
        return bound;
    }
}
