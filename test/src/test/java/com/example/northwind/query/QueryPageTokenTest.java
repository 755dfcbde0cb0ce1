package com.example.northwind.query;

import static com.example.northwind.query.QueryValidationTest.assertNoRequestSent;
import static com.example.northwind.query.QueryValidationTest.assertValidationError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The nextToken is opaque and cannot be forged: AES-256-GCM over the position, bound to pattern and params.
 * Every way of making a token other than receiving it is answered with a ValidationError before DynamoDB is called.
 */
class QueryPageTokenTest {
    private static final Map<String, Object> SAVEA = QueryCase.params("customerId", "SAVEA");
    static SeededQueryTable table;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
        QueryValidationTest.table = table; // its helpers are shared
    }

    @Test
    void token_revealsNeitherKeyValuesNorKeyDesign() {
        // GIVEN a real token of customerOrders for SAVEA (its position is an ORDER# edge in CUSTOMER#SAVEA)
        String token = QueryValidationTest.firstToken("customerOrders", SAVEA);
        // WHEN its bytes are read as text
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        // THEN no key value, key attribute name or JSON structure shows
        for (String visible : List.of("SAVEA", "CUSTOMER", "ORDER", "pk", "sk", "data", "{\"", "199")) {
            assertFalse(decoded.contains(visible), () -> "token shows <" + visible + ">");
        }
        // AND two tokens for the same position differ (random nonce), so equal positions are not recognisable
        String again = QueryValidationTest.firstToken("customerOrders", SAVEA);
        assertFalse(token.equals(again), "two tokens of the same position should differ");
    }

    @Test
    void rejects_tokenWithAnyByteFlipped() {
        // GIVEN a real token
        String token = QueryValidationTest.firstToken("customerOrders", SAVEA);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            // WHEN one bit of byte i is flipped (version, nonce, the sealed position or the tag)
            byte[] edited = bytes.clone();
            edited[i] ^= 0x01;
            // THEN the token is rejected before reaching DynamoDB (no repeated or skipped page, no error from DynamoDB)
            assertRejected(encode(edited), "byte " + i + " flipped");
        }
        // AND the untouched token still continues the query
        assertContinues(token);
    }

    @Test
    void rejects_truncatedToken_andTrailingBytes() {
        String token = QueryValidationTest.firstToken("customerOrders", SAVEA);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        // WHEN bytes are cut from the end or the start THEN rejected
        for (int keep : List.of(bytes.length - 1, bytes.length - 16, 13, 1)) {
            assertRejected(encode(Arrays.copyOf(bytes, keep)), "kept " + keep + " bytes");
        }
        assertRejected(encode(Arrays.copyOfRange(bytes, 1, bytes.length)), "first byte dropped");
        // WHEN bytes are appended after the token's content THEN rejected
        for (byte[] tail : List.of(new byte[] {0}, "{}".getBytes(StandardCharsets.UTF_8), new byte[16])) {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
            System.arraycopy(tail, 0, longer, bytes.length, tail.length);
            assertRejected(encode(longer), tail.length + " bytes appended");
        }
        // WHEN the text is spelled differently (padding, a character appended, the other alphabet) THEN rejected
        assertRejected(token + "=", "padding appended");
        assertRejected(token + "A", "a character appended");
        assertRejected(Base64.getEncoder().encodeToString(bytes), "standard base64 with padding");
        assertContinues(token);
    }

    @Test
    void rejects_nonCanonicalSpellingOfTheSameBytes() {
        // GIVEN a token whose last character carries unused low bits (byte length not a multiple of 3): tokens of
        // productOrders for products 1 and 11 differ in length by one byte, so one of them has such bits
        Map<String, Object> params = null;
        String token = null;
        for (int productId : List.of(1, 11)) {
            params = QueryCase.params("productId", productId);
            token = QueryValidationTest.firstToken("productOrders", params);
            if (Base64.getUrlDecoder().decode(token).length % 3 != 0) {
                break;
            }
        }
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertEquals(Arrays.toString(Base64.getUrlDecoder().decode(token)),
                Arrays.toString(Base64.getUrlDecoder().decode(respelled)), "both spellings decode to the same bytes");
        // WHEN the other spelling is presented THEN it is rejected: one token, one spelling
        table.requests.take();
        assertValidationError(table.invoke(SeededQueryTable.request("productOrders", params, 2, respelled)),
                "nextToken is not valid for this request");
        assertNoRequestSent();
        assertNull(table.invoke(SeededQueryTable.request("productOrders", params, 2, token)).get("error"));
    }

    @Test
    void rejects_tokenMadeWithAnotherKey() {
        // GIVEN the exact position of a real token, sealed by someone holding another key
        String token = QueryValidationTest.firstToken("customerOrders", SAVEA);
        QueryRequest request = request(token);
        Map<String, AttributeValue> position = new PageToken(table.tokenKey).decode(request, plan(request));
        String foreign = new PageToken(PageTokenKeys.random()).encode(request, position);
        // WHEN presented THEN rejected
        assertRejected(foreign, "sealed with another key");
        // AND sealed with the function's key the same position is accepted (the difference is only the key)
        assertContinues(new PageToken(table.tokenKey).encode(request, position));
    }

    @Test
    void tokens_surviveARestart_whenTheKeyIsKept() {
        // GIVEN a token of one handler instance, and a second instance (a restart) with the same key
        String token = QueryValidationTest.firstToken("customerOrders", SAVEA);
        QueryHandler restarted = new QueryHandler(table.local.dynamo(), table.table, table.tokenKey);
        QueryHandler otherKey = new QueryHandler(table.local.dynamo(), table.table);
        byte[] next = SeededQueryTable.request("customerOrders", SAVEA, 2, token).getBytes(StandardCharsets.UTF_8);
        // THEN the same key continues the query, a new random key does not
        assertNull(SeededQueryTable.invoke(restarted, next).get("error"));
        assertValidationError(SeededQueryTable.invoke(otherKey, next), "nextToken is not valid for this request");
    }

    @Test
    void tokenOfOneParams_doesNotOpenForParamsThatJoinToTheSameText() {
        // GIVEN two different requests of one pattern whose params, joined with NUL as "name=value", read the same:
        // {country: "USA", region: "WA"} and {country: "USA<NUL>region=WA"}
        PageToken tokens = new PageToken(table.tokenKey);
        AccessPattern pattern = AccessPattern.byName("customersByLocation").orElseThrow();
        Map<String, String> twoParams = new TreeMap<>(Map.of("country", "USA", "region", "WA"));
        Map<String, String> oneParam = new TreeMap<>(Map.of("country", "USA\u0000region=WA"));
        Map<String, AttributeValue> position = Map.of("pk", AttributeValue.fromS("CUSTOMER#LAZYK"),
                "sk", AttributeValue.fromS("CUSTOMER"), "data", AttributeValue.fromS("USA#WA#Walla Walla"));
        String token = tokens.encode(new QueryRequest(pattern, twoParams, 1, null), position);
        // WHEN it is presented with the other params THEN it does not open (and it does with its own)
        QueryRequest other = new QueryRequest(pattern, oneParam, 1, token);
        assertThrows(ValidationException.class, () -> tokens.decode(other, plan(other)));
        QueryRequest own = new QueryRequest(pattern, twoParams, 1, token);
        assertEquals(position, Map.copyOf(tokens.decode(own, plan(own))));
    }

    @Test
    void shardedListTokens_openOnlyTheirOwnList_andEveryFlippedByteIsRefusedBeforeAnyCall() {
        // GIVEN a token of a sharded list (every shard's position) and one of an unsharded pattern
        Map<String, Object> first = table.invoke(SeededQueryTable.request("productOrders", Map.of("productId", 11), 3, null));
        String sharded = (String) first.get("nextToken");
        String single = (String) table.invoke(SeededQueryTable.request("customerOrders", SAVEA, 2, null)).get("nextToken");
        // WHEN each is offered to the other, or to the same list with other params, or edited
        // THEN each is answered as invalid, and DynamoDB is never called
        for (Map.Entry<String, String> misuse : List.of(
                Map.entry(SeededQueryTable.request("productOrders", Map.of("productId", 12), 3, sharded), "another product"),
                Map.entry(SeededQueryTable.request("recentOrders", Map.of(), 3, sharded), "another sharded list"),
                Map.entry(SeededQueryTable.request("customerOrders", SAVEA, 2, sharded), "an unsharded pattern"),
                Map.entry(SeededQueryTable.request("productOrders", Map.of("productId", 11), 3, single), "a single Query's token"))) {
            table.requests.take();
            assertValidationError(table.invoke(misuse.getKey()), "nextToken is not valid for this request");
            assertNoRequestSent();
        }
        byte[] bytes = Base64.getUrlDecoder().decode(sharded);
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x01;
            table.requests.take();
            assertValidationError(table.invoke(SeededQueryTable.request("productOrders", Map.of("productId", 11), 3,
                    encode(flipped))), "nextToken is not valid for this request");
            assertNoRequestSent();
        }
        // AND the token itself continues its list
        Map<String, Object> next = table.invoke(SeededQueryTable.request("productOrders", Map.of("productId", 11), 3, sharded));
        assertNull(next.get("error"), () -> "rejected: " + next);
        assertEquals(3, ((List<?>) next.get("items")).size());
    }

    // ---- helpers ----

    private static void assertRejected(String token, String what) {
        table.requests.take();
        Map<String, Object> answer = table.invoke(SeededQueryTable.request("customerOrders", SAVEA, 2, token));
        try {
            assertValidationError(answer, "nextToken is not valid for this request");
            assertNoRequestSent();
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static void assertContinues(String token) {
        Map<String, Object> answer = table.invoke(SeededQueryTable.request("customerOrders", SAVEA, 2, token));
        assertNull(answer.get("error"), () -> "rejected: " + answer);
        assertEquals(2, ((List<?>) answer.get("items")).size());
    }

    private static QueryRequest request(String token) {
        return new QueryRequest(AccessPattern.byName("customerOrders").orElseThrow(), Map.of("customerId", "SAVEA"), 2, token);
    }

    private static com.example.northwind.model.Read.Query plan(QueryRequest request) {
        return (com.example.northwind.model.Read.Query) request.pattern().plan(request.params());
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
