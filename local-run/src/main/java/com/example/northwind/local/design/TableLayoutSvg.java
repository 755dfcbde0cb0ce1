package com.example.northwind.local.design;

import com.example.northwind.local.design.SampleReads.PatternRead;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.Item;
import com.example.northwind.model.ItemShape;
import com.example.northwind.model.SortCondition;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A picture of the table drawn from the sample: the base table as item collections (one band per partition, its
 * items side by side in sk order), then one section per global secondary index of {@link TableIndex} — the same
 * items regrouped by the index's partition key and sorted by its sort key, only the items that have both — and,
 * under each band, a coloured bracket over the items each access pattern's read returns, in the table or index the
 * pattern reads. Bands show a few items and elide the rest ("… n more"), keeping every item a pattern reads when
 * there is room.
 */
public final class TableLayoutSvg {
    private static final int MARGIN = 24;
    private static final int LABEL_W = 250;
    private static final int BOX_W = 214;
    /** Text lines in a box: its key, one line per index (where the item sits in it), its kind. */
    private static final int BOX_LINES = 2 + TableIndex.values().length;
    private static final int LINE_H = 16;
    private static final int BOX_H = 10 + LINE_H * BOX_LINES;
    private static final int GAP_W = 84;
    private static final int SPACING = 8;
    private static final int BRACKET_ROW = 20;
    private static final int MAX_ITEMS = 7;
    /** Partitions drawn at least for an index (when the sample has them), read by a pattern or not. */
    private static final int MIN_PARTITIONS = 3;
    /** Characters of monospace 11px text that fit in a box. */
    private static final int BOX_CHARS = 32;
    /** Characters of monospace 10px text that fit in a box. */
    private static final int SMALL_CHARS = 34;
    private static final String[] PALETTE = {
        "#c2410c", "#7c3aed", "#0369a1", "#be123c", "#15803d", "#a16207", "#4338ca", "#0f766e", "#9d174d", "#475569"};

    private final StringBuilder svg = new StringBuilder();
    private final List<PatternRead> reads;
    private int y = MARGIN;
    private int width = 900;

    private TableLayoutSvg(List<PatternRead> reads) {
        this.reads = reads;
    }

    public static String render(DesignSample sample) {
        return new TableLayoutSvg(SampleReads.evaluate(sample)).draw(sample);
    }

    private String draw(DesignSample sample) {
        int indexCount = TableIndex.values().length;
        title("Northwind on DynamoDB: one table, " + count(indexCount, "index", "indexes"), 22, "700");
        text(MARGIN, y + 4, "A real sample (customer " + sample.customerId() + ", its orders and everything they reference), "
                + "drawn from the item model by ./generate-docs.sh. Coloured brackets: the items each access pattern reads.",
                13, "#334155", "400", false);
        y += 22;
        legend();
        y += 16;

        section("Base table — one band per partition (pk = the item collection), items sorted by sk");
        for (String pk : sample.basePartitions()) {
            band(pk, sample.partition(pk), null, readsOn(pk, null));
        }
        for (TableIndex index : TableIndex.values()) {
            y += 10;
            indexSection(sample, index);
        }
        y += 10;
        footer();
        y += MARGIN;
        String head = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + y
                + "\" viewBox=\"0 0 " + width + " " + y + "\" font-family=\"Helvetica, Arial, sans-serif\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
        return head + svg + "</svg>\n";
    }

    /**
     * An index: the partitions the patterns read on it (and a few more when they are fewer), each a band of the items
     * in it sorted by the index's sort key, and a note of how many more partitions the sample has there.
     */
    private void indexSection(DesignSample sample, TableIndex index) {
        section(index.indexName() + " — the same items regrouped: partition = " + index.partitionKey() + ", sorted by "
                + index.sortKey() + " (only items that have both are in it)");
        TreeSet<String> all = new TreeSet<>(SortCondition::compareUtf8);
        sample.items().stream().filter(i -> IndexKeys.in(i, index)).forEach(i -> all.add(IndexKeys.partition(i, index)));
        TreeSet<String> drawn = new TreeSet<>(SortCondition::compareUtf8);
        reads.stream().filter(r -> r.index() == index).forEach(r -> drawn.addAll(r.partitions()));
        // A sparse section gets a few more partitions: first those of items drawn in the base table above.
        List<String> extra = new ArrayList<>();
        sample.items().stream().filter(i -> IndexKeys.in(i, index) && sample.basePartitions().contains(i.pk()))
                .forEach(i -> extra.add(IndexKeys.partition(i, index)));
        extra.addAll(all);
        for (String partition : extra) {
            if (drawn.size() >= MIN_PARTITIONS) {
                break;
            }
            drawn.add(partition);
        }
        for (String partition : drawn) {
            List<Item> items = sample.items().stream()
                    .filter(i -> IndexKeys.in(i, index) && IndexKeys.partition(i, index).equals(partition))
                    .sorted((a, b) -> SortCondition.compareUtf8(IndexKeys.sort(a, index), IndexKeys.sort(b, index))).toList();
            band(partition, items, index, readsOn(partition, index));
        }
        long more = all.stream().filter(p -> !drawn.contains(p)).count();
        if (all.isEmpty()) {
            note("No item of the sample is in " + index.indexName() + ".");
        } else if (more > 0) {
            note("… and " + count(more, "more " + index.indexName() + " partition", "more " + index.indexName() + " partitions")
                    + " in the sample, not drawn.");
        }
    }

    private void note(String line) {
        text(MARGIN, y + 12, line, 12, "#64748b", "400", false);
        y += 20;
    }

    private static String count(long n, String one, String many) {
        String[] words = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        return (n < words.length ? words[(int) n] : String.valueOf(n)) + " " + (n == 1 ? one : many);
    }

    /** The reads of one partition of the table ({@code index == null}) or of an index that return something. */
    private List<PatternRead> readsOn(String partition, TableIndex index) {
        return reads.stream().filter(r -> r.index() == index && r.partitions().contains(partition) && !r.matched().isEmpty())
                .toList();
    }

    private void legend() {
        int x = MARGIN;
        for (String role : List.of("entity", "edge", "view")) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"14\" rx=\"3\" fill=\"%s\" stroke=\"%s\"/>%n",
                    x, y, fill(role), stroke(role)));
            text(x + 28, y + 11, role + (role.equals("entity") ? " item" : role.equals("edge") ? " (a reference, reversed by gsi_1)"
                    : " (a sparse copy under a constant sk)"), 12, "#334155", "400", false);
            x += role.equals("entity") ? 110 : 270;
        }
        y += 18;
    }

    private void section(String heading) {
        y += 10;
        text(MARGIN, y + 14, heading, 16, "#0f172a", "700", false);
        y += 26;
    }

    private void band(String partition, List<Item> items, TableIndex index, List<PatternRead> bandReads) {
        int top = y;
        int height = BOX_H + 14 + Math.max(0, bandReads.size()) * BRACKET_ROW;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f8fafc\" stroke=\"#e2e8f0\"/>%n",
                MARGIN, top, LABEL_W - 12, height));
        text(MARGIN + 8, top + 20, IndexKeys.partitionAttribute(index) + " =", 11, "#64748b", "400", false);
        text(MARGIN + 8, top + 38, partition, 13, "#0f172a", "700", true);
        text(MARGIN + 8, top + 56, items.size() + (items.size() == 1 ? " item" : " items") + " in the sample", 11, "#64748b", "400", false);

        List<Slot> slots = slots(items, bandReads);
        int x = MARGIN + LABEL_W;
        for (Slot slot : slots) {
            slot.x = x;
            if (slot.item != null) {
                box(slot.item, x, top + 4, index, colourOf(slot.item, bandReads));
                x += BOX_W + SPACING;
            } else {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"#ffffff\" "
                        + "stroke=\"#94a3b8\" stroke-dasharray=\"4 3\"/>%n", x, top + 4, GAP_W, BOX_H));
                text(x + GAP_W / 2, top + 4 + BOX_H / 2 + 4, "… " + slot.hidden + " more", 12, "#475569", "400", false, "middle");
                x += GAP_W + SPACING;
            }
        }
        int row = 0;
        for (PatternRead read : bandReads) {
            bracket(read, slots, items, top + BOX_H + 12 + row * BRACKET_ROW);
            row++;
        }
        width = Math.max(width, x + 20);
        y = top + height + 8;
    }

    /**
     * One slot per shown item, one per elided run. Shown first: one item of each kind in the band (so no kind is
     * hidden), then the items a pattern reads, then the first others.
     */
    private static List<Slot> slots(List<Item> items, List<PatternRead> bandReads) {
        boolean[] shown = new boolean[items.size()];
        java.util.Set<String> kinds = new java.util.HashSet<>();
        int count = 0;
        for (int i = 0; i < items.size() && count < MAX_ITEMS; i++) {
            if (kinds.add(items.get(i).shape().kind())) {
                shown[i] = true;
                count++;
            }
        }
        for (int i = 0; i < items.size() && count < MAX_ITEMS; i++) {
            Item item = items.get(i);
            if (!shown[i] && bandReads.stream().anyMatch(r -> r.matched().contains(item))) {
                shown[i] = true;
                count++;
            }
        }
        for (int i = 0; i < items.size() && count < MAX_ITEMS; i++) {
            if (!shown[i]) {
                shown[i] = true;
                count++;
            }
        }
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (shown[i]) {
                slots.add(new Slot(items.get(i), i, i));
            } else {
                int from = i;
                while (i + 1 < items.size() && !shown[i + 1]) {
                    i++;
                }
                slots.add(new Slot(null, from, i));
            }
        }
        return slots;
    }

    /**
     * One item. In the base table: its sk, then one line per index saying where it sits there (the index's own key
     * attributes, or "not in" the index), then its kind. In an index: its sort key there, its table key, its kind.
     */
    private void box(Item item, int x, int top, TableIndex index, String highlight) {
        String role = role(item.shape());
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
                x, top, BOX_W, BOX_H, fill(role), highlight != null ? highlight : stroke(role), highlight != null ? "2.5" : "1"));
        text(x + 7, top + 17, clip(IndexKeys.sort(item, index), BOX_CHARS), 11, "#0f172a", "700", true);
        int line = top + 17 + LINE_H;
        if (index == null) {
            for (TableIndex other : TableIndex.values()) {
                StringBuilder where = new StringBuilder();
                for (String attribute : IndexKeys.ownAttributes(other)) {
                    String value = IndexKeys.value(item, attribute);
                    where.append(where.length() == 0 ? "" : " ").append(attribute).append(' ').append(value);
                }
                boolean in = IndexKeys.in(item, other);
                text(x + 7, line, clip(in ? where.toString() : "not in " + other.indexName(), SMALL_CHARS), 10,
                        in ? "#334155" : "#94a3b8", "400", true);
                line += LINE_H;
            }
        } else {
            text(x + 7, line, clip("pk " + item.pk(), SMALL_CHARS), 10, "#334155", "400", true);
            line += LINE_H;
            if (!TableSchema.SK.equals(index.partitionKey()) && !TableSchema.SK.equals(index.sortKey())) {
                text(x + 7, line, clip("sk " + item.sk(), SMALL_CHARS), 10, "#334155", "400", true);
            }
        }
        text(x + 7, top + BOX_H - 9, clip(item.shape().kind(), SMALL_CHARS), 10, "#64748b", "400", false);
    }

    private void bracket(PatternRead read, List<Slot> slots, List<Item> items, int lineY) {
        int x1 = Integer.MAX_VALUE;
        int x2 = Integer.MIN_VALUE;
        for (Slot slot : slots) {
            boolean read_ = false;
            for (int i = slot.from; i <= slot.to; i++) {
                read_ |= read.matched().contains(items.get(i));
            }
            if (read_) {
                x1 = Math.min(x1, slot.x);
                x2 = Math.max(x2, slot.x + (slot.item != null ? BOX_W : GAP_W));
            }
        }
        String colour = colourOf(read);
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d V%d H%d V%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>%n",
                x1 + 2, lineY - 7, lineY, x2 - 2, lineY - 7, colour));
        String label = read.call() + " → " + read.matched().size() + (read.matched().size() == 1 ? " item" : " items");
        text(x2 + 8, lineY + 4, label, 12, colour, "700", false);
        width = Math.max(width, x2 + 16 + (int) (label.length() * 7.2));
    }

    private void footer() {
        text(MARGIN, y + 14, "Every access pattern on this sample: one GetItem or one Query, never a Scan, never a filter", 16, "#0f172a", "700", false);
        y += 30;
        for (PatternRead read : reads) {
            String line = read.call() + ": " + read.read().describe().replace("`", "") + " → "
                    + (read.matched().isEmpty() ? "nothing in the sample" : read.matched().size() + " item" + (read.matched().size() == 1 ? "" : "s"));
            text(MARGIN, y + 12, line, 12, colourOf(read), "400", true);
            width = Math.max(width, MARGIN + 16 + (int) (line.length() * 7.3));
            y += 18;
        }
    }

    private String colourOf(Item item, List<PatternRead> bandReads) {
        return bandReads.stream().filter(r -> r.matched().contains(item)).findFirst().map(this::colourOf).orElse(null);
    }

    private String colourOf(PatternRead read) {
        return PALETTE[AccessPatterns.all().indexOf(read.pattern()) % PALETTE.length];
    }

    private static String role(ItemShape shape) {
        return shape.role().startsWith("edge") ? "edge" : shape.role().startsWith("view") ? "view" : "entity";
    }

    private static String fill(String role) {
        return role.equals("edge") ? "#dcfce7" : role.equals("view") ? "#fef3c7" : "#dbeafe";
    }

    private static String stroke(String role) {
        return role.equals("edge") ? "#16a34a" : role.equals("view") ? "#d97706" : "#3b82f6";
    }

    private static String clip(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }

    private void title(String text, int size, String weight) {
        text(MARGIN, y + size, text, size, "#0f172a", weight, false);
        y += size + 12;
    }

    private void text(int x, int baseline, String text, int size, String colour, String weight, boolean mono) {
        text(x, baseline, text, size, colour, weight, mono, "start");
    }

    private void text(int x, int baseline, String text, int size, String colour, String weight, boolean mono, String anchor) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"%s\" font-weight=\"%s\"%s%s>%s</text>%n",
                x, baseline, size, colour, weight, mono ? " font-family=\"Menlo, Consolas, monospace\"" : "",
                anchor.equals("start") ? "" : " text-anchor=\"" + anchor + "\"", escape(text)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A shown item, or an elided run of items {@code from..to}. */
    private static final class Slot {
        final Item item;
        final int from;
        final int to;
        final int hidden;
        int x;

        Slot(Item item, int from, int to) {
            this.item = item;
            this.from = from;
            this.to = to;
            this.hidden = to - from + 1;
        }
    }
}
