/**
 * Reading pretrained weights from the files people have: torchvision / PyTorch {@code state_dict}
 * files ({@code .pth}, the zip + pickle format) and safetensors files (timm, Hugging Face), as named
 * tensors ({@link org.dragnj.model.trunk.weights.StateDict}), and copying them into a trunk under
 * torchvision's module names ({@link org.dragnj.model.trunk.weights.TorchvisionImport}).
 */
package org.dragnj.model.trunk.weights;

