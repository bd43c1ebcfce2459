// Segments every image of a folder with a model package and saves the class mask and the
// instance labels next to a copy of nothing else: NAME_classes.tif, NAME_instances.tif in OUT.
// Run headless:  ImageJ-linux64 --headless -macro segment_folder.ijm "in=/data/cells out=/data/seg model=/models/nuclei-unet2d"
// (from the command line without Fiji: ./segloop segment MODEL IN --out OUT does the same, faster).

args = getArgument();
input = argument(args, "in", "");
output = argument(args, "out", "");
model = argument(args, "model", "");
if (input == "") input = getDirectory("Images to segment");
if (output == "") output = getDirectory("Where to save the masks");
if (model == "") model = getDirectory("Model package folder");

setBatchMode(true);
files = getFileList(input);
for (i = 0; i < files.length; i++) {
	name = files[i];
	if (!(endsWith(name, ".tif") || endsWith(name, ".png") || endsWith(name, ".jpg") || endsWith(name, ".dcm"))) continue;
	open(input + File.separator + name);
	source = getTitle();
	run("Segment Image...", "model=[" + model + "] tile=512");
	base = File.getNameWithoutExtension(name);
	for (w = nImages; w >= 1; w--) {
		selectImage(w);
		t = getTitle();
		if (endsWith(t, "_classes")) saveAs("Tiff", output + File.separator + base + "_classes.tif");
		if (endsWith(t, "_instances")) saveAs("Tiff", output + File.separator + base + "_instances.tif");
	}
	close("*");
	print("segmented " + name);
}
setBatchMode(false);

// "key=value key2=[value with spaces]" → value
function argument(text, key, fallback) {
	i = indexOf(" " + text, " " + key + "=");
	if (i < 0) return fallback;
	v = substring(text, i + lengthOf(key) + 1);
	if (startsWith(v, "[")) return substring(v, 1, indexOf(v, "]"));
	j = indexOf(v, " ");
	if (j >= 0) v = substring(v, 0, j);
	return v;
}
