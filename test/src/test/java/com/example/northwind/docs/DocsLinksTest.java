package com.example.northwind.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs hold together: every relative link and {@code #anchor} in README.md and docs/*.md resolves (anchors by
 * GitHub's heading slugs), and every page under docs/ is in the docs index, so a page is never orphaned.
 */
class DocsLinksTest {
    /** The test module runs with its own folder as working directory; the project root is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path DOCS = ROOT.resolve("docs");
    /** Inline links and images: [text](target) — the target up to a space (a title) or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkAndAnchor_resolves() throws IOException {
        // GIVEN README.md and every page under docs/
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            // WHEN each link outside code is followed
            for (String target : links(Files.readString(page, StandardCharsets.UTF_8))) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: — not this test's business
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                // THEN the file exists, and the anchor is a heading of it
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " — no such file");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " — no heading with that anchor in "
                            + ROOT.relativize(resolved) + " (has " + anchors(resolved) + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 50, "only " + checked + " relative links found: is the link pattern still right?");
    }

    @Test
    void everyPageUnderDocs_isInTheDocsIndex_andTheReadmeLinksTheIndex() throws IOException {
        // GIVEN the docs index and the pages under docs/
        Set<String> indexed = new LinkedHashSet<>(links(Files.readString(DOCS.resolve("README.md"), StandardCharsets.UTF_8)));
        // WHEN each page is looked up THEN the index links it
        for (Path page : pages()) {
            if (page.getParent().equals(DOCS) && !page.getFileName().toString().equals("README.md")) {
                assertTrue(indexed.contains(page.getFileName().toString()), page.getFileName() + " is not in docs/README.md");
            }
        }
        // AND the README links the index
        assertTrue(links(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8)).contains("docs/README.md"));
    }

    @Test
    void slugs_followGitHubsRules() {
        // GIVEN headings with code, punctuation, an apostrophe and a dash WHEN slugged THEN as GitHub makes them
        assertEquals("what-run-localsh-does", slug("What `./run-local.sh` does"));
        assertEquals("why-a-second-index-gsi_2", slug("Why a second index (gsi_2)"));
        assertEquals("the-seeders-answer-and-logs", slug("The seeder's answer and logs"));
        assertEquals("northwind-on-dynamodb--single-table-design-as-code", slug("Northwind on DynamoDB — single-table design as code"));
        assertEquals("partition-heat-what-holds-and-what-needs-a-decision", slug("Partition heat: what holds, and what needs a decision"));
        assertEquals("a-link-and-bold", slug("A [link](x.md) and **bold**"));
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The link targets of a page, outside fenced code blocks and inline code. */
    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        for (String line : prose(markdown)) {
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The anchors of a page's headings, numbered as GitHub numbers repeats ({@code -1}, {@code -2}). */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        if (!page.toString().endsWith(".md")) {
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(Files.readString(page, StandardCharsets.UTF_8))) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = slug(m.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                out.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return out;
    }

    /**
     * GitHub's heading anchor: the heading's text (links and emphasis reduced to their text, code to its content),
     * lower-cased, every character but letters, digits, spaces, hyphens and underscores dropped, spaces to hyphens.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("[`*]", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** The lines outside fenced code blocks. */
    private static List<String> prose(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                out.add(line);
            }
        }
        return out;
    }
}
