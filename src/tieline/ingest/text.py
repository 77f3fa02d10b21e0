"""Plain-text documents: the first non-empty line is the title, the rest the body."""

from __future__ import annotations

from tieline.model import Document


def read_text(raw: bytes, text: str, doc_id: str, source_path: str | None) -> Document:
    """Build a Document from decoded plain text."""
    lines = text.strip().splitlines()
    title = lines[0].strip() if lines else None
    body = "\n".join(lines[1:]).strip() if len(lines) > 1 else text.strip()
    return Document(id=doc_id, body=body, source_path=source_path, title=title)
