"""Domain text as blocks: a lead line and the "- " items under it, for lists on a page."""


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """Each paragraph (split on blank lines) as its first line and its "- " items."""
    found = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        found.append((lines[0], [line[2:] for line in lines[1:] if line.startswith("- ")]))
    return found
