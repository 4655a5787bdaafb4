"""Reading a tagged PDF's structure tree as a test sees it: each element with its role, attributes, the
text drawn inside its marked content, and its kids (the tagged-PDF tests of the minutes, agenda, action log
and reports pack share it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pypdf import PdfReader


@dataclass
class Elem:
    role: str
    content: list[tuple[int, int]]  # (page index, MCID)
    kids: list[Elem]
    attributes: dict[str, str]
    objgen: tuple[int, int]
    text: str = ""

    def walk(self) -> Iterator[Elem]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all(self, role: str) -> list[Elem]:
        return [elem for elem in self.walk() if elem.role == role]

    def full_text(self) -> str:
        return " ".join(elem.text for elem in self.walk() if elem.text)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def marked_texts(path: Path) -> list[dict[int | None, str]]:
    """Per page: the text drawn inside each MCID (None: artifacts; -1: outside any marked content)."""
    pages = []
    for page in PdfReader(str(path)).pages:
        stack: list[int | None] = []
        texts: dict[int | None, str] = {}

        def before(operator: bytes, operands: list, _cm: object, _tm: object, stack: list = stack) -> None:
            if operator == b"BDC":
                props = operands[1]
                stack.append(int(props["/MCID"]) if hasattr(props, "get") and "/MCID" in props else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC":
                stack.pop()

        def visit(text: str, *_args: object, stack: list = stack, texts: dict = texts) -> None:
            key = stack[-1] if stack else -1
            texts[key] = texts.get(key, "") + text

        page.extract_text(visitor_operand_before=before, visitor_text=visit)
        pages.append(texts)
    return pages


def read_tree(pdf: pikepdf.Pdf, path: Path) -> Elem:
    page_index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    texts = marked_texts(path)

    def read(obj: pikepdf.Object, page: int | None) -> Elem:
        if "/Pg" in obj:
            page = page_index[obj.Pg.objgen]
        kids = obj.K if isinstance(obj.K, pikepdf.Array) else [obj.K]
        attributes = {k[1:]: str(v) for k, v in obj.A.items()} if "/A" in obj else {}
        elem = Elem(str(obj.S)[1:], [], [], attributes, obj.objgen)
        for kid in kids:
            if isinstance(kid, int):
                assert page is not None
                elem.content.append((page, kid))
            elif kid.get("/Type") == "/MCR":
                elem.content.append((page_index[kid.Pg.objgen], int(kid.MCID)))
            else:
                assert kid.P.objgen == obj.objgen  # every element points back to its parent
                elem.kids.append(read(kid, page))
        elem.text = squash(" ".join(texts[p].get(m, "") for p, m in elem.content))
        return elem

    return read(pdf.Root.StructTreeRoot.K, None)
