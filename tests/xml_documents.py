"""Generated XML documents for the pattern readers' tests, turned into the bytes of a file."""

from hypothesis import strategies as st

DECLARATIONS = (
    [""] * 3
    + ['<?xml version="1.0" encoding="UTF-8"?>\n'] * 4
    + ["<?xml version='1.0'?>", '<?xml version="1.0" encoding="ISO-8859-1"?>\n']
)
"""None most often, UTF-8 often, and now and then one the patterns must hand over."""


SPACE = st.sampled_from(["", "\n", "\n  ", " ", "\t", "\r\n    "])
"""White space between tags, as devices and editors write it."""


def times(common: int) -> st.SearchStrategy[str]:
    """Trackpoint times: a plain UTC one `common` times as often as each odd one."""
    odd = [
        "2024-05-01T10:00:01.500Z",
        " 2024-05-01T10:00:02+02:00 ",
        "2024-05-01T10:00:03",
        "",
        "not a time",
    ]
    return st.sampled_from(["2024-05-01T10:00:00Z"] * common + odd)


def as_file(draw: st.DrawFn, document: str) -> bytes:
    """The document under a drawn declaration, as UTF-8 bytes; now and then cut short (no
    longer well-formed) or led by a byte-order mark."""
    data = (draw(st.sampled_from(DECLARATIONS)) + document).encode("utf-8")
    if draw(st.integers(0, 19)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 19)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data
