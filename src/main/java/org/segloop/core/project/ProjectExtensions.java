package org.segloop.core.project;

import java.nio.file.Path;
import java.util.List;

import org.segloop.core.UserAction;
import org.segloop.core.queue.QueueStrategy;
import org.segloop.core.queue.Strategies;
import org.segloop.core.registry.Registry;
import org.segloop.core.uncertainty.Scorers;
import org.segloop.core.uncertainty.UncertaintyScorer;

/**
 * The scorer and queue strategy a project's settings name, found when they are used (or saved),
 * not when the settings are read: a project made with an extension whose jar is missing now still
 * opens and shows its status, and only predicting (the scorer) or serving (the strategy) stops, with
 * a message saying which extension to install.
 */
public final class ProjectExtensions {

	private ProjectExtensions() {}

	/** @throws ProjectException when the project's strategy is not installed */
	public static QueueStrategy strategy(Path project, ProjectSettings settings) {
		return Strategies.REGISTRY.find(settings.strategy()).orElseThrow(() -> notInstalled(project, Strategies.REGISTRY, settings.strategy()));
	}

	/**
	 * The strategy that serves while the project holds no correction ({@link ProjectSettings#coldStart}).
	 *
	 * @throws ProjectException when it is not installed
	 */
	public static QueueStrategy coldStartStrategy(Path project, ProjectSettings settings) {
		return Strategies.REGISTRY.find(settings.coldStart()).orElseThrow(() -> notInstalled(project, Strategies.REGISTRY, settings.coldStart()));
	}

	/**
	 * A scorer as the project's settings configure it (made anew: call once per run).
	 *
	 * @throws ProjectException when the project's scorer is not installed
	 */
	public static UncertaintyScorer scorer(Path project, ProjectSettings settings) {
		return Scorers.REGISTRY.find(settings.scorer()).orElseThrow(() -> notInstalled(project, Scorers.REGISTRY, settings.scorer()))
			.create(settings.scorerOptions());
	}

	/** Before settings are saved: both installed, and the scorer takes the options (IllegalArgumentException if not). */
	static void requireInstalled(Path project, ProjectSettings settings) {
		strategy(project, settings);
		if (settings.hasColdStart()) coldStartStrategy(project, settings);
		scorer(project, settings);
	}

	private static ProjectException notInstalled(Path project, Registry<?> registry, String name) {
		List<String> installed = registry.names();
		return new ProjectException(project, "uses the " + registry.kind() + " '" + name + "', which is not installed (installed: "
			+ String.join(", ", installed) + ")", "install the extension that provides '" + name + "' (the jar it came in), "
			+ "or create a new project with an installed " + registry.kind(), UserAction.INSTALL_EXTENSION.on(project, name),
			UserAction.CREATE_PROJECT);
	}
}
