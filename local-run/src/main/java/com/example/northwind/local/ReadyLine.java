package com.example.northwind.local;

import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.ModelDocs;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The line after start-up: every endpoint served, then the start-up time. Features add theirs with {@link #add}. */
final class ReadyLine {
    private final List<String> parts = new ArrayList<>();

    /** {@code what endpoint (detail)}, or {@code what: detail} for something served without an endpoint of its own. */
    ReadyLine add(String what, URI endpoint, String detail) {
        parts.add(endpoint == null ? what + ": " + detail : what + " " + endpoint + (detail == null ? "" : " (" + detail + ")"));
        return this;
    }

    String line(double seconds) {
        return String.format("Ready: %s — %.1f s after start", String.join(", ", parts), seconds);
    }

    /**
     * Commands to paste into a second terminal, in order: each shows the writes of those before it. They work as
     * written with AWS CLI v1 and v2: {@code fileb://} hands the payload over as raw bytes in both (v2 would read a
     * bare {@code --payload '{…}'} as base64, and v1 has no {@code --cli-binary-format}).
     */
    static String examples(String lambda, String ddb, String table) {
        return String.join("\n",
                "Try, in another terminal (the AWS CLI wants credentials and a region, any will do):",
                "  ./run-local.sh query employee --employeeId 2",
                "  ./run-local.sh command placeOrder --customerId ALFKI --employeeId 1 --line 11:2 --line 72:1",
                "  ./run-local.sh query customerOrders --customerId ALFKI --limit 3",
                "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1",
                "  echo '" + PLACE_ORDER + "' > request.json",
                "  aws lambda invoke --endpoint-url " + lambda + " --function-name command --payload fileb://request.json out.json && cat out.json",
                "  curl -s " + lambda + "/2015-03-31/functions/query/invocations -d '" + CUSTOMER_ORDERS + "'",
                "  aws dynamodb get-item --endpoint-url " + ddb + " --table-name " + table
                        + " --key '{\"pk\":{\"S\":\"EMPLOYEE#2\"},\"sk\":{\"S\":\"EMPLOYEE\"}}'");
    }

    /** placeOrder's example request from the item model. */
    static final String PLACE_ORDER = ModelDocs.payload(CommandDefinitions.byName("placeOrder").orElseThrow());
    /** ALFKI's three newest orders: the order just placed comes first. */
    static final String CUSTOMER_ORDERS = "{\"pattern\":\"customerOrders\",\"params\":{\"customerId\":\"ALFKI\"},\"limit\":3}";
}
