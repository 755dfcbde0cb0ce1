package com.example.northwind.model;

import com.example.northwind.schema.TableIndex;
import java.util.List;

/**
 * Which item shapes an access pattern can return, worked out from the model alone: a shape is in a pattern's answer
 * when, for some combination of its optional parameters, the values its key templates can take (a literal prefix,
 * then anything) meet the read's partition value and sort condition in the table or index the read queries. The
 * OpenAPI document describes a pattern's answer items with these, so a new pattern gets its schema from its read.
 */
public final class AnswerShapes {
    private AnswerShapes() {
    }

    /** The shapes the pattern's reads can return, in model order. */
    public static List<ItemShape> of(PatternDefinition pattern) {
        List<Read> reads = List.copyOf(pattern.symbolicReads().values());
        return ItemModel.allShapes().stream().filter(shape -> reads.stream().anyMatch(read -> returns(read, shape))).toList();
    }

    /** Whether an item of this shape can be among what the read returns. */
    static boolean returns(Read read, ItemShape shape) {
        if (read instanceof Read.Get get) {
            return Range.ofValue(get.partition()).meets(Range.ofTemplate(shape.pk()))
                    && Range.ofValue(get.sort()).meets(Range.ofTemplate(shape.sk()));
        }
        return read.queries().stream().anyMatch(query -> returns(query, shape));
    }

    private static boolean returns(Read.Query query, ItemShape shape) {
        KeyTemplate partition = query.index() == null ? shape.pk() : query.index() == TableIndex.GSI_1 ? shape.sk() : shape.pk2();
        KeyTemplate sort = query.index() == null ? shape.sk() : query.index() == TableIndex.GSI_1 ? shape.data() : shape.sk2();
        if (partition == null || sort == null) {
            return false; // the shape is not in that index (sparse)
        }
        return Range.ofValue(query.partition()).meets(Range.ofTemplate(partition))
                && Range.ofCondition(query.sort()).meets(Range.ofTemplate(sort));
    }

    /**
     * The key values a template or a (possibly symbolic) value can take: from {@code low} to {@code high}, where a
     * high that {@code open}s stands for itself and every value starting with it. A symbolic part ({@code <orderId>})
     * or a column part can be anything, so a value is known only up to its literal prefix.
     */
    record Range(String low, String high, boolean open) {
        static final Range ALL = new Range("", null, true);

        static Range ofTemplate(KeyTemplate template) {
            String prefix = template.literalPrefix();
            boolean allLiteral = template.parts().stream().allMatch(p -> p instanceof KeyTemplate.Literal);
            return new Range(prefix, prefix, !allLiteral);
        }

        static Range ofValue(String value) {
            int symbolic = value.indexOf('<');
            return symbolic < 0 ? new Range(value, value, false) : prefix(value.substring(0, symbolic));
        }

        static Range ofCondition(SortCondition condition) {
            return switch (condition.kind()) {
                case ANY -> ALL;
                case EQUALS -> ofValue(condition.low());
                case BEGINS_WITH -> prefix(ofValue(condition.low()).low());
                case BETWEEN -> new Range(ofValue(condition.low()).low(), ofValue(condition.high()).high(),
                        ofValue(condition.high()).open());
                case AT_LEAST -> new Range(ofValue(condition.low()).low(), null, true);
                case BELOW, AT_MOST -> new Range("", ofValue(condition.high()).high(), ofValue(condition.high()).open());
            };
        }

        static Range prefix(String prefix) {
            return prefix.isEmpty() ? ALL : new Range(prefix, prefix, true);
        }

        /** Whether some value lies in both ranges. */
        boolean meets(Range other) {
            return atMost(low, other) && atMost(other.low, this);
        }

        /** Whether {@code value} is at or below this range's high end. */
        private static boolean atMost(String value, Range range) {
            if (range.high == null) {
                return true;
            }
            return SortCondition.compareUtf8(value, range.high) <= 0 || range.open && value.startsWith(range.high);
        }
    }
}
