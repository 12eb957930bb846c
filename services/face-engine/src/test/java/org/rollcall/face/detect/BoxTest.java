package org.rollcall.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Box geometry that tracking, cropping and the primary-face rule rely on. */
class BoxTest {
    @ParameterizedTest(name = "IoU with a 100px box shifted by ({0},{1}) = {2}")
    @CsvSource({"0, 0, 1.0", "50, 0, 0.333333", "100, 0, 0.0", "200, 200, 0.0", "50, 50, 0.142857", "25, 0, 0.6"})
    void iou(float dx, float dy, double expected) {
        Box a = new Box(0, 0, 100, 100);
        Box b = new Box(dx, dy, 100 + dx, 100 + dy);
        assertEquals(expected, a.iou(b), 1e-5);
        assertEquals(expected, b.iou(a), 1e-5);
    }

    @Test
    void degenerateBoxesHaveNoAreaAndNoOverlap() {
        Box empty = new Box(10, 10, 10, 10);
        assertEquals(0, empty.area());
        assertEquals(0, empty.iou(empty));
        assertEquals(0, new Box(10, 10, 0, 0).area(), "inverted boxes have no area");
    }

    @Test
    void aContainedBoxOverlapsByItsAreaRatio() {
        assertEquals(0.25, new Box(0, 0, 100, 100).iou(new Box(25, 25, 75, 75)), 1e-6);
    }

    @Test
    void scalingKeepsTheCentre() {
        Box b = new Box(100, 100, 200, 150).scaled(1.6f);
        assertEquals(new Box(70, 85, 230, 165), b);
        assertEquals(150, b.centerX(), 1e-4);
        assertEquals(125, b.centerY(), 1e-4);
    }

    @Test
    void clippingKeepsTheBoxInsideTheImage() {
        assertEquals(new Box(0, 0, 640, 480), new Box(-10, -20, 700, 500).clip(640, 480));
        assertEquals(new Box(5, 6, 7, 8), new Box(5, 6, 7, 8).clip(640, 480));
    }

    @Test
    void squaresUseTheHeightAroundTheCentreAndStayInside() {
        assertEquals(new Box(100, 100, 200, 200), new Box(120, 100, 180, 200).squared(640, 480));
        assertEquals(new Box(0, 0, 70, 100), new Box(0, 0, 40, 100).squared(640, 480), "clipped at the left edge");
        assertEquals(new Box(580, 380, 640, 480), new Box(600, 380, 660, 480).squared(640, 480), "clipped at the right edge");
    }
}
