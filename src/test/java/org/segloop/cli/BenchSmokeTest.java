package org.segloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segloop.testutil.Fixtures;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every {@code bench} case runs, at tiny sizes, through the command line as a user starts it —
 * with a relative {@code --out}, as {@code ./segloop bench finetune} is typically run — and a case
 * that fails reports its error without losing the other cases' figures.
 */
class BenchSmokeTest {

	@TempDir
	Path dir;

	/** The temporary folder as a relative path from the working folder: the form the registry does not store. */
	private String relativeOut() {
		return Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath()).resolve("bench").toString();
	}

	private JsonObject bench(int expectedExit, String... args) {
		List<Object> a = new ArrayList<>(List.of("bench", "--json", "--model", Fixtures.BUNDLED_MODEL, "--out", relativeOut(), "--repeats", "1"));
		a.addAll(List.of(args));
		CliTest.Run r = CliTest.cli(a.toArray());
		assertEquals(expectedExit, r.code(), r.err() + r.out());
		return JsonParser.parseString(r.out()).getAsJsonObject();
	}

	private static void assertFigures(JsonObject results, String c, String figure) {
		JsonObject r = results.getAsJsonObject(c);
		assertFalse(r.has("error"), c + ": " + r);
		assertTrue(r.has(figure), c + " reports " + figure + ": " + r);
	}

	@Test
	void overhead() {
		assertFigures(bench(0, "--cases", "overhead", "--size", "96"), "overhead", "overheadRatio");
	}

	@Test
	void largeInAChildJvm() {
		assertFigures(bench(0, "--cases", "large", "--large-size", "160", "--large-heap", "512m"), "large", "peakRssMB");
	}

	@Test
	void deidentification() {
		JsonObject r = bench(0, "--cases", "deid", "--deid-files", "12", "--deid-size", "32");
		assertFigures(r, "deid", "filesPerSecond");
		assertEquals(12, r.getAsJsonObject("deid").get("copies").getAsInt());
	}

	@Test
	void volumeThroughTheBundled3dModelInAChildJvm() {
		JsonObject r = bench(0, "--cases", "volume", "--volume-size", "48x40x12", "--volume-repeats", "1", "--volume-heap", "512m");
		assertFigures(r, "volume", "overheadRatio");
		JsonObject v = r.getAsJsonObject("volume");
		assertTrue(v.get("peakHeapUsedMB").getAsDouble() > 0, v.toString());
		assertTrue(v.get("tiles").getAsDouble() >= 1, v.toString());
	}

	@Test
	void activeLearningIn3dWithAndWithoutAColdStart() {
		JsonObject r = bench(0, "--cases", "al3d", "--al3d-pool", "3", "--al3d-test", "1", "--al3d-size", "48x48x8", "--al3d-rounds", "1",
			"--al3d-per-round", "1", "--al3d-arms", "uncertainty,uncertainty+diverse");
		JsonObject al = r.getAsJsonObject("al3d");
		assertFalse(al.has("error"), al.toString());
		for (String arm : List.of("uncertainty", "uncertainty+diverse")) {
			var curve = al.getAsJsonObject(arm).getAsJsonArray("curve");
			assertEquals(2, curve.size(), "the start and one round: " + curve);
			double edited = curve.get(1).getAsJsonObject().get("slices_edited_per_volume").getAsDouble();
			assertTrue(edited >= 0 && edited <= 8, "slices edited of an 8-slice volume: " + edited);
		}
	}

	@Test
	void anUnknownColdStartInAnArmIsWrongUsage() {
		CliTest.Run r = CliTest.cli("bench", "al3d", "--al3d-arms", "uncertainty+typical");
		assertEquals(2, r.code(), r.err());
		assertTrue(r.err().contains("diverse"), r.err());
	}

	@Test
	void stack() {
		assertFigures(bench(0, "--cases", "stack", "--slices", "2", "--stack-size", "64"), "stack", "megapixelsPerSecond");
	}

	@Test
	void keySlices() {
		JsonObject r = bench(0, "--cases", "keyslices", "--keyslice-size", "64", "--keyslice-slices", "40", "--keyslice-step", "4");
		assertFigures(r, "keyslices", "seconds");
		assertTrue(r.getAsJsonObject("keyslices").get("interpolatedSlices").getAsInt() > 0, r.toString());
	}

	@Test
	void queue() {
		JsonObject r = bench(0, "--cases", "queue", "--queue-sizes", "40", "--serves", "3");
		assertFalse(r.getAsJsonObject("queue").has("error"), r.toString());
		assertTrue(r.getAsJsonObject("queue").getAsJsonObject("40").has("next_hybrid"), r.toString());
	}

	@Test
	void testTimeAugmentation() {
		assertFigures(bench(0, "--cases", "tta", "--tta-size", "64"), "tta", "baldRelativeToOnePass");
	}

	@Test
	void fineTuneWithARelativeOutFolder() {
		JsonObject r = bench(0, "finetune", "--finetune-images", "4", "--finetune-size", "64", "--epochs", "1");
		assertFigures(r, "finetune", "held-out Dice");
		assertEquals("3 / 1", r.getAsJsonObject("finetune").get("train / held-out images").getAsString());
	}

	@Test
	void fineTuning3dOnSmallPhantomVolumes() {
		JsonObject r = bench(0, "finetune3d", "--finetune3d-volumes", "4", "--finetune3d-size", "32", "--finetune3d-depth", "8", "--crop", "32",
			"--crop-depth", "8", "--epochs", "1");
		assertFigures(r, "finetune3d", "peakHeapMB");
		JsonObject f = r.getAsJsonObject("finetune3d");
		assertEquals("3 / 1", f.get("train / held-out volumes").getAsString());
		assertEquals("8×32×32", f.get("crop (settings)").getAsString());
		assertTrue(f.has("finetune seconds (loading corrections + training + saving)") && f.has("version recorded"), f.toString());
	}

	@Test
	void activeLearningWithARelativeOutFolder() {
		JsonObject r = bench(0, "al", "--al-pool", "6", "--al-test", "2", "--al-size", "64", "--al-rounds", "1", "--al-seeds", "1",
			"--al-strategies", "random", "--epochs", "1");
		JsonObject al = r.getAsJsonObject("al");
		assertFalse(al.has("error"), al.toString());
		assertEquals(2, al.getAsJsonObject("random").getAsJsonArray("curve").size(), "the start and one round: " + al);
		assertTrue(dir.resolve("bench/al/al.png").toFile().isFile());
	}

	@Test
	void aFailingCaseReportsItsErrorAndTheOtherCasesKeepTheirFigures() {
		CliTest.Run r = CliTest.cli("bench", "--json", "--model", dir.resolve("no-such-model"), "--out", relativeOut(), "--repeats", "1",
			"--cases", "overhead,queue", "--size", "96", "--queue-sizes", "40", "--serves", "2");
		assertEquals(1, r.code(), r.err());
		JsonObject results = JsonParser.parseString(r.out()).getAsJsonObject();
		assertTrue(results.getAsJsonObject("overhead").get("error").getAsString().contains("no-such-model"), r.out());
		assertTrue(results.getAsJsonObject("queue").getAsJsonObject("40").has("next_uncertainty"), r.out());
		assertTrue(r.err().contains("overhead") && !r.err().contains("internal error"), r.err());
	}

	@Test
	void theDicomCaseLoadsTheSeriesAndTheTiffStackWithTheSameValues() {
		JsonObject r = bench(0, "dicom", "--dicom-size", "64", "--dicom-slices", "12", "--dicom-repeats", "1", "--dicom-heap", "256m");
		assertFigures(r, "dicom", "dicomSeries");
		JsonObject dicom = r.getAsJsonObject("dicom").getAsJsonObject("dicomSeries"), tiff = r.getAsJsonObject("dicom").getAsJsonObject("tiffStack");
		for (JsonObject way : List.of(dicom, tiff)) assertTrue(way.has("seconds") && way.has("peakHeapMB"), way.toString());
		assertTrue(dicom.has("scanSeconds") && dicom.has("readSeconds"), dicom.toString());
		assertEquals(tiff.get("lastSliceCentre").getAsDouble(), dicom.get("lastSliceCentre").getAsDouble(), 0, "the same volume either way, slices in order");
	}
}
