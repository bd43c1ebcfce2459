package org.segloop.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.registry.ExtensionFailedException;
import org.segloop.core.registry.NamedExtension;
import org.segloop.core.work.Cancellation;
import org.segloop.core.work.ProgressListener;
import org.segloop.testutil.Projects;

/** An added export format that fails unexpectedly is named (class and jar) with the case it was writing, and the export leaves nothing. */
class AddedFormatContractTest {

	@TempDir
	Path dir;

	@Test
	void anAddedFormatThatThrowsOrGivesNoWriterIsNamedAndTheExportLeavesNothing() throws Exception {
		try (ProjectStore p = ProjectStore.open(Projects.predictedSamples(dir, 1), ProjectStore.Access.READ_WRITE)) {
			Projects.correctNext(p, "ana", dir);
			Path out = dir.resolve("out");

			ExtensionFailedException thrown = assertThrows(ExtensionFailedException.class, () -> export(p, out, new Scripted(true)));
			assertEquals(p.images().all().get(0).path(), thrown.file(), "the image whose case it was writing");
			assertTrue(thrown.getMessage().contains("the export format 'scripted' (" + Scripted.class.getName() + " in ")
				&& thrown.getMessage().contains(") failed writing case nuclei_01: java.lang.IllegalStateException: no room for it")
				&& thrown.getMessage().endsWith("fix or remove the extension that provides 'scripted' (the jar it came in)"), thrown.getMessage());
			assertFalse(Files.exists(out));

			ExtensionFailedException none = assertThrows(ExtensionFailedException.class, () -> export(p, out, new Scripted(false)));
			assertTrue(none.getMessage().contains("returned no writer (null)"), none.getMessage());
			assertFalse(Files.exists(out));
		}
	}

	private static void export(ProjectStore p, Path out, DatasetFormat format) {
		new DatasetExport(p).export(out, ExportSettings.of(format), ProgressListener.NONE, new Cancellation());
	}

	/** An added format (not in SegLoop's classes): a writer that throws at the first case, or no writer. */
	static final class Scripted extends NamedExtension implements DatasetFormat {

		final boolean giveWriter;

		Scripted(boolean giveWriter) {
			super("scripted", "fails as the test says");
			this.giveWriter = giveWriter;
		}

		@Override
		public DatasetWriter writer(Path folder, ExportSettings settings, List<String> labelNames, int boundaryClass) {
			return !giveWriter ? null : new DatasetWriter() {
				@Override
				public void add(ExportCase c, CaseData data) {
					throw new IllegalStateException("no room for it");
				}

				@Override
				public void finish() {}
			};
		}
	}
}
