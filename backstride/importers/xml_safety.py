"""Safe XML for activity files: defusedxml parsing, namespace-free lookups, checked numbers."""

import math
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError, XMLParser
from xml.parsers import expat

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from backstride.importers.failure import ImportFailure

UNSAFE_XML = "refused: the file declares a DTD or entities (unsafe XML)"


def parse_xml(data: bytes) -> Element:
    """Parse untrusted XML bytes, refusing DTDs, entities and external references.

    Two passes: a safe_parser reads every byte first with defusedxml's rules (any DTD is
    refused where it starts: billion laughs, quadratic blow-up and XXE payloads all need
    one) and no handler per element, then ElementTree's C parser builds the tree of what is
    now known to hold no DTD, entity or external reference. defusedxml's own tree builder
    calls Python for every element: the two passes take a third of its time on TCX files
    (bench/import_bench.py).
    """
    parse_all(safe_parser(), data)
    try:
        builder = XMLParser()
        builder.feed(data)
        return builder.close()
    except ParseError as exc:
        raise ImportFailure(f"not valid XML: {exc}") from exc
    except (ValueError, LookupError) as exc:
        # LookupError: an XML declaration naming an encoding Python does not know.
        raise ImportFailure(f"not valid XML: {exc}") from exc


def safe_parser() -> expat.XMLParserType:
    """An expat parser for untrusted XML, event by event (no tree), refusing what parse_xml does.

    Names reach its handlers as 'namespace}local' (or just 'local'). Like defusedxml, any
    DTD is refused where it starts, so no entity can be declared, expanded or fetched.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    return parser


def parse_all(parser: expat.XMLParserType, data: bytes) -> None:
    """Feed every byte to a safe_parser, turning each failure into an ImportFailure."""
    try:
        parser.Parse(data, True)
    except DefusedXmlException as exc:
        raise ImportFailure(UNSAFE_XML) from exc
    except expat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset}"
        raise ImportFailure(f"not valid XML: {expat.ErrorString(exc.code)}: {where}") from exc
    except (ValueError, LookupError) as exc:
        raise ImportFailure(f"not valid XML: {exc}") from exc


def _refuse_doctype(name: str, sysid: str | None, pubid: str | None, internal: bool) -> None:
    raise DTDForbidden(name, sysid, pubid)


def _refuse_entity(
    name: str,
    is_parameter: bool,
    value: str | None,
    base: str | None,
    sysid: str | None,
    pubid: str | None,
    notation: str | None,
) -> None:
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation)


def _refuse_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def local_name(tag: str) -> str:
    """A tag without its namespace: '{http://www.topografix.com/GPX/1/1}trkpt' -> 'trkpt'."""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> Iterator[Element]:
    """Direct children with this local name, in document order, whatever their namespace."""
    return (child for child in element if local_name(child.tag) == name)


def child(element: Element, name: str) -> Element | None:
    """The first direct child with this local name, or None."""
    return next(children(element, name), None)


def child_text(element: Element, name: str) -> str | None:
    """The stripped text of the first direct child with this local name; None if absent or empty."""
    found = child(element, name)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def descendants(element: Element, name: str) -> Iterator[Element]:
    """Elements anywhere below `element` with this local name, in document order."""
    return (node for node in element.iter() if node is not element and local_name(node.tag) == name)


def number(text: str | bytes | None, what: str) -> float | None:
    """A decimal number from element or attribute text; None when absent, blank, NaN or infinite."""
    if not text:
        return None
    try:
        value = float(text)  # float() takes str and bytes alike and ignores surrounding spaces
    except ValueError as exc:
        shown = (text.decode("utf-8", "replace") if isinstance(text, bytes) else text).strip()
        if not shown:
            return None
        raise ImportFailure(f"{what} {shown!r} is not a number") from exc
    return value if math.isfinite(value) else None


def well_formed(data: bytes) -> bool:
    """Whether expat, namespace-aware as ElementTree and the event readers are, accepts every
    byte (no handler is set: nothing is built); the pattern readers' first check."""
    parser = expat.ParserCreate(namespace_separator="}")
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError, LookupError):
        return False
    return True
