package com.example.northwind.query;

import com.example.northwind.model.Read;
import com.example.northwind.schema.TableSchema;
import java.nio.charset.StandardCharsets;

/**
 * DynamoDB's size limits on key values, checked before a request is sent. A value over the limit can match
 * no stored item, but DynamoDB does not answer "nothing": it rejects the request, which the Lambda would report
 * as a function error. Several 200-character parameters joined into one key value (customersByLocation,
 * suppliersByCountry), with 3-byte characters or escaped '#', can pass the per-parameter limit and still
 * exceed the key limit, so the check is on the built values, in UTF-8 bytes as DynamoDB counts them.
 */
final class KeyLimits {

    private KeyLimits() {
    }

    /** The limit for a value of this key attribute; the table's sort key is also the index's partition key. */
    static int maxBytes(String attribute) {
        return TableSchema.maxKeyBytes(attribute);
    }

    static boolean fits(String attribute, String value) {
        return utf8Length(value) <= maxBytes(attribute);
    }

    /** A ValidationException when a key value built from the params is over DynamoDB's limit. */
    static void check(QueryRequest request, Read plan) {
        if (plan instanceof Read.Get get) {
            require(request, TableSchema.PK, get.partition());
            require(request, TableSchema.SK, get.sort());
        } else {
            plan.queries().forEach(query -> check(request, query));
        }
    }

    private static void check(QueryRequest request, Read.Query query) {
        require(request, query.partitionAttribute(), query.partition());
        if (query.sort().low() != null) {
            require(request, query.sortAttribute(), query.sort().low());
        }
        if (query.sort().high() != null) {
            require(request, query.sortAttribute(), query.sort().high());
        }
    }

    private static void require(QueryRequest request, String attribute, String value) {
        int bytes = utf8Length(value);
        int max = maxBytes(attribute);
        if (bytes > max) {
            // Caller's vocabulary only: the params and the pattern, never the key attribute the value lands in.
            throw new ValidationException("params too long for pattern " + request.pattern().patternName()
                    + ": combined they come to " + bytes + " bytes of UTF-8 (a '#' or '\\' counts twice), at most "
                    + max + " allowed; " + request.pattern().patternName() + " takes " + request.pattern().signature());
        }
    }

    static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
