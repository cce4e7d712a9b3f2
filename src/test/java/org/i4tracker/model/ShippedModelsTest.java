package org.i4tracker.model;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.model.Pageable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped models come from the classpath, so the service starts from any folder; a model folder
 * ({@code i4.models.dir}) adds versions and replaces shipped files of the same id and version.
 */
class ShippedModelsTest {

    private static final List<String> SHIPPED = List.of("capability-learning@1.0.0", "digital-maturity@1.0.0", "i40-stages@1.0.0");

    @TempDir
    Path dir;

    private static List<String> published(ModelRegistry registry) {
        return registry.list(Pageable.from(0, 50)).getContent().stream().map(m -> m.id() + "@" + m.version()).sorted().toList();
    }

    @Test
    void withoutAFolderTheShippedModelsArePublished() {
        for (String folder : List.of("", dir.resolve("absent").toString())) {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("i4.models.dir", folder), "test")) {
                assertEquals(SHIPPED, published(ctx.getBean(ModelRegistry.class)), "i4.models.dir='" + folder + "'");
            }
        }
    }

    @Test
    void aFolderAddsVersionsAndReplacesShippedFiles() throws Exception {
        String stages = Files.readString(Path.of("assessment-models/i40-stages-1.0.0.json"));
        // no model.schema.json in the folder: its files are read against the shipped schema
        Files.writeString(dir.resolve("i40-stages-1.0.0.json"),
                stages.replace("\"name\": \"Industry 4.0 development stages\"", "\"name\": \"Stages, as the agency words them\""));
        Files.writeString(dir.resolve("i40-stages-2.0.0.json"), stages.replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\""));
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("i4.models.dir", dir.toString()), "test")) {
            ModelRegistry registry = ctx.getBean(ModelRegistry.class);
            assertEquals(List.of("capability-learning@1.0.0", "digital-maturity@1.0.0", "i40-stages@1.0.0", "i40-stages@2.0.0"),
                    published(registry));
            assertEquals("Stages, as the agency words them", registry.engine("i40-stages", "1.0.0").model().name());
            assertEquals("Industry 4.0 development stages", registry.engine("i40-stages", "2.0.0").model().name());
        }
    }

    @Test
    void shippedModelsAreReadFromInsideAJar() throws Exception {
        Path jar = dir.resolve("service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.list(Path.of("assessment-models"))) {
            for (Path file : files.sorted().toList()) {
                out.putNextEntry(new JarEntry(ModelFolder.SHIPPED + "/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            List<ModelFolder.ModelFile> files = ModelFolder.shipped(loader).load();
            assertEquals(SHIPPED, files.stream().map(f -> f.model().key()).sorted().toList());
            assertTrue(files.get(0).where().startsWith("classpath:" + ModelFolder.SHIPPED + "/"), files.get(0).where());
        } finally {
            FileSystems.getFileSystem(URI.create("jar:" + jar.toUri())).close();
        }
    }

    @Test
    void aFileThatOnlyRewordsGuidanceUpdatesAUsedVersionAtStartAndAnyOtherChangeStopsIt() throws Exception {
        String stages = Files.readString(Path.of("assessment-models/i40-stages-1.0.0.json"));
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("i4.models.dir", ""), "test")) {
            ModelRegistry registry = ctx.getBean(ModelRegistry.class);
            PublishedModelRepository repository = ctx.getBean(PublishedModelRepository.class);
            registry.markInUse("i40-stages", "1.0.0");
            String old = registry.engine("i40-stages", "1.0.0").model().dimensions().get(0).items().get(0).guidance();

            Files.writeString(dir.resolve("i40-stages-1.0.0.json"), stages.replace(old, "Count the computer-controlled machines."));
            // a second start over the same database, with the folder's reworded file
            new ModelRegistry(repository, dir.toString());
            assertEquals("Count the computer-controlled machines.",
                    registry.engine("i40-stages", "1.0.0").model().dimensions().get(0).items().get(0).guidance());
            assertTrue(repository.findByModelIdAndModelVersion("i40-stages", "1.0.0").orElseThrow().inUse());

            Files.writeString(dir.resolve("i40-stages-1.0.0.json"), stages.replace("\"stageThreshold\": 75", "\"stageThreshold\": 70"));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new ModelRegistry(repository, dir.toString()));
            assertTrue(refused.getMessage().contains("publish a new version"), refused.getMessage());
        }
    }
}
