#!/usr/bin/env python3
"""Recipe for SegLoop's bundled CT model: a small 3D U-Net (background / organ / lesion).

Run with Debian's interpreter so the packaged torch and onnx are used:
    /usr/bin/python3 models/ct-organ-unet3d/train.py [--steps N] [--out DIR]

It trains on generated CT-like phantoms in Hounsfield units (HU): air, a body outline with a fat
layer and soft tissue, lung bases, spine and ribs, one organ of variable shape and position, and
0-4 hypodense lesions inside it, with partial-volume blur and noise, on an anisotropic grid
(voxel-relative anatomy; the voxels stand for 0.7 x 0.7 x 2.5 mm, so a round lesion spans fewer
slices than pixels). SegLoop's Java generator (org.segloop.core.bench.CtPhantom) draws the same
phantoms for the sample series, the tests and the benchmarks; keep the two in step.

Everything is seeded; on the same torch build the weights are reproducible. It writes, next to
this file: model.onnx (opset 13, dynamic batch/Z/Y/X, raw logits), model.pt (scripted TorchScript
twin whose parameter names and shapes equal the ONNX initializers one to one), test tensors,
rdf.yaml and the measured held-out Dice per class in metrics.json.

No BatchNorm, on purpose: running statistics do not survive the ONNX export as named
initializers, and fine-tuning (SegLoop pushes TorchScript weights into ONNX Runtime by
initializer name) needs every tensor to map 1:1. The first pooling is in-plane only (1, 2, 2)
because slices are 3.6x thicker than pixels are wide; the second pools all three axes.
"""
import argparse
import hashlib
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261202
BASE = 8
SPACING = (2.5, 0.7, 0.7)  # z, y, x in mm
WINDOW = (40.0, 400.0)  # HU centre, width: what the model sees (clipped), see rdf.yaml
CLASSES = ("background", "organ", "lesion")


# ----------------------------------------------------------------------------- network

def double_conv(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv3d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv3d(cout, cout, 3, padding=1), nn.ReLU(inplace=True))


class UNet3d(nn.Module):
    """Three-level 3D U-Net; Z must be a multiple of 2, Y and X multiples of 4."""

    def __init__(self, base: int = BASE, classes: int = 3):
        super().__init__()
        self.enc1 = double_conv(1, base)
        self.enc2 = double_conv(base, 2 * base)
        self.bottom = double_conv(2 * base, 4 * base)
        self.up2 = nn.ConvTranspose3d(4 * base, 2 * base, 2, stride=2)
        self.dec2 = double_conv(4 * base, 2 * base)
        self.up1 = nn.ConvTranspose3d(2 * base, base, (1, 2, 2), stride=(1, 2, 2))
        self.dec1 = double_conv(2 * base, base)
        self.head = nn.Conv3d(base, classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool3d(e1, (1, 2, 2)))
        b = self.bottom(F.max_pool3d(e2, 2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        return self.head(d1)


def flops_per_voxel(model: nn.Module, shape=(16, 64, 64)) -> int:
    """Multiply-adds x 2 of all convolutions per input voxel (for benchmarks)."""
    macs = [0]

    def hook(module, inputs, output):
        k = module.weight.shape  # conv: [out, in, kz, ky, kx]; transposed: [in, out, kz, ky, kx]
        if isinstance(module, nn.Conv3d):
            per_output = k[1] * k[2] * k[3] * k[4]
        else:
            per_output = k[0] * k[2] * k[3] * k[4] / (module.stride[0] * module.stride[1] * module.stride[2])
        macs[0] += per_output * output.numel()

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv3d, nn.ConvTranspose3d))]
    with torch.no_grad():
        model(torch.zeros(1, 1, *shape))
    for h in handles:
        h.remove()
    return int(round(2 * macs[0] / np.prod(shape)))


# ----------------------------------------------------------------------------- phantoms

def blur(vol: np.ndarray, sigmas) -> np.ndarray:
    """Separable Gaussian blur with reflected edges, sigma per axis in voxels (0 = none)."""
    out = vol.astype(np.float32)
    for axis, sigma in enumerate(sigmas):
        if sigma <= 0:
            continue
        radius = max(1, int(math.ceil(3 * sigma)))
        k = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2).astype(np.float32)
        k /= k.sum()
        pad = [(0, 0)] * out.ndim
        pad[axis] = (radius, radius)
        padded = np.pad(out, pad, mode="reflect")
        acc = np.zeros_like(out)
        for i, w in enumerate(k):
            sl = [slice(None)] * out.ndim
            sl[axis] = slice(i, i + out.shape[axis])
            acc += w * padded[tuple(sl)]
        out = acc
    return out


def phantom(rng: np.random.Generator, depth: int, height: int, width: int):
    """One CT-like volume. Returns (int16 HU [z, y, x], uint8 classes, int32 lesion instances)."""
    z = (np.arange(depth, dtype=np.float32)[:, None, None] + 0.5) / depth
    v = (np.arange(height, dtype=np.float32)[None, :, None] + 0.5) / height
    u = (np.arange(width, dtype=np.float32)[None, None, :] + 0.5) / width

    cx, cy = 0.5 + rng.uniform(-0.03, 0.03), 0.5 + rng.uniform(-0.03, 0.03)
    ax, ay = rng.uniform(0.38, 0.46), rng.uniform(0.28, 0.36)
    swell = 1 + 0.05 * np.sin(2 * math.pi * z + rng.uniform(0, 2 * math.pi))
    body_r = ((u - cx) / (ax * swell)) ** 2 + ((v - cy) / (ay * swell)) ** 2
    body = body_r <= 1
    inner = body_r <= 0.88 ** 2
    soft = rng.uniform(30, 50)
    hu = np.full((depth, height, width), -1000, np.float32)
    hu[body] = rng.uniform(-110, -90)  # fat
    hu[inner] = soft

    # lung bases: two ellipsoids that end within the upper slices
    lung_top = rng.uniform(0.2, 0.45)
    for side in (-1, 1):
        lx, ly = cx + side * ax * 0.45, cy - ay * 0.15
        lr = ((u - lx) / (ax * 0.32)) ** 2 + ((v - ly) / (ay * 0.5)) ** 2 + (z / lung_top) ** 2
        hu[(lr <= 1) & inner] = rng.uniform(-870, -820)

    # spine (cortical ring, cancellous inside) and ribs
    sx, sy, sr = cx, cy + ay * 0.62, 0.05
    spine_r = np.sqrt((u - sx) ** 2 + (v - sy) ** 2 + 0 * z)
    hu[spine_r <= sr] = 700
    hu[spine_r <= sr * 0.7] = 230
    for k in range(10):
        angle = math.pi * (0.15 + 0.7 * k / 9) + (math.pi if k >= 5 else 0) + rng.uniform(-0.05, 0.05)
        rx, ry = cx + 0.92 * ax * math.cos(angle), cy + 0.92 * ay * math.sin(angle)
        hu[(np.sqrt((u - rx) ** 2 + (v - ry) ** 2 + 0 * z) <= 0.012) & body] = 600

    # the organ: a deformed ellipsoid on one side of the abdomen
    ox, oy, oz = cx - 0.12 + rng.uniform(-0.06, 0.06), cy + rng.uniform(-0.08, 0.04), rng.uniform(0.4, 0.6)
    oa, ob, oc = rng.uniform(0.12, 0.18), rng.uniform(0.10, 0.15), rng.uniform(0.22, 0.35)
    du, dv, dz = (u - ox) / oa, (v - oy) / ob, (z - oz) / oc
    theta = np.arctan2(dv, du)
    k1, k2 = int(rng.integers(2, 4)), int(rng.integers(3, 6))
    wobble = (1 + 0.12 * np.sin(k1 * theta + rng.uniform(0, 6.3)) + 0.07 * np.sin(k2 * theta + 3 * dz + rng.uniform(0, 6.3)))
    organ = (du ** 2 + dv ** 2 + dz ** 2 <= wobble ** 2) & inner & (spine_r > sr * 1.2)
    organ_hu = rng.uniform(85, 115)
    hu[organ] = organ_hu
    classes = np.zeros(hu.shape, np.uint8)
    classes[organ] = 1

    # hypodense lesions inside the organ; round in millimetres, so flatter in slices
    lesions = np.zeros(hu.shape, np.int32)
    where = np.argwhere(organ)
    count = int(rng.integers(0, 5)) if len(where) else 0
    label = 0
    for _ in range(count):
        c = where[int(rng.integers(0, len(where)))]
        lz, ly, lx = (c[0] + 0.5) / depth, (c[1] + 0.5) / height, (c[2] + 0.5) / width
        r = rng.uniform(0.03, 0.07)
        rz = r * (SPACING[2] / SPACING[0]) * width / depth  # the same millimetres along z
        ball = ((u - lx) / r) ** 2 + ((v - ly) / r) ** 2 + ((z - lz) / max(rz, 0.5 / depth)) ** 2 <= 1
        ball &= organ & (lesions == 0)
        if ball.sum() < 4:
            continue
        label += 1
        lesions[ball] = label
        hu[ball] = organ_hu - rng.uniform(35, 60)
    classes[lesions > 0] = 2

    hu = blur(hu, (0.5, 0.8, 0.8))  # partial volume: thick slices blur less across z in voxels
    hu += rng.normal(0, rng.uniform(8, 20), hu.shape).astype(np.float32)
    return np.clip(np.rint(hu), -1024, 3071).astype(np.int16), classes, lesions


def normalise(hu: np.ndarray) -> np.ndarray:
    """As rdf.yaml declares: clip to the window (intensity_window), then scale_linear to [0, 1]."""
    lo, hi = WINDOW[0] - WINDOW[1] / 2, WINDOW[0] + WINDOW[1] / 2
    return ((np.clip(hu.astype(np.float32), lo, hi) - lo) / (hi - lo)).astype(np.float32)


def batch(rng, n, crop, pool):
    """Random crops from a pool of phantoms, flipped in-plane and along z, rotated in-plane only."""
    dz, dy, dx = crop
    xs, ys = [], []
    for _ in range(n):
        hu, cls, _ = pool[int(rng.integers(0, len(pool)))]
        z0 = int(rng.integers(0, hu.shape[0] - dz + 1))
        y0 = int(rng.integers(0, hu.shape[1] - dy + 1))
        x0 = int(rng.integers(0, hu.shape[2] - dx + 1))
        x = normalise(hu[z0:z0 + dz, y0:y0 + dy, x0:x0 + dx])
        y = cls[z0:z0 + dz, y0:y0 + dy, x0:x0 + dx].astype(np.int64)
        k = int(rng.integers(0, 4))
        x, y = np.rot90(x, k, (1, 2)), np.rot90(y, k, (1, 2))
        if rng.uniform() < 0.5:
            x, y = x[::-1], y[::-1]
        gain, offset = rng.uniform(0.9, 1.1), rng.uniform(-0.05, 0.05)
        xs.append(np.ascontiguousarray(x) * gain + offset)
        ys.append(np.ascontiguousarray(y))
    return torch.from_numpy(np.stack(xs)[:, None].astype(np.float32)), torch.from_numpy(np.stack(ys))


# ----------------------------------------------------------------------------- files

def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def dice(pred: np.ndarray, truth: np.ndarray) -> float:
    inter = np.logical_and(pred, truth).sum()
    total = pred.sum() + truth.sum()
    return 1.0 if total == 0 else 2.0 * inter / total


# ----------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--crop", default="16,64,64", help="z,y,x of the training crops")
    ap.add_argument("--pool", type=int, default=48, help="phantoms drawn per pool; the pool is renewed every 100 steps")
    ap.add_argument("--heldout", type=int, default=8)
    ap.add_argument("--threads", type=int, default=max(1, min(4, os.cpu_count() or 1)),
                    help="torch threads; use 1 on a busy machine (OpenMP stalls when oversubscribed)")
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()
    crop = tuple(int(c) for c in args.crop.split(","))

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(SEED)

    model = UNet3d()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.steps)
    class_weights = torch.tensor([0.5, 1.0, 3.0])
    start = time.time()
    pool = []
    for step in range(1, args.steps + 1):
        if (step - 1) % 100 == 0:
            pool = [phantom(rng, 32, 96, 96) for _ in range(args.pool // 4)] + pool[:args.pool - args.pool // 4]
        x, y = batch(rng, args.batch, crop, pool)
        loss = F.cross_entropy(model(x), y, weight=class_weights)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0 or step == 1:
            print(f"step {step:5d}  loss {loss.item():.4f}  {time.time() - start:6.1f}s", flush=True)
    model.eval()

    # Held-out evaluation on a separate seed stream: whole 40 x 128 x 128 volumes.
    eval_rng = np.random.default_rng(SEED + 1)
    per_class = {1: [], 2: []}
    foreground = []
    with torch.no_grad():
        for _ in range(args.heldout):
            hu, truth, _ = phantom(eval_rng, 40, 128, 128)
            pred = model(torch.from_numpy(normalise(hu))[None, None]).argmax(1)[0].numpy()
            foreground.append(dice(pred > 0, truth > 0))
            for c in per_class:
                if (truth == c).any():
                    per_class[c].append(dice(pred == c, truth == c))
    metrics = {"heldout_volumes": args.heldout, "heldout_shape_zyx": [40, 128, 128],
               "dice_organ_and_lesions": float(np.mean(foreground)),
               "dice_organ": float(np.mean(per_class[1])),
               "dice_lesion": float(np.mean(per_class[2])) if per_class[2] else None,
               "volumes_with_lesions": len(per_class[2]),
               "train_steps": args.steps, "train_batch": args.batch, "train_crop_zyx": list(crop),
               "train_seconds": round(time.time() - start, 1), "seed": SEED,
               "torch_version": torch.__version__}
    print(json.dumps(metrics, indent=2))

    out = args.out
    os.makedirs(out, exist_ok=True)
    onnx_path = os.path.join(out, "model.onnx")
    # No constant folding, training mode preserved: keeps initializer names equal to the
    # state_dict keys so fine-tuned weights can be pushed into ONNX Runtime by name.
    torch.onnx.export(model, torch.zeros(1, 1, 8, 32, 32), onnx_path, opset_version=13, input_names=["ct"],
                      output_names=["logits"], do_constant_folding=False,
                      training=torch.onnx.TrainingMode.PRESERVE,
                      dynamic_axes={"ct": {0: "batch", 2: "depth", 3: "height", 4: "width"},
                                    "logits": {0: "batch", 2: "depth", 3: "height", 4: "width"}})
    ts_path = os.path.join(out, "model.pt")
    torch.jit.script(model).save(ts_path)

    import onnx
    graph = onnx.load(onnx_path).graph
    inits = {i.name: tuple(i.dims) for i in graph.initializer}
    params = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    if inits != params:
        raise SystemExit(f"ONNX initializers do not match TorchScript parameters:\n{inits}\n{params}")

    # Test tensors: raw HU input (before preprocessing) and softmax probabilities (after post).
    test_hu, _, _ = phantom(np.random.default_rng(SEED + 2), 16, 64, 64)
    with torch.no_grad():
        test_out = torch.softmax(model(torch.from_numpy(normalise(test_hu))[None, None]), 1).numpy()
    np.save(os.path.join(out, "test_input.npy"), test_hu.astype(np.float32)[None, None])
    np.save(os.path.join(out, "test_output.npy"), test_out.astype(np.float32))

    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    with open(os.path.join(HERE, "rdf.template.yaml")) as f:
        rdf = f.read()
    for key, path in (("ONNX_SHA", onnx_path), ("TS_SHA", ts_path),
                      ("IN_SHA", os.path.join(out, "test_input.npy")),
                      ("OUT_SHA", os.path.join(out, "test_output.npy"))):
        rdf = rdf.replace("${" + key + "}", sha256(path))
    rdf = rdf.replace("${TORCH}", torch.__version__.split("+")[0])
    rdf = rdf.replace("${DICE_ORGAN}", f"{metrics['dice_organ']:.3f}")
    rdf = rdf.replace("${DICE_LESION}", f"{metrics['dice_lesion'] or 0:.3f}")
    rdf = rdf.replace("${FLOPS}", str(flops_per_voxel(model)))
    with open(os.path.join(out, "rdf.yaml"), "w") as f:
        f.write(rdf)
    print("wrote", out)


if __name__ == "__main__":
    main()
