"""Which scales a plan rates progress and impact on: an existing scale, a standard one, or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from boardapp.core.enums import ScaleKind
from boardapp.gui import style
from boardapp.services.plan_status import PRESET_SCALES, ScaleRow


@dataclass(frozen=True)
class ScaleChoice:
    """An existing scale (scale_id), a standard scale to create (preset), or none (both None)."""

    scale_id: int | None = None
    preset: str | None = None


class PlanScalesDialog(QDialog):
    def __init__(
        self,
        scales: Sequence[ScaleRow],
        progress_id: int | None,
        impact_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planScalesDialog")
        self.setWindowTitle("Status scales")
        names = {s.name for s in scales}
        self.combos: dict[ScaleKind, QComboBox] = {}
        form = QFormLayout()
        for kind, label, current in (
            (ScaleKind.PROGRESS, "&Progress of actions", progress_id),
            (ScaleKind.IMPACT, "&Evidence of impact", impact_id),
        ):
            combo = QComboBox(self)
            combo.setObjectName(f"{kind.value}Scale")
            combo.addItem("No scale", ScaleChoice())
            for scale in scales:
                levels = " / ".join(level.label for level in scale.levels)
                combo.addItem(f"{scale.name}  ({levels})", ScaleChoice(scale_id=scale.id))
            for preset, levels_spec in PRESET_SCALES.items():
                if preset not in names:
                    levels = " / ".join(spec.label for spec in levels_spec)
                    combo.addItem(f"New: {preset}  ({levels})", ScaleChoice(preset=preset))
            for number in range(combo.count()):
                if combo.itemData(number).scale_id == current and current is not None:
                    combo.setCurrentIndex(number)
            self.combos[kind] = combo
            form.addRow(label, combo)
        note = QLabel(
            "Ratings already given stay in each entry's history. Some plans rate progress and "
            "evidence of impact separately; most need only a progress scale.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color:{style.MUTED_TEXT};")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def choice(self, kind: ScaleKind) -> ScaleChoice:
        data = self.combos[kind].currentData()
        return data if isinstance(data, ScaleChoice) else ScaleChoice()

    def choose(self, kind: ScaleKind, text_start: str) -> None:
        combo = self.combos[kind]
        for number in range(combo.count()):
            if combo.itemText(number).startswith(text_start):
                combo.setCurrentIndex(number)
                return
        raise KeyError(text_start)
