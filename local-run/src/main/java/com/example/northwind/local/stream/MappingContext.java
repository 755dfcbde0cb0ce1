package com.example.northwind.local.stream;

import com.example.northwind.model.EventFilter;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What every shard of one mapping shares: the stream, the settings (and the filter compiled from them), the function,
 * where checkpoints and failed batches go, the clock record ages are measured in, the timing and the log.
 *
 * @param functionArn the function as failure records name it (with its qualifier)
 */
record MappingContext(StreamSource source, MappingSettings settings, EventFilter filter, FunctionInvoker invoker,
                      Checkpoints checkpoints, FailureDestination failures, String functionArn, Clock clock,
                      LocalEventSourceMapping.Timing timing, Consumer<String> log) {
}
