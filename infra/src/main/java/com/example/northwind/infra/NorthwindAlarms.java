package com.example.northwind.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.SystemErrorsForOperationsMetricOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The day-one alarms: any error or throttle of a watched function, any throttled request or system error
 * of the table, each over one five-minute period; the HTTP API's 5xx and p99 latency. Every alarm notifies the topic,
 * when there is one.
 *
 * <p>One call per thing to watch: {@code alarms.watchFunction("Query", query.getFunction())} gives a
 * function (the query and the command function) its Errors and Throttles alarms; {@link #watchStreamConsumer} adds
 * the stream consumer's lag and failed batches.
 */
public class NorthwindAlarms extends Construct {
    /** The table operations this app calls: the ones whose throttles and system errors are alarmed. */
    public static final List<Operation> TABLE_OPERATIONS = List.of(Operation.GET_ITEM, Operation.QUERY,
            Operation.BATCH_WRITE_ITEM, Operation.SCAN, Operation.BATCH_GET_ITEM, Operation.UPDATE_ITEM,
            Operation.TRANSACT_WRITE_ITEMS);
    private static final Duration PERIOD = Duration.minutes(5);
    /** The HTTP API's p99 latency alarm threshold. */
    public static final int LATENCY_P99_MS = 3000;
    /** The stream consumer's IteratorAge alarm threshold: a minute behind the table. */
    public static final int ITERATOR_AGE_THRESHOLD_MS = 60_000;

    private final ITopic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * @param props the topic the alarms notify; {@link NorthwindAlarmsProps#topic()} null means alarms
     *              only show in the console
     */
    public NorthwindAlarms(Construct scope, String id, NorthwindAlarmsProps props) {
        super(scope, id);
        this.topic = props.topic();
    }

    /** Errors ≥ 1 and Throttles ≥ 1 of {@code function} (all versions and aliases), named {@code <id>Errors}/{@code <id>Throttles}. */
    public List<Alarm> watchFunction(String id, IFunction function) {
        MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
        return List.of(
                alarm(id + "Errors", function.metricErrors(sum), "Function " + id + " reported errors"),
                alarm(id + "Throttles", function.metricThrottles(sum), "Function " + id + " was throttled"));
    }

    /** Throttled requests ≥ 1 and system errors ≥ 1 of {@code table}, over {@link #TABLE_OPERATIONS}. */
    public List<Alarm> watchTable(String id, ITable table) {
        IMetric throttled = table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                .operations(TABLE_OPERATIONS).period(PERIOD).build());
        IMetric systemErrors = table.metricSystemErrorsForOperations(SystemErrorsForOperationsMetricOptions.builder()
                .operations(TABLE_OPERATIONS).period(PERIOD).build());
        return List.of(
                alarm(id + "ThrottledRequests", throttled, "Table " + id + " throttled requests"),
                alarm(id + "SystemErrors", systemErrors, "Table " + id + " returned system errors (HTTP 500)"));
    }

    /**
     * The API's 5xx (function errors, integration failures) ≥ 1 in five minutes, and its p99 latency at or above
     * {@value #LATENCY_P99_MS} ms in two of three five-minute periods: warm calls take tens of ms and a SnapStart
     * restore some hundreds, so a p99 of seconds means calls running into the functions' 10 s and 15 s timeouts —
     * two periods of it, so a single cold burst in a quiet period does not page.
     */
    public List<Alarm> watchHttpApi(String id, IHttpApi api) {
        MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
        MetricOptions p99 = MetricOptions.builder().period(PERIOD).statistic("p99").build();
        return List.of(
                alarm(id + "ServerErrors", api.metricServerError(sum), "HTTP API " + id + " answered 5xx", 1, 1, 1,
                        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD),
                alarm(id + "LatencyP99", api.metricLatency(p99), "HTTP API " + id + " p99 latency at or above "
                        + LATENCY_P99_MS + " ms", LATENCY_P99_MS, 3, 2, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    }

    /**
     * The stream consumer's alarms, named {@code <id>IteratorAge}, {@code <id>FailedBatches} (and, through
     * {@link #watchFunction}, {@code <id>Errors}/{@code <id>Throttles}): the age of the last record of a batch when
     * it was done above {@value #ITERATOR_AGE_THRESHOLD_MS} ms at any time in the period (the consumer falls behind:
     * derived data is stale), any message visible in the failure queue (a batch was given up: derived data misses
     * changes until it is replayed), and any function error.
     */
    public List<Alarm> watchStreamConsumer(String id, IFunction function, IQueue failureQueue) {
        List<Alarm> out = new ArrayList<>(watchFunction(id, function));
        out.add(alarm(id + "IteratorAge", function.metric("IteratorAge", MetricOptions.builder().period(PERIOD)
                        .statistic("Maximum").build()),
                "Stream consumer " + id + " is behind the table's stream by more than " + ITERATOR_AGE_THRESHOLD_MS / 1000 + " s",
                ITERATOR_AGE_THRESHOLD_MS, ComparisonOperator.GREATER_THAN_THRESHOLD));
        out.add(alarm(id + "FailedBatches", failureQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(PERIOD).statistic("Maximum").build()),
                "Stream consumer " + id + " gave up on a batch: its record is in the failure queue, replay it", 1,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        return out;
    }

    /** Every alarm created so far. */
    public List<Alarm> getAlarms() {
        return List.copyOf(alarms);
    }

    private Alarm alarm(String id, IMetric metric, String description) {
        return alarm(id, metric, description, 1, 1, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    }

    private Alarm alarm(String id, IMetric metric, String description, double threshold, ComparisonOperator comparison) {
        return alarm(id, metric, description, threshold, 1, 1, comparison);
    }

    private Alarm alarm(String id, IMetric metric, String description, double threshold, int periods, int breaching,
                        ComparisonOperator comparison) {
        Alarm.Builder builder = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(comparison)
                .treatMissingData(TreatMissingData.NOT_BREACHING);
        if (breaching != periods) {
            builder.datapointsToAlarm(breaching);
        }
        Alarm alarm = builder.build();
        if (topic != null) {
            alarm.addAlarmAction(new SnsAction(topic));
            alarm.addOkAction(new SnsAction(topic));
        } else {
            GuardReasons.except(alarm, "CT.CLOUDWATCH.PR.1", "No notification target was asked for: the alarm "
                    + "shows in the console; -c alarmTopic=true or -c alarmEmail=<address> adds an SNS topic to every alarm.");
        }
        alarms.add(alarm);
        return alarm;
    }
}
