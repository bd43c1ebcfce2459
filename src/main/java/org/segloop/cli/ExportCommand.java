package org.segloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segloop.core.export.DatasetExport;
import org.segloop.core.export.ExportFormats;
import org.segloop.core.export.ExportSettings;
import org.segloop.core.export.SplitPlan;
import org.segloop.core.project.ProjectStore;
import org.segloop.core.work.Cancellation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
	description = "Write the corrected images as a training dataset (reads the project only; the folder appears when complete).")
final class ExportCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "PROJECT")
	Path project;

	@Option(names = "--format", required = true, completionCandidates = Names.ExportFormats.class, converter = Names.ExportFormats.class,
		description = "dataset format: ${COMPLETION-CANDIDATES} (described below)")
	String format;

	@Option(names = "--out", required = true, description = "new folder to write (for nnU-Net e.g. nnUNet_raw/Dataset501_Nuclei)")
	Path out;

	@Option(names = "--split", defaultValue = "0.7,0.15,0.15", converter = Names.SplitFractions.class,
		description = "train,validation[,test] fractions that add up to 1 (default: ${DEFAULT-VALUE})")
	String split;

	@Option(names = "--seed", defaultValue = "42", description = "seed of the split (default: ${DEFAULT-VALUE})")
	long seed;

	@Option(names = "--name", defaultValue = "SegLoop", description = "dataset name in dataset.json (default: ${DEFAULT-VALUE})")
	String name;

	@Option(names = "--channel-names", split = ",", description = "nnU-Net channel names, e.g. CT or DAPI,GFP (default: channel_0, …)")
	List<String> channelNames = new ArrayList<>();

	@Option(names = "--json", description = "print JSON")
	boolean json;

	@Option(names = "--quiet", description = "no progress bar")
	boolean quiet;

	@Override
	public Integer call() {
		ExportSettings settings = new ExportSettings(ExportFormats.byName(format), SplitPlan.parse(split, seed), name, channelNames);
		Cancellation cancel = new Cancellation();
		try (InterruptHandler onCtrlC = InterruptHandler.install(cancel);
			ProjectStore p = ProjectStore.open(project, ProjectStore.Access.READ_ONLY))
		{
			ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), quiet || json, "images");
			DatasetExport.Report r = new DatasetExport(p).export(out, settings, progress, cancel);
			var o = spec.commandLine().getOut();
			if (json) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("folder", r.folder().toAbsolutePath().toString());
				m.put("cases", r.cases());
				m.put("subsets", r.perSubset());
				m.put("seconds", r.seconds());
				m.put("notes", r.notes());
				o.println(Json.GSON.toJson(m));
			}
			else o.printf("exported %d corrected image(s) as %s to %s (%s) in %.1f s%n", r.cases(), format, r.folder(), r.perSubset(), r.seconds());
			if (!json) r.notes().forEach(n -> o.println("note: " + n));
		}
		return Main.OK;
	}
}
