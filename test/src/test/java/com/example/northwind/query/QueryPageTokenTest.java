package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The nextToken's binding to its request, tested on the token itself (no DynamoDB needed). */
class QueryPageTokenTest {

    @Test
    void paramsHash_differs_whenAValueContainsWhatASeparatorWouldLookLike() throws IOException {
        // GIVEN two different requests of one pattern whose params, joined with NUL as "name=value", read the same:
        // {country: "USA", region: "WA"} and {country: "USA<NUL>region=WA"}
        Map<String, String> twoParams = new TreeMap<>(Map.of("country", "USA", "region", "WA"));
        Map<String, String> oneParam = new TreeMap<>(Map.of("country", "USA\u0000region=WA"));
        AccessPattern pattern = AccessPattern.byName("customersByLocation").orElseThrow();
        Map<String, AttributeValue> position = Map.of("pk", AttributeValue.fromS("CUSTOMER#LAZYK"),
                "sk", AttributeValue.fromS("CUSTOMER"), "data", AttributeValue.fromS("USA#WA#Walla Walla"));
        // WHEN a token is made for each at the same position
        String first = PageToken.encode(new QueryRequest(pattern, twoParams, 1, null), position);
        String second = PageToken.encode(new QueryRequest(pattern, oneParam, 1, null), position);
        // THEN their parameter hashes differ, so neither token can continue the other request
        assertNotEquals(hash(first), hash(second));
    }

    private static Object hash(String token) throws IOException {
        return JSON.std.mapFrom(Base64.getUrlDecoder().decode(token)).get("h");
    }
}
