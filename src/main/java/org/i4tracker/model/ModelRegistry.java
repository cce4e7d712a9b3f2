package org.i4tracker.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.Transactional;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.JsonLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published model versions and their scoring engines. At start-up ({@link Context}) it publishes
 * the models shipped in the jar ({@link ModelFolder#shipped()}) and those of the folder
 * {@code i4.models.dir} when that folder exists: a folder file adds a model version, or replaces the
 * shipped file of the same id and version. An invalid file, or a file that changes a version already
 * used by an assessment, stops the service with a message naming the file and the JSON path. Versions
 * live in the database so that every service instance sees uploads; parsed models are cached per
 * stored row version.
 *
 * <p>An item's {@code guidance} is excepted from that immutability: it is read by assessors and never
 * scored, so a file or upload that differs from a used version only in guidance texts replaces the stored
 * document in place and keeps the version (and with it peer groups and stored assessments). Any other
 * difference needs a new version. See docs/architecture.md, "Guidance does not version a model".
 */
@Context
public class ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final ObjectMapper JSON = JsonLimits.objectMapper();

    private record Cached(long rowVersion, ScoringEngine engine) {
    }

    private final PublishedModelRepository repository;
    private final ModelDocumentReader reader;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ModelRegistry(PublishedModelRepository repository, @Value("${i4.models.dir:}") String dir) {
        this.repository = repository;
        ModelFolder shipped = ModelFolder.shipped();
        this.reader = shipped.reader();
        for (ModelFolder.ModelFile file : modelFiles(shipped, dir)) {
            syncFile(file);
        }
    }

    /** The shipped files, with the folder's files (when the folder exists) added or put in their place. */
    private static Collection<ModelFolder.ModelFile> modelFiles(ModelFolder shipped, String dir) {
        Map<String, ModelFolder.ModelFile> files = new LinkedHashMap<>();
        shipped.load().forEach(file -> files.put(file.model().key(), file));
        int fromJar = files.size();
        Path folder = dir.isBlank() ? null : Path.of(dir).toAbsolutePath().normalize();
        if (folder == null || !Files.isDirectory(folder)) {
            LOG.info("assessment models: {} shipped; no model folder {}", fromJar, folder == null ? "set (i4.models.dir)" : "at " + folder);
            return files.values();
        }
        int replaced = 0;
        List<ModelFolder.ModelFile> own = new ModelFolder(folder, shipped.reader()).load();
        for (ModelFolder.ModelFile file : own) {
            replaced += files.put(file.model().key(), file) == null ? 0 : 1;
        }
        LOG.info("assessment models: {} shipped, {} from folder {} ({} of them in place of a shipped file)", fromJar, own.size(),
                folder, replaced);
        return files.values();
    }

    private void syncFile(ModelFolder.ModelFile file) {
        AssessmentModel model = file.model();
        var stored = repository.findByModelIdAndModelVersion(model.id(), model.version());
        if (stored.isEmpty()) {
            repository.save(new PublishedModel(null, model.id(), model.version(), model.name(), "FILE", file.content(), false,
                    "system", Instant.now(), null));
            LOG.info("model published id={} version={} file={}", model.id(), model.version(), file.where());
        } else if (!sameDocument(stored.get().content(), file.content())) {
            PublishedModel s = stored.get();
            if (s.inUse() && sameScoring(s.content(), file.content())) {
                repository.replaceGuidance(s.id(), file.content(), s.version());
                LOG.info("model guidance updated id={} version={} file={}", model.id(), model.version(), file.where());
                return;
            }
            if (s.inUse()) {
                throw new IllegalStateException("Assessment model file " + file.where() + " changes " + model.key()
                        + ", which assessments already use, at $.version: publish a new version instead");
            }
            repository.replaceUnused(s.id(), file.content(), model.name(), "FILE", "system", Instant.now(), s.version());
            LOG.info("model replaced id={} version={} file={}", model.id(), model.version(), file.where());
        }
    }

    /** Outcome of an upload: the stored version and whether it was new. */
    public record Publication(ModelSummary model, boolean created) {
    }

    /** The longest model document stored ({@code assessment_model.content}). */
    static final int MAX_DOCUMENT_CHARS = 1_000_000;

    /**
     * Publishes an uploaded model document: 400 naming {@code document} when it is longer than
     * {@link #MAX_DOCUMENT_CHARS}, 400 naming the JSON path when invalid, 409 when the version exists with different
     * content and an assessment uses it, unless only guidance texts differ.
     */
    @Transactional
    public Publication publish(String document, String user) {
        Check.that(document.length() <= MAX_DOCUMENT_CHARS, "document", "a model document has at most " + MAX_DOCUMENT_CHARS
                + " characters, this one " + document.length());
        AssessmentModel model = reader.read(document, "upload");
        var stored = repository.findByModelIdAndModelVersion(model.id(), model.version());
        if (stored.isEmpty()) {
            PublishedModel saved = repository.save(new PublishedModel(null, model.id(), model.version(), model.name(), "UPLOAD",
                    document, false, user, Instant.now(), null));
            LOG.info("model published id={} version={} by={}", model.id(), model.version(), user);
            return new Publication(ModelSummary.of(saved), true);
        }
        PublishedModel s = stored.get();
        if (sameDocument(s.content(), document)) {
            return new Publication(ModelSummary.of(s), false);
        }
        if (s.inUse() && sameScoring(s.content(), document)) {
            if (repository.replaceGuidance(s.id(), document, s.version()) == 0) {
                throw DomainException.conflict("version", "model " + model.key() + " changed meanwhile; publish again");
            }
            LOG.info("model guidance updated id={} version={} by={}", model.id(), model.version(), user);
            return new Publication(ModelSummary.of(repository.findById(s.id()).orElseThrow()), false);
        }
        if (s.inUse() || repository.replaceUnused(s.id(), document, model.name(), "UPLOAD", user, Instant.now(), s.version()) == 0) {
            throw DomainException.conflict("version", "model " + model.key()
                    + " is used by assessments and cannot change; publish a new version");
        }
        LOG.info("model replaced id={} version={} by={}", model.id(), model.version(), user);
        return new Publication(ModelSummary.of(repository.findById(s.id()).orElseThrow()), false);
    }

    public Page<ModelSummary> list(Pageable pageable) {
        return repository.findAll(pageable).map(ModelSummary::of);
    }

    public List<ModelSummary> versions(String modelId) {
        List<ModelSummary> versions = repository.findByModelIdOrderByPublishedAt(modelId).stream().map(ModelSummary::of).toList();
        if (versions.isEmpty()) {
            throw DomainException.notFound("model", modelId);
        }
        return versions;
    }

    /** The model document exactly as published. */
    public String document(String modelId, String version) {
        return require(modelId, version).content();
    }

    /** The scoring engine of a published version; 404 when it does not exist. */
    public ScoringEngine engine(String modelId, String version) {
        PublishedModel stored = require(modelId, version);
        Cached cached = cache.get(stored.modelId() + "@" + stored.modelVersion());
        if (cached == null || cached.rowVersion() != stored.version()) {
            cached = new Cached(stored.version(), ScoringEngine.of(reader.read(stored.content(), stored.modelId() + "@" + stored.modelVersion())));
            cache.put(stored.modelId() + "@" + stored.modelVersion(), cached);
        }
        return cached.engine();
    }

    /** Freezes a version: from now on it can no longer change. Called when an assessment starts using it. */
    @Transactional
    public void markInUse(String modelId, String version) {
        if (repository.markInUse(modelId, version) == 0) {
            throw DomainException.notFound("model", modelId + "@" + version);
        }
    }

    private PublishedModel require(String modelId, String version) {
        return repository.findByModelIdAndModelVersion(modelId, version)
                .orElseThrow(() -> DomainException.notFound("model", modelId + "@" + version));
    }

    private static boolean sameDocument(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Whether two documents are equal once every item's guidance is taken out: they score every answer alike. */
    static boolean sameScoring(String a, String b) {
        try {
            return withoutGuidance(JSON.readTree(a)).equals(withoutGuidance(JSON.readTree(b)));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static JsonNode withoutGuidance(JsonNode root) {
        for (JsonNode dimension : root.path("dimensions")) {
            for (JsonNode item : dimension.path("items")) {
                if (item instanceof ObjectNode object) {
                    object.remove("guidance");
                }
            }
        }
        return root;
    }
}
