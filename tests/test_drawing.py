"""A drawing made into a sample the way the 8×8 digits and MNIST were made: checked
against block counts, bounding boxes and centres of mass worked out by hand."""

import numpy as np
import pytest

from nnsim.simulator.datasets import load_digits
from nnsim.simulator.drawing import (
    MAX_POINTS,
    Drawing,
    block_counts,
    centre_of_mass,
    digits_bitmap,
    mnist_image,
    to_sample,
)


def strokes(*polylines, pen=0.06) -> Drawing:
    return Drawing(tuple(np.array(p, dtype=float) for p in polylines), pen)


def square(left, top, side, pen) -> Drawing:
    corners = [[left, top], [left + side, top], [left + side, top + side],
               [left, top + side], [left, top]]
    return strokes(corners, pen=pen)


# ---------------------------------------------------------------------- 8×8 digits
def test_block_counts_count_the_ink_of_each_4x4_block():
    bitmap = np.zeros((32, 32))
    bitmap[0:4, 0:4] = 1                  # block (0, 0) full
    bitmap[8, 12:17] = 1                  # 4 pixels in block (2, 3), 1 in block (2, 4)
    bitmap[31, 31] = 1                    # 1 in block (7, 7)
    expected = np.zeros((8, 8))
    expected[0, 0], expected[2, 3], expected[2, 4], expected[7, 7] = 16, 4, 1, 1
    assert np.array_equal(block_counts(bitmap), expected)


def test_a_vertical_stroke_fills_the_bitmaps_height_at_the_normalised_stroke_width():
    """The stroke's centre line is scaled to 32 - 7.5 = 24.5 pixels (rows 3.75..28.25)
    at column 16, drawn 7.5 wide: 8 pixel columns (12..19) along the line, and the round
    caps cover 4, 6, 8, 8 pixels in rows 0..3 (distance to the end 3.25, 2.25, 1.25, 0.25
    against a radius of 3.75), the same at the bottom: 13 and 16 per block."""
    one = strokes([[0.4, 0.3], [0.4, 0.55]], pen=0.3)   # where and how wide: no matter
    column = np.array([13, 16, 16, 16, 16, 16, 16, 13]) / 16
    expected = np.zeros((8, 8))
    expected[:, 3] = expected[:, 4] = column
    assert np.array_equal(to_sample(one, (8, 8)).reshape(8, 8), expected)
    assert np.array_equal(digits_bitmap(one)[:, 12:20].sum(axis=1),
                          [4, 6, 8, 8] + [8] * 24 + [8, 8, 6, 4])


def bitmap_of(sample: np.ndarray) -> np.ndarray:
    """A 32×32 bitmap whose 4×4 block counts are ``sample`` (8×8, 0..16): each block's
    count filled in raster order from the block's corner that faces out of the bitmap."""
    bitmap = np.zeros((32, 32))
    for (i, j), count in np.ndenumerate(sample.astype(int)):
        block = np.zeros(16)
        block[:count] = 1
        block = block.reshape(4, 4)[::1 if i < 4 else -1, ::1 if j < 4 else -1]
        bitmap[4 * i:4 * i + 4, 4 * j:4 * j + 4] = block
    return bitmap


def test_a_bitmap_like_the_datas_converts_back_to_its_sample():
    """A sample whose ink spans all 8 block rows and block columns 1..6 (24 pixels, the
    fitting box's width): its bitmap is already normalised, so nothing moves."""
    digits = load_digits()
    images = digits.inputs.reshape(-1, 8, 8) * 16
    columns = images.sum(axis=1) > 0
    fitting = [k for k in range(len(images))
               if np.array_equal(np.flatnonzero(columns[k]), np.arange(1, 7))
               and images[k, 0].any() and images[k, 7].any()]
    assert len(fitting) > 1000
    for k in fitting[:20]:
        bitmap = bitmap_of(images[k])
        assert np.array_equal(digits_bitmap(bitmap), bitmap)
        assert np.array_equal(to_sample(bitmap, (8, 8)), digits.inputs[k])


def test_a_raster_is_scaled_to_the_bitmaps_height_and_centred():
    """A 16-high, 4-wide bar anywhere in a 100×100 raster: doubled to 32×8, then
    centred: columns 12..19, in block columns 3 and 4, full."""
    raster = np.zeros((100, 100))
    raster[50:66, 7:11] = 1
    expected = np.zeros((8, 8))
    expected[:, 3:5] = 1
    assert np.array_equal(to_sample(raster, (8, 8)).reshape(8, 8), expected)


# ---------------------------------------------------------------------- MNIST
def test_a_square_is_fitted_into_20x20_and_its_centre_of_mass_lands_at_14_14():
    """The pen's outer edge maps to the box's edges: pixel rows and columns 4..23
    hold ink, the outermost fully (their centres lie a half pixel inside the edge); rows
    3 and 24 have their centres a half pixel outside it: no ink beyond rounding."""
    image = mnist_image(square(0.3, 0.3, 0.4, pen=0.05))
    assert centre_of_mass(image) == pytest.approx((14.0, 14.0), abs=1e-12)
    inked = np.flatnonzero(image.sum(axis=1) > 1e-9)
    assert np.array_equal(inked, np.arange(4, 24))
    assert np.array_equal(np.flatnonzero(image.sum(axis=0) > 1e-9), np.arange(4, 24))
    assert np.all(image[4, 5:23] == 1.0) and np.all(image[:, 14][5:23][3:-3] == 0.0)


def test_where_and_how_large_a_digit_is_drawn_does_not_matter():
    """Scaled with its pen, a square drawn small in a corner gives the same image."""
    big = mnist_image(square(0.2, 0.2, 0.6, pen=0.06))
    small = mnist_image(square(0.02, 0.5, 0.3, pen=0.03))
    assert np.allclose(big, small, atol=1e-9)


def test_a_raster_is_fitted_into_20x20_keeping_its_aspect_ratio():
    """A 10-high, 5-wide block: scaled by 2 to 20×10, placed at rows 4..23 and columns
    9..18; its centre of mass is already (14, 14)."""
    raster = np.zeros((50, 60))
    raster[30:40, 3:8] = 1
    expected = np.zeros((28, 28))
    expected[4:24, 9:19] = 1
    assert np.array_equal(to_sample(raster, (28, 28)), expected.ravel())


def test_the_centre_of_mass_moves_to_the_middle_by_whole_pixels():
    """Left half full plus the right-most column (20×20): its centre of mass in the
    field is at column (200·9 + 20·23.5) / 220 = 10.32, so it moves 4 pixels right;
    rows stay.  The result is a fixed point: converting it again changes nothing."""
    raster = np.zeros((20, 20))
    raster[:, :10] = 1
    raster[:, 19] = 1
    expected = np.zeros((28, 28))
    expected[4:24, 8:18] = 1
    expected[4:24, 27] = 1
    image = mnist_image(raster)
    assert np.array_equal(image, expected)
    assert np.array_equal(mnist_image(image), image)


def test_grey_levels_are_the_pens_coverage():
    image = mnist_image(strokes([[0.1, 0.5], [0.9, 0.5]], pen=0.1))
    assert image.min() == 0.0 and image.max() == 1.0
    assert len(np.unique(image)) > 2          # anti-aliased edges


# ---------------------------------------------------------------------- totality
@pytest.mark.parametrize("shape", [(8, 8), (28, 28)])
def test_an_empty_drawing_gives_zeros(shape):
    n = shape[0] * shape[1]
    for empty in (Drawing((), 0.05), strokes([], pen=0.05), np.zeros((40, 40)),
                  np.zeros((0, 0))):
        sample = to_sample(empty, shape)
        assert sample.shape == (n,) and not sample.any()


@pytest.mark.parametrize("shape", [(8, 8), (28, 28)])
def test_a_dot_and_odd_rasters_give_bounded_samples(shape):
    for drawing in (strokes([[0.5, 0.5]], pen=0.05), strokes([[2.0, -3.0], [2.0, -3.0]]),
                    np.full((3, 1), 7.0), -np.ones((5, 5))):
        sample = to_sample(drawing, shape)
        assert np.isfinite(sample).all() and 0 <= sample.min() <= sample.max() <= 1


def test_bad_drawings_are_refused_in_one_line():
    bad = [lambda: Drawing((), 0.0), lambda: Drawing((), float("nan")),
           lambda: strokes([[0.5, float("inf")]]),
           lambda: Drawing((np.zeros((MAX_POINTS + 1, 2)),), 0.1),
           lambda: to_sample(np.zeros((2, 2, 2)), (8, 8)),
           lambda: to_sample(np.full((4, 4), np.nan), (8, 8)),
           lambda: to_sample(Drawing((), 0.1), (16, 16))]
    for make in bad:
        with pytest.raises(ValueError) as error:
            make()
        assert "\n" not in str(error.value)
