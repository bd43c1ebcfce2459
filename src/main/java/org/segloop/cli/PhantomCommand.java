package org.segloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.segloop.core.SegLoopException;
import org.segloop.core.bench.CtPhantomSeries;
import org.segloop.core.util.Folders;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Generated CT phantom series (DICOM) to try the CT model on, the way the bundled samples were made:
 * series i (1-based) uses seed {@code seed + i - 1} and patient ID {@code PREFIX0i}, so the same
 * command writes the same files.
 */
@Command(name = "phantom", mixinStandardHelpOptions = true,
	description = "Write generated CT phantom series (single-frame DICOM files in Hounsfield units, 0.7×0.7×2.5 mm voxels: an organ with "
		+ "hypodense lesions) to try the CT model on; the same options give the same files. One sub-folder per series, named by patient ID.")
final class PhantomCommand implements Callable<Integer> {

	@Option(names = "--out", required = true, description = "folder to write the series into (one sub-folder each)")
	Path out;

	@Option(names = "--count", defaultValue = "4", description = "series to write (default: ${DEFAULT-VALUE})")
	int count;

	@Option(names = "--size", defaultValue = "128x128x40", converter = Size.class,
		description = "WIDTHxHEIGHTxSLICES of each series (default: ${DEFAULT-VALUE})")
	Dims size;

	/** Width, height and slices of one series. */
	record Dims(int width, int height, int slices) {}

	@Option(names = "--seed", defaultValue = "1", description = "seed of the first series; the next ones count up (default: ${DEFAULT-VALUE})")
	long seed;

	@Option(names = "--patient-prefix", defaultValue = "PHANTOM", description = "patient IDs are this plus 01, 02, … (default: ${DEFAULT-VALUE})")
	String prefix;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		if (count < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1");
		var o = spec.commandLine().getOut();
		for (int i = 1; i <= count; i++) {
			String patient = String.format("%s%02d", prefix, i);
			Path folder = out.resolve(patient);
			// never mix a new series into files someone else put there (the reader would see two series)
			if (!Folders.isAbsentOrEmpty(folder)) throw new SegLoopException(folder, "exists and is not empty",
				"give another --out folder, or delete the earlier series first");
			CtPhantomSeries.write(folder, seed + i - 1, size.width(), size.height(), size.slices(), patient);
			try (var files = Files.list(folder)) {
				o.printf("%s: seed %d, %d×%d×%d, %d files%n", folder, seed + i - 1, size.width(), size.height(), size.slices(), files.count());
			}
		}
		return Main.OK;
	}

	/** {@code 128x128x40}: width, height and slices, each at least 1. */
	static final class Size implements ITypeConverter<Dims> {
		@Override
		public Dims convert(String value) {
			String[] parts = value.trim().toLowerCase(java.util.Locale.ROOT).split("[x×]");
			if (parts.length != 3) throw new TypeConversionException("'" + value + "' is not WIDTHxHEIGHTxSLICES, e.g. 128x128x40");
			int[] s = new int[3];
			for (int i = 0; i < 3; i++) {
				try {
					s[i] = Integer.parseInt(parts[i]);
				}
				catch (NumberFormatException e) {
					throw new TypeConversionException("'" + value + "' is not WIDTHxHEIGHTxSLICES, e.g. 128x128x40");
				}
				if (s[i] < 1 || s[i] > 4096) throw new TypeConversionException("'" + value + "': each size must be 1 to 4096");
			}
			return new Dims(s[0], s[1], s[2]);
		}
	}
}
