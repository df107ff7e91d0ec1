"""The XML namespaces of our formats, defined once for the codec, validation and the git hook."""

from __future__ import annotations

CLAUSE_NS = "urn:drafting:clause:1"
DOCUMENT_NS = "urn:drafting:document:1"
DRAFTING_NAMESPACES = (CLAUSE_NS, DOCUMENT_NS)
"""A file whose root element is in one of these is ours to validate; other XML is not."""

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
