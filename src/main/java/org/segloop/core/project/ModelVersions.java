package org.segloop.core.project;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.segloop.core.UserAction;
import org.segloop.core.model.ModelPackage;
import org.segloop.core.util.Hashing;

/**
 * The model versions a project has used: the package each came from, its weights' hash, its
 * parent (for fine-tuned versions), and which one is current. Predictions and scores are keyed to
 * a version, so a new version re-ranks the queue without losing the history.
 */
public final class ModelVersions {

	/**
	 * A model version; {@code source} is the package folder, zip or rdf.yaml. A fine-tuned version
	 * has a parent, the file of its weights in the project's file store (written into a copy of the
	 * package's ONNX graph when served), how it was trained (JSON), and its held-out Dice beside its
	 * parent's on the same held-out corrections; a package's own version has none of these.
	 */
	public record ModelVersion(long id, String name, String sha256, Path source, Long parentId, long createdAt, String weightsFile,
		String training, Double heldOutDice, Double parentHeldOutDice)
	{

		public boolean isFineTuned() {
			return weightsFile != null;
		}

		/** How many corrections the version was fine-tuned on (0 for a package's own). */
		public int trainedOn() {
			return training == null ? 0
				: com.google.gson.JsonParser.parseString(training).getAsJsonObject().getAsJsonArray("corrections").size();
		}
	}

	/** A fine-tuned version to record; {@code weightsFile} is already in the file store. */
	public record FineTuned(String name, String weightsFile, String trainingJson, double heldOutDice, double parentHeldOutDice) {}

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

	/**
	 * Records a fine-tuned child of a version, optionally making it current. The weights file must
	 * already be in the file store (written before the row, like every project file).
	 */
	public ModelVersion addFineTuned(ModelVersion parent, FineTuned v, boolean makeCurrent) {
		store.requireWritable();
		String sha = v.weightsFile().substring(v.weightsFile().indexOf('/') + 1, v.weightsFile().indexOf('.'));
		try {
			return store.inTransaction(() -> {
				long id;
				try (PreparedStatement p = store.connection().prepareStatement("""
					INSERT INTO models(name, sha256, source, parent_id, created_at, weights_file, training, held_out_dice, parent_held_out_dice)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", PreparedStatement.RETURN_GENERATED_KEYS))
				{
					p.setString(1, v.name());
					p.setString(2, sha);
					p.setString(3, parent.source().toString());
					p.setLong(4, parent.id());
					p.setLong(5, System.currentTimeMillis());
					p.setString(6, v.weightsFile());
					p.setString(7, v.trainingJson());
					p.setObject(8, Sql.finiteOrNull(v.heldOutDice()));
					p.setObject(9, Sql.finiteOrNull(v.parentHeldOutDice()));
					p.executeUpdate();
					try (ResultSet k = p.getGeneratedKeys()) {
						k.next();
						id = k.getLong(1);
					}
				}
				if (makeCurrent) store.putMeta("current_model", Long.toString(id));
				store.journal("segloop", JournalEvent.FINE_TUNED, null, null, "model " + id + " from " + parent.id() + (makeCurrent ? ", now current" : ""));
				return byId(id).orElseThrow();
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot record the fine-tuned version", e);
		}
	}

	/** Makes a recorded version current (e.g. to go back to a parent). */
	public ModelVersion makeCurrent(long id) {
		store.requireWritable();
		ModelVersion v = byId(id).orElseThrow(() -> new ProjectException(store.folder(), "has no model version " + id, "list the project's model versions",
			UserAction.LIST_VERSIONS.on(store.folder())));
		try {
			store.inTransaction(() -> {
				store.putMeta("current_model", Long.toString(id));
				store.journal("segloop", JournalEvent.MODEL_MADE_CURRENT, null, null, "model " + id);
				return null;
			});
		}
		catch (SQLException e) {
			throw store.failure("cannot change the current model", e);
		}
		return v;
	}

	/** The package version a (possibly fine-tuned) version descends from. */
	public ModelVersion root(ModelVersion v) {
		ModelVersion r = v;
		for (int guard = 0; r.parentId() != null && guard < 100_000; guard++) r = byId(r.parentId()).orElseThrow();
		return r;
	}

	/** The current version. */
	public ModelVersion current() {
		String id = store.meta("current_model");
		if (id == null) throw new ProjectException(store.folder(), "has no model yet", "create the project with a model package",
			UserAction.CREATE_PROJECT.on(store.folder()));
		return byId(Long.parseLong(id)).orElseThrow();
	}

	public List<ModelVersion> all() {
		return query("SELECT * FROM models ORDER BY id", null);
	}

	public Optional<ModelVersion> byId(long id) {
		return query("SELECT * FROM models WHERE id = ?", id).stream().findFirst();
	}

	void collectFileNames(java.util.Set<String> names) throws SQLException {
		try (java.sql.Statement s = store.connection().createStatement();
			ResultSet r = s.executeQuery("SELECT weights_file FROM models WHERE weights_file IS NOT NULL"))
		{
			while (r.next()) names.add(r.getString(1));
		}
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
					Long parentId = r.wasNull() ? null : parent;
					out.add(new ModelVersion(r.getLong("id"), r.getString("name"), r.getString("sha256"), Path.of(r.getString("source")),
						parentId, r.getLong("created_at"), r.getString("weights_file"), r.getString("training"), (Double) r.getObject("held_out_dice"),
						(Double) r.getObject("parent_held_out_dice")));
				}
			}
		}
		catch (SQLException e) {
			throw store.failure("cannot read the model versions", e);
		}
		return out;
	}
}
