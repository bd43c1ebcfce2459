// SegLoop toolset: buttons and keys for the annotation loop.
// Install: copy to Fiji.app/macros/toolsets/ and pick "SegLoop" from the ">>" menu of the toolbar
// (./segloop imagej installs it for you). Keys: F5 next image, F6 accept, F7 skip, F8 uncertainty,
// F9 fine-tune the model on the corrections so far. In a volume, F4 shows the next most uncertain
// slice and F3 the previous one (the keys of the Next/Previous Uncertain Slice commands themselves,
// so they work without the toolset too); the < and > buttons do the same.
// Accept interpolates a volume between the slices whose ROIs you edited; the rest keeps the proposal.
// The project folder and annotator are remembered in ImageJ's preferences.

function project() {
	p = call("ij.Prefs.get", "segloop.project", "");
	if (p == "") p = chooseProject();
	return p;
}

function annotator() {
	return call("ij.Prefs.get", "segloop.annotator", getInfo("user.name"));
}

function chooseProject() {
	p = getDirectory("Choose a SegLoop project folder");
	Dialog.create("SegLoop");
	Dialog.addString("Annotator", annotator());
	Dialog.show();
	call("ij.Prefs.set", "segloop.project", p);
	call("ij.Prefs.set", "segloop.annotator", Dialog.getString());
	return p;
}

macro "SegLoop Open Project Action Tool - C037T0d14PT8d14L" {
	p = chooseProject();
	run("Open Project...", "project=[" + p + "] annotator=[" + annotator() + "]");
}

macro "Annotate Next Action Tool - C037T3e16N" {
	run("Annotate Next", "project=[" + project() + "] annotator=[" + annotator() + "]");
}

macro "Previous Uncertain Slice Action Tool - Cf60T3e16<" {
	run("Previous Uncertain Slice");
}

macro "Next Uncertain Slice Action Tool - Cf60T3e16>" {
	run("Next Uncertain Slice");
}

macro "Accept Correction Action Tool - C070T3e16A" {
	run("Accept Correction", "interpolate next");
}

macro "Skip Action Tool - C900T3e16S" {
	run("Skip", "reason=[skipped in toolset]");
}

macro "Uncertainty Overlay Action Tool - Cf60T3e16U" {
	run("Toggle Uncertainty Overlay");
}

macro "Fine-tune Model Action Tool - C60fT3e16F" {
	run("Fine-tune Model", "project=[" + project() + "] annotator=[" + annotator() + "]");
}

macro "Fine-tune Model [F9]" {
	run("Fine-tune Model", "project=[" + project() + "] annotator=[" + annotator() + "]");
}

macro "Annotate Next [F5]" {
	run("Annotate Next", "project=[" + project() + "] annotator=[" + annotator() + "]");
}

macro "Accept Correction [F6]" {
	run("Accept Correction", "interpolate next");
}

macro "Skip [F7]" {
	run("Skip", "reason=[skipped with F7]");
}

macro "Toggle Uncertainty Overlay [F8]" {
	run("Toggle Uncertainty Overlay");
}
