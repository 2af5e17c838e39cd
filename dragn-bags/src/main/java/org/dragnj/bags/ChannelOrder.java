package org.dragnj.bags;

/**
 * The order of colour channels in an instance array. Pretrained torchvision and timm weights read
 * RGB (PIL's order); OpenCV decodes BGR. A model records the order it was trained on, so that it is
 * fed the same at prediction.
 */
public enum ChannelOrder {
    /** Red, green, blue (and alpha or a fourth stain last): what models are trained on from now on. */
    RGB,
    /** OpenCV's order; models saved before the order was recorded were trained on it. */
    BGR
}
