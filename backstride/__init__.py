"""backstride: a coach for runners with low back pain."""

__version__ = "0.1.0"
