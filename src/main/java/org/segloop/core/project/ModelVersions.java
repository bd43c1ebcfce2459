package org.segloop.core.project;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.segloop.core.model.ModelPackage;
import org.segloop.core.util.Hashing;

/**
 * The model versions a project has used: the package each came from, its weights' hash, its
 * parent (for fine-tuned versions), and which one is current. Predictions and scores are keyed to
 * a version, so a new version re-ranks the queue without losing the history.
 */
public final class ModelVersions {

	/** A model version; {@code source} is the package folder, zip or rdf.yaml. */
	public record ModelVersion(long id, String name, String sha256, Path source, Long parentId, long createdAt) {}

	private final ProjectStore store;

	ModelVersions(ProjectStore store) {
		this.store = store;
	}

	/**
	 * Registers a package as a version (once per weights hash) and makes it current.
	 *
	 * @return the version
	 */
	public ModelVersion useModel(ModelPackage pkg, Path source) {
		store.requireWritable();
		String sha = Hashing.sha256(pkg.onnxFile());
		try {
			return store.inTransaction(() -> {
				Optional<ModelVersion> known = bySha(sha);
				long id;
				if (known.isPresent()) id = known.get().id();
				else try (PreparedStatement p = store.connection().prepareStatement(
					"INSERT INTO models(name, sha256, source, parent_id, created_at) VALUES (?, ?, ?, NULL, ?)",
					PreparedStatement.RETURN_GENERATED_KEYS))
				{
					p.setString(1, pkg.name());
					p.setString(2, sha);
					p.setString(3, source.toAbsolutePath().normalize().toString());
					p.setLong(4, System.currentTimeMillis());
					p.executeUpdate();
					try (ResultSet k = p.getGeneratedKeys()) {
						k.next();
						id = k.getLong(1);
					}
				}
				store.putMeta("current_model", Long.toString(id));
				return byId(id).orElseThrow();
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot register the model", e);
		}
	}

	/** The current version. */
	public ModelVersion current() {
		String id = store.meta("current_model");
		if (id == null) throw new ProjectException(store.folder(), "has no model yet", "run 'segloop init' with --model, or 'segloop model use'");
		return byId(Long.parseLong(id)).orElseThrow();
	}

	public List<ModelVersion> all() {
		return query("SELECT * FROM models ORDER BY id", null);
	}

	public Optional<ModelVersion> byId(long id) {
		return query("SELECT * FROM models WHERE id = ?", id).stream().findFirst();
	}

	private Optional<ModelVersion> bySha(String sha) {
		return query("SELECT * FROM models WHERE sha256 = ?", sha).stream().findFirst();
	}

	private List<ModelVersion> query(String sql, Object arg) {
		List<ModelVersion> out = new ArrayList<>();
		try (PreparedStatement p = store.connection().prepareStatement(sql)) {
			if (arg != null) p.setObject(1, arg);
			try (ResultSet r = p.executeQuery()) {
				while (r.next()) {
					long parent = r.getLong("parent_id");
					out.add(new ModelVersion(r.getLong("id"), r.getString("name"), r.getString("sha256"), Path.of(r.getString("source")),
						r.wasNull() ? null : parent, r.getLong("created_at")));
				}
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the model versions", e);
		}
		return out;
	}
}
