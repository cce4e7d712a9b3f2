package org.i4tracker.assessment;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes of evidence files ({@code assessment_evidence_file}, one row per evidence row of kind FILE), in plain JDBC
 * so that listing an assessment's files never reads their bytes. Every method works in the caller's transaction when
 * there is one: an upload stores the evidence row and its file together or neither.
 */
@Singleton
class EvidenceFiles {

    /** What is stored about a file besides its bytes. */
    record StoredFile(long evidenceId, String name, String contentType, long size, String sha256) {
    }

    /** A stored file with its bytes, for a download. */
    record Download(StoredFile file, byte[] content) {
    }

    private static final String COLUMNS = "f.evidence_id, f.file_name, f.content_type, f.size_bytes, f.sha256";

    private final TransactionOperations<Connection> transactions;

    EvidenceFiles(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Stores the file of the evidence row {@code evidenceId}. */
    StoredFile store(long evidenceId, EvidenceUpload upload) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("INSERT INTO assessment_evidence_file"
                    + " (evidence_id, file_name, content_type, size_bytes, sha256, content) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, evidenceId);
                ps.setString(2, upload.name());
                ps.setString(3, upload.type().mediaType());
                ps.setLong(4, upload.content().length);
                ps.setString(5, upload.sha256());
                ps.setBytes(6, upload.content());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("storing the file of evidence " + evidenceId + " failed: " + e.getMessage(), e);
            }
            return new StoredFile(evidenceId, upload.name(), upload.type().mediaType(), upload.content().length, upload.sha256());
        });
    }

    /** The files of an assessment's evidence, by evidence id (without their bytes). */
    Map<Long, StoredFile> ofAssessment(long assessmentId) {
        return transactions.executeRead(status -> {
            Map<Long, StoredFile> files = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT " + COLUMNS + " FROM assessment_evidence_file f"
                    + " JOIN assessment_evidence e ON e.id = f.evidence_id WHERE e.assessment_id = ?")) {
                ps.setLong(1, assessmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredFile file = stored(rs);
                        files.put(file.evidenceId(), file);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading the evidence files of assessment " + assessmentId + " failed: " + e.getMessage(), e);
            }
            return files;
        });
    }

    /** The file of the evidence row with its bytes, or empty when the evidence has no stored file. */
    Optional<Download> read(long evidenceId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT " + COLUMNS + ", f.content"
                    + " FROM assessment_evidence_file f WHERE f.evidence_id = ?")) {
                ps.setLong(1, evidenceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Download(stored(rs), rs.getBytes(6))) : Optional.<Download>empty();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading the file of evidence " + evidenceId + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** Copies the file of evidence {@code from} (if it has one) to the evidence row {@code to}, in the database. */
    void copy(long from, long to) {
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("INSERT INTO assessment_evidence_file"
                    + " (evidence_id, file_name, content_type, size_bytes, sha256, content)"
                    + " SELECT ?, file_name, content_type, size_bytes, sha256, content FROM assessment_evidence_file WHERE evidence_id = ?")) {
                ps.setLong(1, to);
                ps.setLong(2, from);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("copying the file of evidence " + from + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static StoredFile stored(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
    }
}
