"""A small HTML-to-text conversion for fragments (feed summaries) without trafilatura."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "article", "section", "tr"})
_SKIP = frozenset({"script", "style", "noscript", "nav", "footer", "aside", "title", "head"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one block per line."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return "\n".join(" ".join(p.split()) for p in "".join(parser.parts).split("\n"))
