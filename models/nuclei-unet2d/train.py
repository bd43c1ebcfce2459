#!/usr/bin/env python3
"""Recipe for SegLoop's bundled nuclei U-Net (background / nucleus / boundary).

Run with Debian's interpreter so the packaged torch and onnx are used:
    /usr/bin/python3 models/nuclei-unet2d/train.py [--steps N] [--out DIR]

Everything is seeded; on the same torch build the weights are reproducible. It writes, next to
this file: model.onnx (opset 13, dynamic batch/H/W, raw logits), model.pt (scripted TorchScript
twin whose parameter names and shapes equal the ONNX initializers one to one), test tensors,
sample images, rdf.yaml and the measured held-out Dice in metrics.json.

The network has no BatchNorm on purpose: running statistics do not survive the ONNX export as
named initializers, and fine-tuning (SegLoop pushes TorchScript weights into ONNX Runtime by
initializer name) needs every tensor to map 1:1.
"""
import argparse
import hashlib
import json
import math
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261122
BASE = 16
HALO = 16


# ----------------------------------------------------------------------------- network

def double_conv(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True))


class UNet(nn.Module):
    """Three-level U-Net; input H and W must be multiples of 4."""

    def __init__(self, base: int = BASE, classes: int = 3):
        super().__init__()
        self.enc1 = double_conv(1, base)
        self.enc2 = double_conv(base, 2 * base)
        self.bottom = double_conv(2 * base, 4 * base)
        self.up2 = nn.ConvTranspose2d(4 * base, 2 * base, 2, stride=2)
        self.dec2 = double_conv(4 * base, 2 * base)
        self.up1 = nn.ConvTranspose2d(2 * base, base, 2, stride=2)
        self.dec1 = double_conv(2 * base, base)
        self.head = nn.Conv2d(base, classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool2d(e1, 2))
        b = self.bottom(F.max_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        return self.head(d1)


def flops_per_pixel(model: nn.Module, size: int = 256) -> int:
    """Multiply-adds x 2 of all convolutions per input pixel (for the GFLOP/s benchmark)."""
    macs = [0]

    def hook(module, inputs, output):
        k = module.weight.shape  # conv: [out, in, kh, kw]; transposed: [in, out, kh, kw]
        per_output = k[1] * k[2] * k[3] if isinstance(module, nn.Conv2d) else k[0] * k[2] * k[3] / (module.stride[0] * module.stride[1])
        macs[0] += per_output * output.numel()

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
    with torch.no_grad():
        model(torch.zeros(1, 1, size, size))
    for h in handles:
        h.remove()
    return int(round(2 * macs[0] / (size * size)))


# ----------------------------------------------------------------------------- synthetic data

def gaussian_blur(img: np.ndarray, sigma: float) -> np.ndarray:
    radius = max(1, int(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    k /= k.sum()
    out = np.apply_along_axis(lambda r: np.convolve(np.pad(r, radius, mode="reflect"), k, "valid"), 1, img)
    return np.apply_along_axis(lambda c: np.convolve(np.pad(c, radius, mode="reflect"), k, "valid"), 0, out)


def synth(rng: np.random.Generator, size: int, hard: bool = False):
    """One image with nucleus-like ellipses. Returns (uint16 image, int instance map)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    inst = np.zeros((size, size), np.int32)
    signal = np.zeros((size, size), np.float32)
    count = int(rng.integers(3, max(4, size * size // 700)))
    label = 0
    for _ in range(count):
        r = rng.uniform(4.0, 13.0)
        ry, rx = r * rng.uniform(0.7, 1.3), r * rng.uniform(0.7, 1.3)
        cy, cx = rng.uniform(0, size), rng.uniform(0, size)
        theta = rng.uniform(0, math.pi)
        dy, dx = yy - cy, xx - cx
        u = (dx * math.cos(theta) + dy * math.sin(theta)) / rx
        v = (-dx * math.sin(theta) + dy * math.cos(theta)) / ry
        body = u * u + v * v <= 1.0
        free = body & (inst == 0)
        if free.sum() < 6:
            continue
        label += 1
        inst[free] = label
        texture = 1.0 + 0.15 * rng.standard_normal(free.sum())
        signal[free] = rng.uniform(0.35, 1.0) * texture
    background = rng.uniform(0.0, 0.25) * (1 + 0.5 * np.sin(xx / rng.uniform(20, 80) + rng.uniform(0, 6)))
    img = gaussian_blur(signal, rng.uniform(0.6, 1.6)) + background
    noise = rng.uniform(0.01, 0.12 if hard else 0.06)
    img = img + noise * rng.standard_normal(img.shape)
    gain, offset = rng.uniform(800, 20000), rng.uniform(50, 2000)
    img = np.clip(img * gain + offset, 0, 65535).astype(np.uint16)
    return img, inst


def classes_from_instances(inst: np.ndarray) -> np.ndarray:
    """0 background, 1 nucleus interior, 2 boundary (instance pixels touching another label)."""
    pad = np.pad(inst, 1, mode="edge")
    edge = np.zeros(inst.shape, bool)
    for dy, dx in ((0, 1), (1, 0), (1, 2), (2, 1)):
        edge |= pad[dy:dy + inst.shape[0], dx:dx + inst.shape[1]] != inst
    out = np.where(inst > 0, 1, 0).astype(np.int64)
    out[(inst > 0) & edge] = 2
    return out


def scale_range(img: np.ndarray, lo: float = 1.0, hi: float = 99.8) -> np.ndarray:
    """Same as the rdf.yaml preprocessing (bioimage.io scale_range, per sample, eps 1e-6)."""
    a = img.astype(np.float32)
    p_lo, p_hi = np.percentile(a, lo), np.percentile(a, hi)
    return ((a - p_lo) / (p_hi - p_lo + 1e-6)).astype(np.float32)


def batch(rng, n, size):
    xs, ys = [], []
    for _ in range(n):
        img, inst = synth(rng, size, hard=rng.uniform() < 0.3)
        k = int(rng.integers(0, 4))
        xs.append(np.rot90(scale_range(img), k).copy())
        ys.append(np.rot90(classes_from_instances(inst), k).copy())
    return torch.from_numpy(np.stack(xs)[:, None]), torch.from_numpy(np.stack(ys))


# ----------------------------------------------------------------------------- files

def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_tiff(path: str, planes: np.ndarray) -> None:
    """Minimal little-endian uint16 TIFF (one strip per page); no extra Python dependency."""
    planes = np.asarray(planes, dtype="<u2")
    if planes.ndim == 2:
        planes = planes[None]
    n, h, w = planes.shape
    desc = f"ImageJ=1.54f\nimages={n}\nslices={n}\n\0".encode() if n > 1 else b""
    with open(path, "wb") as f:
        f.write(b"II*\0" + struct.pack("<I", 0))
        prev_next = 4
        for i in range(n):
            data_off = f.tell()
            f.write(planes[i].tobytes())
            desc_off = f.tell()
            f.write(desc)
            if f.tell() % 2:
                f.write(b"\0")
            ifd_off = f.tell()
            tags = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 16), (259, 3, 1, 1), (262, 3, 1, 1)]
            if desc and i == 0:
                tags.append((270, 2, len(desc), desc_off))
            tags += [(273, 4, 1, data_off), (277, 3, 1, 1), (278, 4, 1, h), (279, 4, 1, w * h * 2)]
            f.write(struct.pack("<H", len(tags)))
            for tag, typ, count, value in tags:
                f.write(struct.pack("<HHI", tag, typ, count))
                f.write(struct.pack("<HH", value, 0) if typ == 3 else struct.pack("<I", value))
            next_pos = f.tell()
            f.write(struct.pack("<I", 0))
            end = f.tell()
            f.seek(prev_next)
            f.write(struct.pack("<I", ifd_off))
            f.seek(end)
            prev_next = next_pos


def dice(pred: np.ndarray, truth: np.ndarray) -> float:
    inter = np.logical_and(pred, truth).sum()
    total = pred.sum() + truth.sum()
    return 1.0 if total == 0 else 2.0 * inter / total


# ----------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1200)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=96)
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()

    torch.manual_seed(SEED)
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(SEED)

    model = UNet()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.steps)
    class_weights = torch.tensor([1.0, 1.0, 3.0])
    start = time.time()
    for step in range(1, args.steps + 1):
        x, y = batch(rng, args.batch, args.crop)
        loss = F.cross_entropy(model(x), y, weight=class_weights)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 50 == 0 or step == 1:
            print(f"step {step:5d}  loss {loss.item():.4f}  {time.time() - start:6.1f}s", flush=True)
    model.eval()

    # Held-out evaluation on a separate seed stream, 256x256 images (same generator).
    eval_rng = np.random.default_rng(SEED + 1)
    d_fg, d_cls = [], {1: [], 2: []}
    with torch.no_grad():
        for i in range(40):
            img, inst = synth(eval_rng, 256, hard=i % 3 == 0)
            truth = classes_from_instances(inst)
            pred = model(torch.from_numpy(scale_range(img))[None, None]).argmax(1)[0].numpy()
            d_fg.append(dice(pred > 0, truth > 0))
            for c in d_cls:
                d_cls[c].append(dice(pred == c, truth == c))
    metrics = {"heldout_images": 40, "heldout_size": 256,
               "dice_object": float(np.mean(d_fg)),
               "dice_nucleus_interior": float(np.mean(d_cls[1])),
               "dice_boundary": float(np.mean(d_cls[2])),
               "train_steps": args.steps, "train_batch": args.batch, "train_crop": args.crop,
               "train_seconds": round(time.time() - start, 1), "seed": SEED,
               "torch_version": torch.__version__}
    print(json.dumps(metrics, indent=2))

    out = args.out
    os.makedirs(out, exist_ok=True)
    example = torch.zeros(1, 1, 64, 64)
    onnx_path = os.path.join(out, "model.onnx")
    # No constant folding, training mode preserved: keeps initializer names equal to the
    # state_dict keys so fine-tuned weights can be pushed into ONNX Runtime by name.
    torch.onnx.export(model, example, onnx_path, opset_version=13, input_names=["raw"],
                      output_names=["logits"], do_constant_folding=False,
                      training=torch.onnx.TrainingMode.PRESERVE,
                      dynamic_axes={"raw": {0: "batch", 2: "height", 3: "width"},
                                    "logits": {0: "batch", 2: "height", 3: "width"}})
    ts_path = os.path.join(out, "model.pt")
    torch.jit.script(model).save(ts_path)

    import onnx
    graph = onnx.load(onnx_path).graph
    inits = {i.name: tuple(i.dims) for i in graph.initializer}
    params = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    if inits != params:
        raise SystemExit(f"ONNX initializers do not match TorchScript parameters:\n{inits}\n{params}")

    # Test tensors: raw input (before preprocessing) and softmax probabilities (after post).
    test_img, _ = synth(np.random.default_rng(SEED + 2), 256)
    test_in = test_img.astype(np.float32)[None, None]
    with torch.no_grad():
        test_out = torch.softmax(model(torch.from_numpy(scale_range(test_img))[None, None]), 1).numpy()
    np.save(os.path.join(out, "test_input.npy"), test_in)
    np.save(os.path.join(out, "test_output.npy"), test_out.astype(np.float32))

    samples = os.path.join(out, "samples")
    os.makedirs(samples, exist_ok=True)
    sample_rng = np.random.default_rng(SEED + 3)
    for i in range(8):
        img, _ = synth(sample_rng, 384, hard=i % 4 == 3)
        write_tiff(os.path.join(samples, f"nuclei_{i + 1:02d}.tif"), img)
    stack = np.stack([synth(sample_rng, 192)[0] for _ in range(6)])
    write_tiff(os.path.join(samples, "nuclei_stack.tif"), stack)

    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    with open(os.path.join(HERE, "rdf.template.yaml")) as f:
        rdf = f.read()
    for key, path in (("ONNX_SHA", onnx_path), ("TS_SHA", ts_path),
                      ("IN_SHA", os.path.join(out, "test_input.npy")),
                      ("OUT_SHA", os.path.join(out, "test_output.npy"))):
        rdf = rdf.replace("${" + key + "}", sha256(path))
    rdf = rdf.replace("${TORCH}", torch.__version__.split("+")[0])
    rdf = rdf.replace("${DICE}", f"{metrics['dice_object']:.3f}")
    rdf = rdf.replace("${FLOPS}", str(flops_per_pixel(model)))
    with open(os.path.join(out, "rdf.yaml"), "w") as f:
        f.write(rdf)
    print("wrote", out)


if __name__ == "__main__":
    main()
