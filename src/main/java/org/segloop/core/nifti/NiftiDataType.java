package org.segloop.core.nifti;

import java.nio.ByteBuffer;

/** The NIfTI-1 voxel types SegLoop writes and reads (codes of nifti1.h), with how to put and get one voxel. */
public enum NiftiDataType {
	UINT8(2, 8, 0, 255),
	INT16(4, 16, Short.MIN_VALUE, Short.MAX_VALUE),
	INT32(8, 32, Integer.MIN_VALUE, Integer.MAX_VALUE),
	FLOAT32(16, 32, -Float.MAX_VALUE, Float.MAX_VALUE),
	FLOAT64(64, 64, -Double.MAX_VALUE, Double.MAX_VALUE),
	INT8(256, 8, Byte.MIN_VALUE, Byte.MAX_VALUE),
	UINT16(512, 16, 0, 65535),
	UINT32(768, 32, 0, 4294967295.0);

	/** nifti1.h's DT_ code. */
	public final int code;
	public final int bitsPerVoxel;
	private final double min;
	private final double max;

	NiftiDataType(int code, int bits, double min, double max) {
		this.code = code;
		this.bitsPerVoxel = bits;
		this.min = min;
		this.max = max;
	}

	public int bytes() {
		return bitsPerVoxel / 8;
	}

	public boolean isInteger() {
		return this != FLOAT32 && this != FLOAT64;
	}

	/** Whether every value in [lo, hi] (whole numbers for integer types) is stored exactly. */
	public boolean holds(double lo, double hi) {
		return lo >= min && hi <= max;
	}

	/** The type of a code, or null for one SegLoop does not read (complex, RGB, 64-bit integers...). */
	public static NiftiDataType of(int code) {
		for (NiftiDataType t : values()) if (t.code == code) return t;
		return null;
	}

	/** The smallest integer type that holds [lo, hi] exactly: uint8, int16, uint16, int32, uint32; null when none does. */
	public static NiftiDataType smallestInteger(double lo, double hi) {
		for (NiftiDataType t : new NiftiDataType[] { UINT8, INT16, UINT16, INT32, UINT32 }) if (t.holds(lo, hi)) return t;
		return null;
	}

	void put(ByteBuffer b, double v) {
		switch (this) {
			case UINT8, INT8 -> b.put((byte) (long) v);
			case INT16, UINT16 -> b.putShort((short) (long) v);
			case INT32, UINT32 -> b.putInt((int) (long) v);
			case FLOAT32 -> b.putFloat((float) v);
			case FLOAT64 -> b.putDouble(v);
		}
	}

	double get(ByteBuffer b, int at) {
		return switch (this) {
			case UINT8 -> b.get(at) & 0xff;
			case INT8 -> b.get(at);
			case INT16 -> b.getShort(at);
			case UINT16 -> b.getShort(at) & 0xffff;
			case INT32 -> b.getInt(at);
			case UINT32 -> b.getInt(at) & 0xffffffffL;
			case FLOAT32 -> b.getFloat(at);
			case FLOAT64 -> b.getDouble(at);
		};
	}
}
