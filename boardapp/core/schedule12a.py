"""Schedule 12A to the Local Government Act 1972, Part 1: the descriptions of exempt information.

A public agenda or minutes may say *why* an item is taken in private only in these words: the
paragraph number and its statutory description. The clerk's own reason ("relates to the
dismissal of ...") often names a person and stays in the confidential version.

Text of Part 1 as substituted for England from 1 March 2006 by the Local Government (Access to
Information) (Variation) Order 2006 (SI 2006/88). Schedule 12A was inserted by the Local
Government (Access to Information) Act 1985. Welsh authorities use a longer list (paragraphs
12 to 18 under the Welsh variation order); those numbers are printed without a description.
"""

from __future__ import annotations

import re

ACT = "the Local Government Act 1972"

PARAGRAPHS: dict[str, str] = {
    "1": "Information relating to any individual.",
    "2": "Information which is likely to reveal the identity of an individual.",
    "3": "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    "4": "Information relating to any consultations or negotiations, or contemplated consultations or "
    "negotiations, in connection with any labour relations matter arising between the authority or a "
    "Minister of the Crown and employees of, or office holders under, the authority.",
    "5": "Information in respect of which a claim to legal professional privilege could be maintained "
    "in legal proceedings.",
    "6": "Information which reveals that the authority proposes (a) to give under any enactment a notice "
    "under or by virtue of which requirements are imposed on a person; or (b) to make an order or "
    "direction under any enactment.",
    "7": "Information relating to any action taken or to be taken in connection with the prevention, "
    "investigation or prosecution of crime.",
}

_NUMBER = re.compile(r"\d+[A-Z]?")


def paragraph_numbers(written: str) -> list[str]:
    """ "1", "1, 3", "paras 1 and 2" -> ["1"], ["1", "3"], ["1", "2"]; order kept, repeats dropped."""
    return list(dict.fromkeys(_NUMBER.findall((written or "").upper())))


def describe(number: str) -> str:
    """The statutory description of one paragraph, or "" for a number Part 1 does not have."""
    return PARAGRAPHS.get(number, "")


def _paragraph_words(numbers: list[str]) -> str:
    if not numbers:
        return "Part 1 of Schedule 12A"
    if len(numbers) == 1:
        return f"paragraph {numbers[0]} of Part 1 of Schedule 12A"
    return f"paragraphs {', '.join(numbers[:-1])} and {numbers[-1]} of Part 1 of Schedule 12A"


def public_statement(written_paragraph: str) -> str:
    """What a public document says of an exempt item: the paragraph(s) and the statutory wording only.

    "This item is exempt from publication under paragraph 1 of Part 1 of Schedule 12A to the Local
    Government Act 1972: Information relating to any individual."
    """
    numbers = paragraph_numbers(written_paragraph)
    text = f"This item is exempt from publication under {_paragraph_words(numbers)} to {ACT}"
    descriptions = [describe(n) for n in numbers if describe(n)]
    if descriptions:
        text += ": " + " ".join(descriptions)
    return text if text.endswith(".") else text + "."


def exclusion_resolution(written_paragraphs: list[str]) -> str:
    """The resolution minuted before exempt business, built from the items' paragraphs only.

    "Resolved – That the press and public be excluded from the meeting during consideration of the
    following item on the grounds that it involves the likely disclosure of exempt information as
    defined in paragraph 1 of Part 1 of Schedule 12A of the Local Government Act 1972."
    """
    numbers = list(dict.fromkeys(n for written in written_paragraphs for n in paragraph_numbers(written)))
    items = "item" if len(written_paragraphs) <= 1 else "items"
    verb = "it involves" if items == "item" else "they involve"
    return (
        f"Resolved – That the press and public be excluded from the meeting during consideration of the "
        f"following {items} on the grounds that {verb} the likely disclosure of exempt information as defined "
        f"in {_paragraph_words(numbers)} of {ACT}."
    )
