package com.example.northwind.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.northwind.local.LocalStack;
import com.example.northwind.local.explorer.CollectionViews;
import com.example.northwind.local.explorer.DesignExplorerServer;
import com.example.northwind.local.explorer.FunctionRunner;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.HeadlessChromium;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.SynthesizedApp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design explorer in a real browser: the local stack (table from the synthesized template, seeded by the real
 * seeder, on the test JVM's DynamoDB Local), the explorer page served beside it, and headless Chromium driven
 * through chromedriver. Skipped, saying why, when the machine has no browser. Screenshots go to target/.
 */
class ExplorerEndToEndTest {
    private static final Path SCREENSHOTS = Path.of("target", "explorer-screenshots");
    private static LocalStack stack;
    private static DesignExplorerServer explorer;
    private static FunctionRunner runner;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.available(), "No browser: the explorer's browser test needs " + HeadlessChromium.CHROMIUM
                + " and " + HeadlessChromium.CHROMEDRIVER + " (apt-get install -y chromium chromium-driver); skipped.");
        stack = LocalStack.start(new LocalStack.Config(SynthesizedApp.defaults().assemblyDir(), NorthwindData.locate(),
                "northwind-explorer", LocalDynamo.start().endpoint(), 0, null, -1, LocalStack.SeedPolicy.ALWAYS,
                new PrintStream(PrintStream.nullOutputStream())));
        runner = new FunctionRunner(stack.functions(), stack.recorder());
        explorer = DesignExplorerServer.start(0, runner, new CollectionViews(stack.dynamo(), "northwind-explorer"));
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (explorer != null) {
            explorer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void customerOrders_showsTheRequestTheOrdersAndTheHighlightedCollection() throws Exception {
        // GIVEN the explorer page, with ALFKI's orders as the CSV holds them
        Set<String> expectedOrders = NorthwindCsv.rows("orders.csv").stream()
                .filter(r -> r.get("customerID").equals("ALFKI")).map(r -> r.get("orderID"))
                .collect(Collectors.toCollection(TreeSet::new));
        browser.open(explorer.endpoint().toString());
        assertTrue(browser.waitFor("document.body.dataset.ready === 'true'", Duration.ofSeconds(10)), "the page did not load its catalog");

        // WHEN customerOrders is chosen, customerId set to ALFKI (dates cleared) and run
        browser.script("const s = document.getElementById('op'); s.value = 'pattern:customerOrders'; s.dispatchEvent(new Event('change'));");
        browser.type("#param-customerId", "ALFKI");
        browser.type("#param-from", "");
        browser.type("#param-to", "");
        browser.click("#run");
        assertTrue(browser.waitFor("document.querySelector('#results tbody tr') || document.getElementById('error')", Duration.ofSeconds(15)),
                "no answer appeared");
        browser.screenshot(SCREENSHOTS.resolve("customerOrders-ALFKI.png"));

        // THEN the results table lists exactly ALFKI's orders
        @SuppressWarnings("unchecked")
        List<String> orderIds = (List<String>) browser.script(
                "const head = [...document.querySelectorAll('#results th')].map(th => th.textContent);"
                        + "const col = head.indexOf('orderID');"
                        + "return [...document.querySelectorAll('#results tbody tr')].map(tr => tr.children[col].textContent);");
        assertEquals(expectedOrders, new TreeSet<>(orderIds));
        // AND the request shown is the one Query on gsi_1, newest first
        String request = (String) browser.script("return document.getElementById('requests').textContent;");
        assertTrue(request.contains("Query · table northwind-explorer · index gsi_1"), request);
        assertTrue(request.contains("descending"), request);
        // AND in the gsi_1 view, partition CUSTOMER#ALFKI has exactly those orders' items highlighted
        Object marked = browser.script("return document.querySelectorAll("
                + "'#view-gsi_1 .band[data-partition=\"CUSTOMER#ALFKI\"] .item.marked').length;");
        assertEquals((long) expectedOrders.size(), ((Number) marked).longValue());
        // AND the base-table view shows the orders' own partitions with the read item marked
        Object tableMarked = browser.script("return document.querySelectorAll('#view-table .item.marked').length;");
        assertTrue(((Number) tableMarked).longValue() > 0, "no item marked in the base-table view");
    }

    @Test
    void productsBySupplier_showsTheQueryOnGsi2_andHighlightsTheSuppliersPartitionThere() throws Exception {
        // GIVEN the explorer page, and supplier 1's products as the CSV holds them
        long expected = NorthwindCsv.rows("products.csv").stream().filter(r -> r.get("supplierID").equals("1")).count();
        browser.open(explorer.endpoint().toString());
        assertTrue(browser.waitFor("document.body.dataset.ready === 'true'", Duration.ofSeconds(10)), "the page did not load its catalog");

        // WHEN productsBySupplier is run for supplier 1
        browser.script("const s = document.getElementById('op'); s.value = 'pattern:productsBySupplier'; s.dispatchEvent(new Event('change'));");
        browser.type("#param-supplierId", "1");
        browser.click("#run");
        assertTrue(browser.waitFor("document.querySelector('#results tbody tr') || document.getElementById('error')", Duration.ofSeconds(15)),
                "no answer appeared");
        browser.screenshot(SCREENSHOTS.resolve("productsBySupplier-1.png"));

        // THEN the request shown is one Query on gsi_2
        String request = (String) browser.script("return document.getElementById('requests').textContent;");
        assertTrue(request.contains("Query · table northwind-explorer · index gsi_2"), request);
        // AND a gsi_2 view shows partition SUPPLIER#1, sorted by sk2, with exactly the supplier's products highlighted
        Object marked = browser.script("return document.querySelectorAll("
                + "'#view-gsi_2 .band[data-partition=\"SUPPLIER#1\"] .item.marked').length;");
        assertEquals(expected, ((Number) marked).longValue());
        String heading = (String) browser.script("return document.querySelector('#view-gsi_2 h3').textContent;");
        assertTrue(heading.contains("by pk2, sorted by sk2"), heading);
        // AND those of them discontinued or low on stock also live in gsi_1 (partition PRODUCT, a sparse status list),
        // so that index's view is there too, marking exactly them
        long listed = NorthwindCsv.rows("products.csv").stream().filter(r -> r.get("supplierID").equals("1"))
                .filter(r -> "1".equals(r.get("discontinued"))
                        || Long.parseLong(r.get("unitsInStock")) < Long.parseLong(r.get("reorderLevel"))).count();
        Object inGsi1 = browser.script("return document.querySelectorAll("
                + "'#view-gsi_1 .band[data-partition=\"PRODUCT\"] .item.marked').length;");
        assertEquals(listed, ((Number) inGsi1).longValue());
    }

    @Test
    void aWriteByKeyOnly_showsThePartitionsOfEveryIndexTheWrittenItemIsIn() throws Exception {
        // GIVEN product 11 (in gsi_1 under PRODUCT and in gsi_2 under its supplier), and a recorded transaction that
        // updates it by its key alone, as a command would
        String supplier = NorthwindCsv.rows("products.csv").stream().filter(r -> r.get("productID").equals("11"))
                .map(r -> r.get("supplierID")).findFirst().orElseThrow();
        Map<String, Object> update = Map.of("Update", Map.of("TableName", "northwind-explorer",
                "Key", Map.of("pk", Map.of("S", "PRODUCT#11"), "sk", Map.of("S", "PRODUCT")),
                "UpdateExpression", "SET #u = :u"));
        List<Map<String, Object>> requests = List.of(Map.of("operation", "TransactWriteItems",
                "request", Map.of("TransactItems", List.of(update))));

        // WHEN the explorer's views are built around it
        List<Map<String, Object>> views = new CollectionViews(stack.dynamo(), "northwind-explorer").around(requests);

        // THEN the table, gsi_1 and gsi_2 each show the partition the item is in, with the item marked
        Map<String, String> partitionByView = Map.of("table", "PRODUCT#11", "gsi_1", "PRODUCT", "gsi_2", "SUPPLIER#" + supplier);
        assertEquals(Set.of("table", "gsi_1", "gsi_2"), views.stream().map(v -> v.get("name")).collect(Collectors.toSet()));
        for (Map<String, Object> view : views) {
            List<?> bands = (List<?>) view.get("bands");
            assertEquals(1, bands.size(), view.get("name") + ": " + bands);
            Map<?, ?> band = (Map<?, ?>) bands.get(0);
            assertEquals(partitionByView.get(view.get("name")), band.get("partition"));
            assertTrue(((List<?>) band.get("items")).stream().anyMatch(i -> ((Map<?, ?>) i).get("pk") != null
                    && ((Map<?, ?>) i).get("pk").equals("PRODUCT#11") && Boolean.TRUE.equals(((Map<?, ?>) i).get("marked"))),
                    view.get("name") + " does not mark PRODUCT#11: " + band);
        }
    }

    @Test
    void aBadParameter_showsTheApisValidationMessage() throws Exception {
        // GIVEN the employee pattern WHEN run with an id that is not a number
        browser.open(explorer.endpoint().toString());
        assertTrue(browser.waitFor("document.body.dataset.ready === 'true'", Duration.ofSeconds(10)));
        browser.script("const s = document.getElementById('op'); s.value = 'pattern:employee'; s.dispatchEvent(new Event('change'));");
        browser.type("#param-employeeId", "two");
        browser.click("#run");
        // THEN the page shows the query function's own ValidationError message
        assertTrue(browser.waitFor("document.getElementById('error')", Duration.ofSeconds(10)), "no error shown");
        String error = (String) browser.script("return document.getElementById('error').textContent;");
        assertTrue(error.startsWith("ValidationError: ") && error.contains("employeeId"), error);
    }

    @Test
    void aCommand_changesWhatAPatternReads() throws Exception {
        assumeTrue(runner.serves("command"), "No `command` function is served by this build's local stack (the command"
                + " Lambda is not part of it yet): the command part of the explorer test is skipped.");
        // GIVEN an open order in openOrders
        browser.open(explorer.endpoint().toString());
        assertTrue(browser.waitFor("document.body.dataset.ready === 'true'", Duration.ofSeconds(10)));
        String openOrder = NorthwindCsv.rows("orders.csv").stream().filter(r -> r.get("shippedDate") == null || r.get("shippedDate").isEmpty())
                .map(r -> r.get("orderID")).findFirst().orElseThrow();
        long before = openOrders();
        // WHEN shipOrder is run for it
        // (the requests of the openOrders run above are cleared first, so the wait below sees the command's own)
        browser.script("const s = document.getElementById('op'); s.value = 'command:shipOrder'; s.dispatchEvent(new Event('change'));"
                + "document.getElementById('requests').replaceChildren();");
        browser.type("#param-orderId", openOrder);
        browser.click("#run");
        assertTrue(browser.waitFor("document.querySelector('#requests .request')", Duration.ofSeconds(15)), "no request shown");
        browser.screenshot(SCREENSHOTS.resolve("shipOrder.png"));
        // THEN the write was a TransactWriteItems, and openOrders lists one order fewer
        String request = (String) browser.script("return document.getElementById('requests').textContent;");
        assertTrue(request.contains("TransactWriteItems"), request);
        assertEquals(before - 1, openOrders());
    }

    @Test
    void aGetItemPattern_hasNoLimitBox_andSaysWhatItHasInsteadOfScannedCount_inWordsAUserReads() throws Exception {
        // GIVEN the explorer page
        open();
        // WHEN a GetItem pattern is chosen THEN there is no limit box; a Query pattern has one
        choose("pattern:employee");
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('limit-row').hidden;"));
        choose("pattern:recentOrders");
        assertEquals(Boolean.FALSE, browser.script("return document.getElementById('limit-row').hidden;"));
        // AND parameters are labelled with what a user types, not the model's internal kind names
        choose("pattern:customerOrders");
        String labels = (String) browser.script("return document.getElementById('form').textContent;");
        assertTrue(labels.contains("customerId (required) — text") && labels.contains("from (optional) — a date YYYY-MM-DD"), labels);
        choose("command:placeOrder");
        labels = (String) browser.script("return document.getElementById('form').textContent;");
        assertTrue(labels.contains("employeeId (required) — a whole number") && labels.contains("order lines productId:quantity"), labels);
        assertEquals("11:2 72:1", browser.script("return document.getElementById('param-lines').value;"));
        assertFalse(labels.matches("(?s).*(NUMERIC_ID|ORDER_LINES|DECIMAL|TEXT|DATE).*"), labels);

        // AND WHEN employee 2 is read
        choose("pattern:employee");
        browser.type("#param-employeeId", "2");
        runAndWait();
        // THEN the stats say what a GetItem has (no scannedCount, and why), the request what it returned, and no
        // "undefined" is anywhere on the page
        String stats = (String) browser.script("return document.getElementById('stats').textContent;");
        assertTrue(stats.startsWith("1 item · GetItem: one item read by its key, so no scannedCount · 1 request"), stats);
        assertEquals("returned 1 item · consumed capacity 0.5", browser.script(
                "return document.querySelector('.request-outcome').textContent;"));
        assertNoUndefined();
    }

    @Test
    void aLimitedQuery_saysHowManyMorePartitionsItReadThanAViewShows() throws Exception {
        // GIVEN the explorer page WHEN recentOrders runs with limit 5 (a scatter-gather over its 8 shards: at least one
        // order read per shard, each order a partition of the table)
        open();
        choose("pattern:recentOrders");
        browser.type("#limit", "5");
        runAndWait();
        browser.screenshot(SCREENSHOTS.resolve("recentOrders-5.png"));
        // THEN the base-table view shows as many partitions as it can and says how many more the run read
        long shown = ((Number) browser.script("return document.querySelectorAll('#view-table .band').length;")).longValue();
        assertEquals(4, shown);
        String more = (String) browser.script("return document.querySelector('#view-table .more-partitions').textContent;");
        assertTrue(more.matches("\\+ [4-9] more partitions read by this run, not shown"), more);
        // AND each shard's Query says what it returned, and those stopped by their limit that more is there to read
        @SuppressWarnings("unchecked")
        List<String> outcomes = (List<String>) browser.script(
                "return [...document.querySelectorAll('.request-outcome')].map(e => e.textContent);");
        assertTrue(outcomes.size() >= 8 && outcomes.size() <= 16, outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o.startsWith("returned ")), outcomes.toString());
        assertTrue(outcomes.stream().anyMatch(o -> o.contains("stopped at the limit")), outcomes.toString());
        assertNoUndefined();
    }

    @Test
    void aCommand_leadsWithTheAnswerAndTheViews_foldsTheJson_andMarksWhatItCreatedChangedAndDeleted() throws Exception {
        assumeTrue(runner.serves("command"), "No `command` function is served by this build's local stack.");
        // GIVEN the explorer page WHEN placeOrder runs from the form (lines typed as productId:quantity)
        open();
        choose("command:placeOrder");
        browser.type("#param-customerId", "WELLI");
        browser.type("#param-employeeId", "3");
        browser.type("#param-orderDate", "1996-01-05");
        browser.type("#param-lines", "14:1 46:2");
        runAndWait();
        browser.screenshot(SCREENSHOTS.resolve("placeOrder.png"));
        String orderId = String.valueOf(browser.script("const h = [...document.querySelectorAll('#command-result table')][0];"
                + "const col = [...h.querySelectorAll('th')].map(t => t.textContent).indexOf('orderID');"
                + "return h.querySelector('tbody tr').children[col].textContent;"));

        // THEN the answer comes first, then the item-collection views, then the requests; every JSON is folded
        assertEquals(Boolean.TRUE, browser.script("const a = document.getElementById('answer-section'),"
                + " v = document.getElementById('views-section'), r = document.getElementById('requests-section');"
                + "return !!(a.compareDocumentPosition(v) & Node.DOCUMENT_POSITION_FOLLOWING)"
                + " && !!(v.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING);"));
        assertEquals(Boolean.TRUE, browser.script("const d = [...document.querySelectorAll('details')];"
                + "return d.length > 0 && d.every(x => !x.open) && !!(document.getElementById('views').compareDocumentPosition("
                + "document.querySelector('#requests details')) & Node.DOCUMENT_POSITION_FOLLOWING);"));
        // AND each request says what it returned or wrote (BatchGetItem and UpdateItem included), never a bare dash
        @SuppressWarnings("unchecked")
        List<String> outcomes = (List<String>) browser.script(
                "return [...document.querySelectorAll('.request-outcome')].map(e => e.textContent);");
        assertEquals(3, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.get(0).startsWith("returned ") && outcomes.get(0).contains(" items asked for"), outcomes.toString());
        assertTrue(outcomes.get(1).startsWith("updated 1 item"), outcomes.toString());
        assertTrue(outcomes.get(2).startsWith("one transaction: ") && outcomes.get(2).contains("created"), outcomes.toString());
        assertTrue(outcomes.stream().noneMatch(o -> o.contains("—")), outcomes.toString());
        // AND the new order's items are marked created, and the stock shard the order took product 14's unit from changed
        assertEquals(Boolean.TRUE, browser.script("return [...document.querySelectorAll('#view-table .band[data-partition=\"ORDER#"
                + orderId + "\"] .item')].every(i => i.classList.contains('created'));"));
        assertTrue(((Number) browser.script("return document.querySelectorAll('#view-table .band[data-partition^=\"STOCK#14#\"]"
                + " .item.changed').length;")).longValue() > 0);
        assertNoUndefined();

        // AND WHEN the order is shipped
        choose("command:shipOrder");
        browser.type("#param-orderId", orderId);
        runAndWait();
        browser.screenshot(SCREENSHOTS.resolve("shipOrder-deleted.png"));
        // THEN its open-order view item, which the command deleted, is shown where it was, marked deleted: in its
        // table partition and in its gsi_1 partition (the openOrders list it left)
        String inTable = (String) browser.script("const i = document.querySelector('#view-table .band[data-partition=\"ORDER#"
                + orderId + "\"] .item.deleted'); return i ? i.dataset.sk + ' ' + i.textContent : null;");
        // (the open view lives under the order's shard of the sharded list: OPEN_ORDER#<shard>)
        assertTrue(inTable != null && inTable.matches("OPEN_ORDER#[0-7] deleted.*"), inTable);
        String openShard = inTable.substring(0, inTable.indexOf(' '));
        Object inGsi1 = browser.script("return document.querySelectorAll('#view-gsi_1 .band[data-partition=\"" + openShard + "\"]"
                + " .item.deleted[data-pk=\"ORDER#" + orderId + "\"]').length;");
        assertEquals(1L, ((Number) inGsi1).longValue());
        assertEquals("line-through", browser.script("return getComputedStyle(document.querySelector('.item.deleted .key'))"
                + ".textDecorationLine;"));
        assertNoUndefined();
    }

    private static void open() throws Exception {
        browser.open(explorer.endpoint().toString());
        assertTrue(browser.waitFor("document.body.dataset.ready === 'true'", Duration.ofSeconds(10)), "the page did not load its catalog");
    }

    private static void choose(String option) throws Exception {
        browser.script("const s = document.getElementById('op'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));", option);
    }

    /** Runs the form and waits for the outcome (the previous run's requests and errors cleared first). */
    private static void runAndWait() throws Exception {
        browser.script("document.getElementById('requests').replaceChildren(); document.getElementById('status').replaceChildren();");
        browser.click("#run");
        assertTrue(browser.waitFor("document.querySelector('#requests .request-outcome') || document.getElementById('error')",
                Duration.ofSeconds(15)), "no answer appeared");
        Object error = browser.script("const e = document.getElementById('error'); return e ? e.textContent : null;");
        assertEquals(null, error);
    }

    private static void assertNoUndefined() throws Exception {
        String text = (String) browser.script("return document.body.innerText;");
        assertFalse(text.contains("undefined"), text);
        assertFalse(text.contains("NaN"), text);
    }

    /** openOrders run through the page: the number of rows it shows (one page of up to 1000). */
    private static long openOrders() throws Exception {
        browser.script("const s = document.getElementById('op'); s.value = 'pattern:openOrders'; s.dispatchEvent(new Event('change'));"
                + "document.getElementById('answer').replaceChildren();");
        browser.type("#limit", "1000");
        browser.click("#run");
        assertTrue(browser.waitFor("document.querySelector('#results tbody tr')", Duration.ofSeconds(15)));
        return ((Number) browser.script("return document.querySelectorAll('#results tbody tr').length;")).longValue();
    }
}
