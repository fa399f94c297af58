"""Text handling: normalisation for matching, and sentence segmentation with offsets."""
