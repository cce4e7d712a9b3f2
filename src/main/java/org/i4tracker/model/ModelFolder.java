package org.i4tracker.model;

import org.i4tracker.common.DomainException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of model files: one JSON document per model version ({@code *.json}), read against the
 * schema {@value #SCHEMA_FILE}. The models shipped with the service are the folder
 * {@value #SHIPPED} on the classpath (packaged into the jar from the top-level {@code assessment-models/}),
 * schema included; an operator's folder ({@code i4.models.dir}) is read against that same schema. Reading
 * fails with an {@link IllegalStateException} that names the file and the JSON path at fault, which is
 * what the operator sees when the service refuses to start.
 */
public final class ModelFolder {

    public static final String SCHEMA_FILE = "model.schema.json";
    /** Classpath folder of the shipped models and their schema. */
    public static final String SHIPPED = "assessment-models";

    /** A model file read and validated. */
    public record ModelFile(Path path, String content, AssessmentModel model) {

        /** The file for messages: its absolute path, or {@code classpath:…} inside the jar. */
        public String where() {
            return ModelFolder.where(path);
        }
    }

    private final Path dir;
    private final ModelDocumentReader reader;

    /** A folder that holds its own {@value #SCHEMA_FILE}. */
    public ModelFolder(Path dir) {
        this(dir, new ModelDocumentReader(readString(schemaOf(dir))));
    }

    /** A folder of model files checked against a given schema; a {@value #SCHEMA_FILE} in it is not read. */
    public ModelFolder(Path dir, ModelDocumentReader reader) {
        this.dir = dir;
        this.reader = reader;
    }

    /** The models shipped with the service, from the classpath (a folder in development, the jar when packaged). */
    public static ModelFolder shipped() {
        return shipped(ModelFolder.class.getClassLoader());
    }

    static ModelFolder shipped(ClassLoader classLoader) {
        URL schema = classLoader.getResource(SHIPPED + "/" + SCHEMA_FILE);
        if (schema == null) {
            throw new IllegalStateException("The service was built without its assessment models: classpath:" + SHIPPED + "/"
                    + SCHEMA_FILE + " is missing");
        }
        try {
            URI uri = schema.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    // Stays open for the life of the JVM, like the jar itself.
                    FileSystems.newFileSystem(uri, Map.of(), classLoader);
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // another context of this JVM opened it first
                }
            }
            return new ModelFolder(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot open the shipped assessment models at " + schema, e);
        }
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
            throw new UncheckedIOException("Cannot list assessment model folder " + where(dir), e);
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
                throw new IllegalStateException("Assessment model file " + where(file) + " is invalid at "
                        + first.field() + ": " + first.message() + (e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more)" : ""), e);
            }
            Path other = seen.put(model.key(), file);
            if (other != null) {
                throw new IllegalStateException("Assessment model files " + where(other) + " and " + where(file)
                        + " both define " + model.key() + " at $.version");
            }
            models.add(new ModelFile(file, content, model));
        }
        return models;
    }

    private static Path schemaOf(Path dir) {
        Path schema = dir.resolve(SCHEMA_FILE);
        if (!Files.isRegularFile(schema)) {
            throw new IllegalStateException("Assessment model folder " + where(dir) + " has no " + SCHEMA_FILE);
        }
        return schema;
    }

    private static String where(Path path) {
        return path.getFileSystem() == FileSystems.getDefault() ? path.toAbsolutePath().toString()
                : "classpath:" + path.toString().replaceFirst("^/", "");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read assessment model file " + where(file), e);
        }
    }
}
