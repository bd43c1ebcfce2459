// A scripted correction session: takes every image of a project's queue in turn, applies a
// curation rule to the proposal (here: objects smaller than MIN pixels are deleted), and
// accepts. A person would correct by hand between "Annotate Next" and "Accept Correction";
// the rest of the session is the same.
// With finetune=N (N > 0) the model is fine-tuned after every N accepted images and the queue is
// re-ranked with the new version: the automatic loop.
// Argument: "project=/data/p1 annotator=ana min=30 finetune=10"

args = getArgument();
project = argument(args, "project", "");
annotator = argument(args, "annotator", "macro");
minPixels = parseInt(argument(args, "min", "30"));
finetuneEvery = parseInt(argument(args, "finetune", "0"));
if (project == "") project = getDirectory("SegLoop project");

done = 0;
while (true) {
	run("Annotate Next", "project=[" + project + "] annotator=[" + annotator + "]");
	if (nImages == 0) break; // the queue is done
	title = getTitle();
	deleted = 0;
	for (r = roiManager("count") - 1; r >= 0; r--) {
		roiManager("select", r);
		Roi.getContainedPoints(xs, ys);
		if (xs.length < minPixels) {
			roiManager("delete");
			deleted++;
		}
	}
	run("Select None");
	run("Accept Correction", " "); // " ": 'next' unticked; the accepted image closes
	print(title + ": " + deleted + " small objects removed");
	done++;
	if (finetuneEvery > 0) // trains only when finetuneEvery new corrections are in; otherwise returns at once
		run("Fine-tune Model", "project=[" + project + "] annotator=[" + annotator + "] every=" + finetuneEvery);
}
print("corrected " + done + " image(s)");

function argument(text, key, fallback) {
	i = indexOf(" " + text, " " + key + "=");
	if (i < 0) return fallback;
	v = substring(text, i + lengthOf(key) + 1);
	if (startsWith(v, "[")) return substring(v, 1, indexOf(v, "]"));
	j = indexOf(v, " ");
	if (j >= 0) v = substring(v, 0, j);
	return v;
}
