package org.rollcall.face.detect;

/** An axis-aligned box in image pixels. */
public record Box(float x1, float y1, float x2, float y2) {
    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    public float centerX() {
        return (x1 + x2) / 2;
    }

    public float centerY() {
        return (y1 + y2) / 2;
    }

    public float iou(Box o) {
        float ix = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
        float iy = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
        float inter = ix * iy;
        float union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Square of side = height, centred on this box, clipped to the image. */
    public Box squared(int imageWidth, int imageHeight) {
        float side = height();
        float cx = centerX();
        return new Box(Math.max(0, cx - side / 2), Math.max(0, y1), Math.min(imageWidth, cx + side / 2),
                Math.min(imageHeight, y2)).clip(imageWidth, imageHeight);
    }

    /** Scaled about its centre. */
    public Box scaled(float factor) {
        float w = width() * factor / 2;
        float h = height() * factor / 2;
        return new Box(centerX() - w, centerY() - h, centerX() + w, centerY() + h);
    }

    public Box clip(int imageWidth, int imageHeight) {
        return new Box(clamp(x1, imageWidth), clamp(y1, imageHeight), clamp(x2, imageWidth), clamp(y2, imageHeight));
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
