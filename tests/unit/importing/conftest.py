"""The seed plans as Word and Excel files, built once per run into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.plans import build


@pytest.fixture(scope="session")
def plan_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("plans")
    return {
        "000.docx": build.twelve_week_docx(folder / "twelve_week.docx"),
        "000-unmerged.docx": build.twelve_week_docx(folder / "twelve_week_unmerged.docx", merge_workstreams=False),
        "000.xlsx": build.twelve_week_xlsx(folder / "twelve_week.xlsx"),
        "002.docx": build.development_docx(folder / "development.docx"),
        "002.xlsx": build.development_xlsx(folder / "development.xlsx"),
        "002-single.xlsx": build.development_xlsx(folder / "development_single.xlsx", layout="single_sheet"),
    }
