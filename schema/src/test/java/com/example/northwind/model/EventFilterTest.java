package com.example.northwind.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EventFilter} against Lambda's documented filter rule syntax (the examples of "Control which events Lambda
 * sends to your function" and the DynamoDB examples), matched on a record's JSON as Lambda sends it. The records here
 * are written out by hand, not produced by code under test.
 */
class EventFilterTest {
    /** A DynamoDB stream record as Lambda sends it: an order line inserted. */
    private static final String ORDER_LINE_INSERT = """
            {"eventID": "1", "eventName": "INSERT", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
             "awsRegion": "us-east-1",
             "dynamodb": {"ApproximateCreationDateTime": 1700000000,
                          "Keys": {"pk": {"S": "ORDER#10248"}, "sk": {"S": "ORDER_LINE#11"}},
                          "NewImage": {"pk": {"S": "ORDER#10248"}, "sk": {"S": "ORDER_LINE#11"},
                                       "quantity": {"N": "12"}, "tags": {"SS": ["a", "b"]}},
                          "SequenceNumber": "100", "SizeBytes": 80, "StreamViewType": "NEW_AND_OLD_IMAGES"},
             "eventSourceARN": "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x",
             "score": 42, "flags": ["x", "y"], "nothing": null}
            """;

    @Test
    void exactString_matchesOnlyThatString() throws IOException {
        // GIVEN a record / WHEN filtered on an exact key value / THEN only that value passes
        assertTrue(pass("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[\"ORDER#10248\"]}}}}"));
        assertFalse(pass("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[\"ORDER#1024\"]}}}}"));
        assertFalse(pass("{\"dynamodb\":{\"Keys\":{\"pk\":{\"N\":[\"ORDER#10248\"]}}}}"), "another attribute type");
    }

    @Test
    void valuesOfAnArray_areOr_andFieldsOfAnObject_areAnd() throws IOException {
        // GIVEN a record with eventName INSERT and pk ORDER#10248
        // WHEN / THEN any value of a leaf array may match (OR) ...
        assertTrue(pass("{\"eventName\":[\"MODIFY\",\"INSERT\"]}"));
        assertFalse(pass("{\"eventName\":[\"MODIFY\",\"REMOVE\"]}"));
        // ... and every field of an object must (AND)
        assertTrue(pass("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"Keys\":{\"sk\":{\"S\":[{\"prefix\":\"ORDER_LINE#\"}]}}}}"));
        assertFalse(pass("{\"eventName\":[\"REMOVE\"],\"dynamodb\":{\"Keys\":{\"sk\":{\"S\":[{\"prefix\":\"ORDER_LINE#\"}]}}}}"));
        // AND of the patterns of one filter criteria, any may match
        EventFilter criteria = EventFilter.of(List.of("{\"eventName\":[\"REMOVE\"]}", "{\"eventSource\":[\"aws:dynamodb\"]}"));
        assertTrue(criteria.matches(record()));
        assertFalse(EventFilter.of(List.of("{\"eventName\":[\"REMOVE\"]}", "{\"eventSource\":[\"aws:sqs\"]}")).matches(record()));
    }

    @Test
    void prefixSuffixAndEqualsIgnoreCase() throws IOException {
        assertTrue(pass("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"ORDER#\"}]}}}}"));
        assertFalse(pass("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"PRODUCT#\"}]}}}}"));
        assertTrue(pass("{\"dynamodb\":{\"Keys\":{\"sk\":{\"S\":[{\"suffix\":\"#11\"}]}}}}"));
        assertTrue(pass("{\"eventName\":[{\"equals-ignore-case\":\"insert\"}]}"));
        assertFalse(pass("{\"eventName\":[{\"equals-ignore-case\":\"modify\"}]}"));
    }

    @Test
    void anythingBut_needsThePresentValueToDiffer() throws IOException {
        assertTrue(pass("{\"eventName\":[{\"anything-but\":[\"REMOVE\",\"MODIFY\"]}]}"));
        assertFalse(pass("{\"eventName\":[{\"anything-but\":\"INSERT\"}]}"));
        assertTrue(pass("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"anything-but\":{\"prefix\":\"_\"}}]}}}}"));
        assertFalse(pass("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"anything-but\":{\"prefix\":\"ORDER\"}}]}}}}"));
        // a missing field is not "anything but": it is nothing
        assertFalse(pass("{\"missing\":[{\"anything-but\":\"x\"}]}"));
    }

    @Test
    void exists_isAboutLeafFieldsBeingThere() throws IOException {
        // GIVEN an insert (no OldImage) / WHEN / THEN exists matches presence of leaves, and absence
        assertTrue(pass("{\"dynamodb\":{\"NewImage\":{\"quantity\":{\"N\":[{\"exists\":true}]}}}}"));
        assertFalse(pass("{\"dynamodb\":{\"NewImage\":{\"discount\":{\"N\":[{\"exists\":true}]}}}}"));
        assertTrue(pass("{\"dynamodb\":{\"NewImage\":{\"discount\":{\"N\":[{\"exists\":false}]}}}}"));
        assertTrue(pass("{\"dynamodb\":{\"OldImage\":[{\"exists\":false}]}}"));
        assertFalse(pass("{\"dynamodb\":{\"NewImage\":[{\"exists\":true}]}}"), "exists applies to leaves");
        // a missing field matches nothing else
        assertFalse(pass("{\"dynamodb\":{\"OldImage\":{\"pk\":{\"S\":[{\"prefix\":\"\"}]}}}}"));
    }

    @Test
    void numbersNullsAndArraysInTheRecord() throws IOException {
        assertTrue(pass("{\"score\":[42]}"));
        assertTrue(pass("{\"score\":[42.0]}"), "numbers compare by value");
        assertFalse(pass("{\"score\":[\"42\"]}"), "a string never equals a number");
        assertTrue(pass("{\"score\":[{\"numeric\":[\">\",10,\"<=\",42]}]}"));
        assertFalse(pass("{\"score\":[{\"numeric\":[\"<\",42]}]}"));
        assertFalse(pass("{\"dynamodb\":{\"NewImage\":{\"quantity\":{\"N\":[{\"numeric\":[\">\",0]}]}}}}"),
                "DynamoDB numbers are strings in the record JSON");
        assertTrue(pass("{\"nothing\":[null]}"));
        assertFalse(pass("{\"missing\":[null]}"), "null is a value, not absence");
        assertTrue(pass("{\"flags\":[\"y\"]}"), "an array in the record matches when one element does");
        assertTrue(pass("{\"dynamodb\":{\"NewImage\":{\"tags\":{\"SS\":[\"b\"]}}}}"));
    }

    @Test
    void or_matchesWhenOneAlternativeDoes() throws IOException {
        assertTrue(pass("{\"$or\":[{\"eventName\":[\"REMOVE\"]},{\"dynamodb\":{\"SizeBytes\":[80]}}]}"));
        assertFalse(pass("{\"$or\":[{\"eventName\":[\"REMOVE\"]},{\"dynamodb\":{\"SizeBytes\":[81]}}]}"));
    }

    @Test
    void noPatterns_passesEverything() throws IOException {
        assertTrue(EventFilter.of(List.of()).matches(record()));
    }

    @Test
    void unsupportedOrMalformedRules_areRefusedNamingWhatAndWhere() {
        // GIVEN rules the evaluator does not know or that break the syntax / WHEN compiled / THEN refused by name
        Map<String, String> refused = Map.of(
                "{\"eventName\":[{\"wildcard\":\"IN*\"}]}", "'wildcard'",
                "{\"eventName\":[{\"cidr\":\"10.0.0.0/8\"}]}", "'cidr'",
                "{\"eventName\":\"INSERT\"}", "must be an array",
                "{\"eventName\":[]}", "empty array",
                "{}", "non-empty JSON object",
                "[\"INSERT\"]", "non-empty JSON object",
                "{\"eventName\":[{\"prefix\":1}]}", "takes a string",
                "{\"score\":[{\"numeric\":[\"~\",1]}]}", "not one of",
                "{\"eventName\":[{\"prefix\":\"I\",\"suffix\":\"T\"}]}", "exactly one operator",
                "not json", "not JSON");
        refused.forEach((pattern, why) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventFilter.of(pattern), pattern);
            assertTrue(e.getMessage().contains(why), pattern + " → " + e.getMessage());
            assertTrue(e.getMessage().startsWith("filter pattern 1"), e.getMessage());
        });
        // AND a pattern longer than Lambda allows is refused before it is read
        String huge = "{\"eventName\":[\"" + "x".repeat(EventFilter.MAX_PATTERN_LENGTH) + "\"]}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EventFilter.of(huge)).getMessage().contains("4096"));
        // AND so is one nested deeper than any record
        String deep = "{\"a\":".repeat(40) + "[1]" + "}".repeat(40);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EventFilter.of(deep)).getMessage().contains("deeper"));
    }

    @Test
    void theModelsPatterns_compileUnderTheStrictEvaluator() {
        // GIVEN the patterns the CDK app deploys / WHEN compiled / THEN accepted (the local mapping can apply them)
        EventFilter filter = EventFilter.of(StreamSources.FILTER_PATTERNS);
        // AND a bookkeeping item's record never passes (the consumer's own writes do not invoke it)
        assertFalse(filter.matches(Map.of("dynamodb", Map.of("Keys", Map.of(
                "pk", Map.of("S", "_DERIVED#x"), "sk", Map.of("S", "ORDER"))))));
        assertEquals(StreamSources.FILTER_PATTERNS.size(), StreamSources.FILTER_PATTERNS.stream().distinct().count());
    }

    private static boolean pass(String pattern) throws IOException {
        return EventFilter.of(pattern).matches(record());
    }

    private static Map<String, Object> record() throws IOException {
        return JSON.std.mapFrom(ORDER_LINE_INSERT);
    }
}
