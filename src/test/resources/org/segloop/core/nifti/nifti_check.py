#!/usr/bin/python3
"""Reads NIfTI files with nibabel (the reference reader) and prints what it sees as JSON, one object per file.

Usage: nifti_check.py FILE...  Prints {"files": [{"shape", "dtype", "affine", "sform", "sform_code", "qform",
"qform_code", "zooms", "slope", "inter", "xyzt_units", "values"}]} where values are the scaled voxel values in
x-fastest (Fortran) order, so index x + nx*(y + ny*z) matches SegLoop's.
"""
import json
import sys

import nibabel
import numpy


def describe(path):
    img = nibabel.load(path)
    hdr = img.header
    sform, sform_code = img.get_sform(coded=True)
    qform, qform_code = img.get_qform(coded=True)
    slope, inter = hdr.get_slope_inter()
    data = numpy.asanyarray(img.dataobj)  # applies scl_slope/scl_inter only when set
    return {
        "file": path,
        "shape": list(img.shape),
        "dtype": str(hdr.get_data_dtype()),
        "affine": img.affine.tolist(),
        "sform": None if sform is None else sform.tolist(),
        "sform_code": int(sform_code),
        "qform": None if qform is None else qform.tolist(),
        "qform_code": int(qform_code),
        "zooms": [float(z) for z in hdr.get_zooms()],
        "slope": None if slope is None else float(slope),
        "inter": None if inter is None else float(inter),
        "xyzt_units": list(hdr.get_xyzt_units()),
        "values": data.flatten(order="F").astype(float).tolist(),
    }


if __name__ == "__main__":
    print(json.dumps({"nibabel": nibabel.__version__, "files": [describe(p) for p in sys.argv[1:]]}))
