package org.segloop.fiji;

import java.io.File;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.segloop.core.image.ImageReader;
import org.segloop.core.inference.RuntimeOptions;
import org.segloop.core.inference.SegmentOptions;
import org.segloop.core.inference.SegmentationResult;
import org.segloop.core.inference.SegmentationTool;
import org.segloop.core.model.ModelPackage;

/**
 * Segments any open image with a model package, no project needed. Macro:
 * {@code run("Segment Image...", "model=[/path/to/models/nuclei-unet2d] tile=512");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>SegLoop>Segment Image...", headless = true)
public class SegmentImageCommand implements Command {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Model package (folder, .zip or rdf.yaml)", style = "both")
	private File model;

	@Parameter(label = "Preferred tile size", min = "16", max = "4096")
	private int tile = 512;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus classes;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	private ImagePlus instances;

	@Override
	public void run() {
		try (SegmentationTool tool = new SegmentationTool(ModelPackage.open(model.toPath()), RuntimeOptions.defaults(),
			SegmentOptions.defaults().withTileSize(tile)))
		{
			SegmentationResult result = tool.segment(ImageReader.fromImagePlus(image, null));
			classes = ResultImages.classes(result);
			instances = ResultImages.instances(result);
		}
	}
}
