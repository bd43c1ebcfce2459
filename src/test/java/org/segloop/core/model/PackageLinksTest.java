package org.segloop.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;
import org.segloop.testutil.IsolatedCache;
import org.segloop.testutil.TestModels;

/**
 * A package is read only from regular files whose real location is inside the package: symbolic
 * links (to a file or to a folder on the way) that lead outside are refused, and named pipes are
 * refused before anything opens them (opening one for reading waits for a writer for ever).
 * Declared hashes do not help here: whoever links to a system file knows its hash.
 */
@ExtendWith(IsolatedCache.class)
class PackageLinksTest {

	private static final Duration BOUND = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	@Test
	void aModelOnnxLinkedToAFileOutsideThePackageIsRefused() throws IOException {
		Path pkg = Fixtures.copyBundledModel(dir.resolve("pkg"));
		Path outside = Files.copy(pkg.resolve("model.onnx"), dir.resolve("elsewhere.onnx"));
		Files.delete(pkg.resolve("model.onnx"));
		Files.createSymbolicLink(pkg.resolve("model.onnx"), outside);
		ModelPackageException e = refused(pkg, "outside the package");
		assertEquals(pkg.resolve("model.onnx"), e.file());
	}

	@Test
	void aFolderInsideThePackageLinkedToAFolderOutsideIsRefused() throws IOException {
		// the TorchScript twin would have been read from wherever the link leads
		Path pkg = Fixtures.copyBundledModel(dir.resolve("pkg"));
		Path system = Files.createDirectories(dir.resolve("system-lib"));
		Files.move(pkg.resolve("model.pt"), system.resolve("model.pt"));
		Files.createSymbolicLink(pkg.resolve("weights"), system);
		Fixtures.editRdf(pkg, "source: model.pt", "source: weights/model.pt");
		refused(pkg, "outside the package");
	}

	@Test
	void aTestTensorLinkedOutsideIsRefused() throws IOException {
		Path pkg = Fixtures.copyBundledModel(dir.resolve("pkg"));
		Path outside = Files.move(pkg.resolve("test_input.npy"), dir.resolve("test_input.npy"));
		Files.createSymbolicLink(pkg.resolve("test_input.npy"), outside);
		refused(pkg, "outside the package");
	}

	@Test
	void linksThatStayInsideThePackageAreFollowed() throws IOException {
		Path pkg = Fixtures.copyBundledModel(dir.resolve("pkg"));
		Path versions = Files.createDirectories(pkg.resolve("versions"));
		Files.move(pkg.resolve("model.pt"), versions.resolve("model.pt"));
		Files.createSymbolicLink(pkg.resolve("model.pt"), Path.of("versions", "model.pt"));
		Path linkedPackage = Files.createSymbolicLink(dir.resolve("linked-pkg"), pkg); // the package folder itself may be a link
		assertEquals(Fixtures.bundledModel().name(), ModelPackage.open(linkedPackage).name());
	}

	@Test
	void externalDataLinkedOutsideTheModelFolderIsRefused() throws IOException {
		Path onnx = TestModels.externalData(dir.resolve("ext/model.onnx"), "weights.bin");
		Files.write(dir.resolve("secret.bin"), new byte[4]);
		Files.createSymbolicLink(dir.resolve("ext/weights.bin"), dir.resolve("secret.bin"));
		ModelPackageException e = assertThrows(ModelPackageException.class, () -> OnnxFileScanner.checkExternalData(onnx, OnnxFileScanner.scan(onnx)));
		assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
		assertTrue(e.getMessage().contains("weights.bin"), e.getMessage());
	}

	@Test
	void anRdfYamlThatIsANamedPipeIsRefusedWithoutWaitingOnIt() throws IOException {
		Path pkg = Fixtures.copyBundledModel(dir.resolve("pkg"));
		Files.delete(pkg.resolve("rdf.yaml"));
		mkfifo(pkg.resolve("rdf.yaml"));
		ModelPackageException e = refused(pkg, "not a regular file");
		assertEquals(pkg.resolve("rdf.yaml"), e.file());
		ModelPackageException direct = withinBound(() -> ModelPackage.open(pkg.resolve("rdf.yaml")));
		assertTrue(direct.getMessage().contains("not a regular file"), direct.getMessage());
	}

	@Test
	void aZipThatIsANamedPipeIsRefusedWithoutWaitingOnIt() throws IOException {
		Path zip = mkfifo(dir.resolve("model.zip"));
		ModelPackageException e = withinBound(() -> ModelPackage.open(zip));
		assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
	}

	@Test
	void anOnnxFileOrExternalDataThatIsANamedPipeIsRefusedWithoutWaitingOnIt() throws IOException {
		Path pkg = Fixtures.copyBundledModel(dir.resolve("pkg"));
		Files.delete(pkg.resolve("model.onnx"));
		mkfifo(pkg.resolve("model.onnx"));
		refused(pkg, "not a regular file");

		Path fifo = mkfifo(dir.resolve("bare.onnx")); // 'segloop model init' scans a bare ONNX file first
		ModelPackageException scan = withinBound(() -> OnnxFileScanner.scan(fifo));
		assertTrue(scan.getMessage().contains("not a regular file"), scan.getMessage());

		Path onnx = TestModels.externalData(dir.resolve("ext/model.onnx"), "weights.bin");
		mkfifo(dir.resolve("ext/weights.bin"));
		ModelPackageException ext = withinBound(() -> OnnxFileScanner.checkExternalData(onnx, OnnxFileScanner.scan(onnx)));
		assertTrue(ext.getMessage().contains("not a regular file"), ext.getMessage());
	}

	private ModelPackageException refused(Path pkg, String fragment) {
		ModelPackageException e = withinBound(() -> ModelPackage.open(pkg));
		assertTrue(e.getMessage().contains(fragment), e.getMessage());
		assertTrue(!e.fix().isBlank());
		return e;
	}

	private static ModelPackageException withinBound(Executable open) {
		return assertTimeoutPreemptively(BOUND, () -> assertThrows(ModelPackageException.class, open));
	}

	private static Path mkfifo(Path path) throws IOException {
		try {
			Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
			assertEquals(0, p.waitFor(), "mkfifo " + path);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
		return path;
	}
}
