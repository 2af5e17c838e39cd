#!/usr/bin/env python3
"""Regenerates the torchvision fixtures of dragn-model's pretrained-trunk tests.

Needs Debian's python3-torch and python3-torchvision (PyTorch 1.13, torchvision 0.14); the Java
tests only read the files this writes, into
dragn-model/src/test/resources/org/dragnj/model/trunk/torchvision/:

  basic.pth, bottleneck.safetensors   torchvision ResNets (BasicBlock and Bottleneck, blocks
                                      [2, 1, 1, 1]) with random weights and random BatchNorm
                                      statistics, every width divided by 16 to keep the files small
  <name>-input.npy                    an input batch [2, 3, 45, 61] (odd sizes test the padding)
  <name>-<stage>.npy                  torchvision's activations, computed in float64 from the float32
                                      weights: stem (after the max pool), layer1 ... layer4
  resnet18.keys.tsv, resnet50.keys.tsv
                                      name and shape of every entry of the full-size torchvision
                                      state dicts (no weights), to check the name mapping at full size
  tensors.pth, tensors.safetensors    small tensors of every supported dtype, views with offsets and
                                      strides, to check the readers' decoding
  legacy.pth                          the pre-1.6 (non-zip) torch format, which the reader refuses

Narrowing keeps torchvision's modules and forward code: the network is built by torchvision, then
each Conv2d / BatchNorm2d / Linear gets parameters with 1/16 of the channels; strides, padding,
dilation, block structure and shortcut placement are untouched.

Usage: /usr/bin/python3 dragn-model/src/test/python/make_torchvision_fixtures.py
"""
import json
import os
import struct

import numpy as np
import torch
import torchvision
from torch import nn
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "dragnj", "model",
                   "trunk", "torchvision")
DIVISOR = 16
BLOCKS = [2, 1, 1, 1]
INPUT_SHAPE = (2, 3, 45, 61)


def narrow(model, divisor, generator):
    """Gives every layer 1/divisor of its channels (the 3 image channels stay) and random values."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            cin = module.in_channels if module.in_channels == 3 else module.in_channels // divisor
            cout = module.out_channels // divisor
            module.in_channels, module.out_channels = cin, cout
            fan_out = cout * module.kernel_size[0] * module.kernel_size[1]
            module.weight = nn.Parameter(torch.randn(cout, cin, *module.kernel_size, generator=generator)
                                         * (2.0 / fan_out) ** 0.5)
        elif isinstance(module, nn.BatchNorm2d):
            c = module.num_features // divisor
            module.num_features = c
            module.weight = nn.Parameter(0.5 + torch.rand(c, generator=generator))
            module.bias = nn.Parameter(0.1 * torch.randn(c, generator=generator))
            module.running_mean = 0.2 * torch.randn(c, generator=generator)
            module.running_var = 0.5 + 1.5 * torch.rand(c, generator=generator)
            module.num_batches_tracked = torch.tensor(17, dtype=torch.long)
        elif isinstance(module, nn.Linear):
            module.in_features //= divisor
            module.weight = nn.Parameter(0.1 * torch.randn(module.out_features, module.in_features,
                                                           generator=generator))
            module.bias = nn.Parameter(torch.zeros(module.out_features))
    return model


def stages(model, x):
    """torchvision's own forward (ResNet._forward_impl), stopped after each stage."""
    out = {}
    x = model.maxpool(model.relu(model.bn1(model.conv1(x))))
    out["stem"] = x
    for name in ("layer1", "layer2", "layer3", "layer4"):
        x = getattr(model, name)(x)
        out[name] = x
    return out


def save_npy(name, array):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(array))


SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
                      torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8"}


def save_safetensors(tensors, path, metadata=None):
    """The safetensors layout (github.com/huggingface/safetensors, README "Format"): an 8-byte
    little-endian header length, a JSON header of dtype, shape and [begin, end) byte offsets, then the
    row-major little-endian data. The safetensors package is not packaged by Debian, hence by hand."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.contiguous()
        raw = t.view(torch.uint8).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def resnet_fixture(name, block, seed, writer):
    generator = torch.Generator().manual_seed(seed)
    model = narrow(ResNet(block, BLOCKS, num_classes=4), DIVISOR, generator).eval()
    state = model.state_dict()
    writer(state, os.path.join(OUT, name + (".pth" if writer is torch.save else ".safetensors")))
    x = torch.randn(*INPUT_SHAPE, generator=generator)
    save_npy(name + "-input.npy", x.numpy().astype(np.float32))
    with torch.no_grad():
        for stage, value in stages(model.double(), x.double()).items():
            save_npy(name + "-" + stage + ".npy", value.numpy())


def key_list(name, model):
    with open(os.path.join(OUT, name + ".keys.tsv"), "w") as f:
        for key, value in model.state_dict().items():
            f.write(key + "\t" + ",".join(str(s) for s in value.shape) + "\n")


def dtype_fixtures():
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 4 - 1
    tensors = {
        "f32": base.clone(),
        "f64": base.double(),
        "f16": base.half(),
        "bf16": base.bfloat16(),
        "i64": torch.arange(6, dtype=torch.int64).reshape(2, 3) - 2,
        "scalar": torch.tensor(17, dtype=torch.int64),
    }
    # Views share their base's storage in a torch file: an offset and strides to honour.
    pickled = dict(tensors)
    pickled["base"] = base
    pickled["rows"] = base[1:]
    pickled["columns"] = base[:, 1::2]
    pickled["transposed"] = base.t()
    torch.save(pickled, os.path.join(OUT, "tensors.pth"))
    save_safetensors(tensors, os.path.join(OUT, "tensors.safetensors"), {"format": "pt"})
    torch.save({"w": base}, os.path.join(OUT, "legacy.pth"), _use_new_zipfile_serialization=False)


def main():
    os.makedirs(OUT, exist_ok=True)
    print("torch", torch.__version__, "torchvision", torchvision.__version__)
    resnet_fixture("basic", BasicBlock, 1, torch.save)
    resnet_fixture("bottleneck", Bottleneck, 2, save_safetensors)
    key_list("resnet18", torchvision.models.resnet18())
    key_list("resnet50", torchvision.models.resnet50())
    dtype_fixtures()
    for f in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, f)):>9}  {f}")


if __name__ == "__main__":
    main()
