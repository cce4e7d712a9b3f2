package org.i4tracker.model;

import org.i4tracker.common.DomainException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder of model files ({@code assessment-models/}): the schema {@value #SCHEMA_FILE} and one
 * JSON document per model version ({@code *.json}). Reading it fails with an
 * {@link IllegalStateException} that names the file and the JSON path at fault, which is what the
 * operator sees when the service refuses to start.
 */
public final class ModelFolder {

    public static final String SCHEMA_FILE = "model.schema.json";

    /** A model file read and validated. */
    public record ModelFile(Path path, String content, AssessmentModel model) {
    }

    private final Path dir;
    private final ModelDocumentReader reader;

    public ModelFolder(Path dir) {
        this.dir = dir;
        Path schema = dir.resolve(SCHEMA_FILE);
        if (!Files.isRegularFile(schema)) {
            throw new IllegalStateException("Assessment model folder " + dir.toAbsolutePath() + " has no " + SCHEMA_FILE
                    + "; set i4.models.dir (env I4_MODELS_DIR) to the folder of model files");
        }
        this.reader = new ModelDocumentReader(readString(schema));
    }

    public ModelDocumentReader reader() {
        return reader;
    }

    /** Every model file of the folder, in file-name order; fails on the first invalid file. */
    public List<ModelFile> load() {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals(SCHEMA_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list assessment model folder " + dir.toAbsolutePath(), e);
        }
        List<ModelFile> models = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            String content = readString(file);
            AssessmentModel model;
            try {
                model = reader.read(content, file.getFileName().toString());
            } catch (DomainException e) {
                DomainException.FieldError first = e.errors().get(0);
                throw new IllegalStateException("Assessment model file " + file.toAbsolutePath() + " is invalid at "
                        + first.field() + ": " + first.message() + (e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more)" : ""), e);
            }
            Path other = seen.put(model.key(), file);
            if (other != null) {
                throw new IllegalStateException("Assessment model files " + other.toAbsolutePath() + " and " + file.toAbsolutePath()
                        + " both define " + model.key() + " at $.version");
            }
            models.add(new ModelFile(file, content, model));
        }
        return models;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read assessment model file " + file.toAbsolutePath(), e);
        }
    }
}
