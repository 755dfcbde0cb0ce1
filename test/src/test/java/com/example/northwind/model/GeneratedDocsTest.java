package com.example.northwind.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.example.northwind.local.design.DesignDocs;
import com.example.northwind.local.design.DesignSample;
import com.example.northwind.schema.NorthwindData;
import org.junit.jupiter.api.Test;

/**
 * The generated tables of the docs are what the item model renders now, so are the files generated whole (the
 * local run's pattern and command lists, the HTTP API's OpenAPI document), and the design files (Workbench model,
 * table picture) are what the model draws from the sample of the CSVs.
 */
class GeneratedDocsTest {
    /** The test module runs with its own folder as working directory; the project root is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void committedDocs_matchTheItemModel() throws IOException {
        for (Map.Entry<String, List<ModelDocs.Block>> file : DocsGenerator.files().entrySet()) {
            // GIVEN the committed file
            Path path = ROOT.resolve(file.getKey());
            String committed = Files.readString(path, StandardCharsets.UTF_8);
            // WHEN its generated blocks are rendered from the model
            String generated = ModelDocs.apply(committed, file.getValue());
            // THEN nothing differs
            assertEquals(generated, committed, file.getKey() + " differs from the item model: run ./generate-docs.sh"
                    + " and commit the result");
        }
    }

    @Test
    void committedWholeFiles_matchTheItemModel() throws IOException {
        // GIVEN the files generated whole (the local run's pattern and command lists, the OpenAPI document)
        for (Map.Entry<String, String> file : DocsGenerator.wholeFiles().entrySet()) {
            // WHEN rendered from the model THEN each committed file is exactly that
            String committed = Files.readString(ROOT.resolve(file.getKey()), StandardCharsets.UTF_8);
            assertEquals(file.getValue(), committed, file.getKey() + " differs from the item model: run ./generate-docs.sh"
                    + " and commit the result");
        }
    }

    @Test
    void committedDesignFiles_matchTheItemModelAndTheSample() throws IOException {
        // GIVEN the sample of the real data WHEN the design files are drawn from it and the model
        for (Map.Entry<String, String> file : DesignDocs.files(DesignSample.load(NorthwindData.locate())).entrySet()) {
            // THEN each committed file is exactly that
            String committed = Files.readString(ROOT.resolve(file.getKey()), StandardCharsets.UTF_8);
            assertEquals(file.getValue(), committed, file.getKey() + " differs from the item model and sample: run"
                    + " ./generate-docs.sh and commit the result");
        }
    }
}
