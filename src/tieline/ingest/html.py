"""HTML pages: ``<title>`` and the visible paragraph text (navigation, scripts dropped)."""

from __future__ import annotations

from html.parser import HTMLParser

from tieline.model import Document

_SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "form"})
_BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "article", "section"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.parts: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def read_html(raw: bytes, text: str, doc_id: str, source_path: str | None) -> Document:
    """Build a Document from an HTML page."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    paragraphs = [" ".join(p.split()) for p in "".join(parser.parts).split("\n")]
    body = "\n\n".join(p for p in paragraphs if p)
    title = " ".join("".join(parser.title).split()) or None
    return Document(id=doc_id, body=body, source_path=source_path, title=title)
