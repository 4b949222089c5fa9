"""The Lessons dock's widget: the list of lessons with their progress, and the step
shown — its text, a question, the task, Check, the result and Back/Next.

Thin: it shows what ``lessons.LessonsController`` gives it and says what was pressed.
Every text from a lesson file is shown as plain text, never as HTML.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.i18n import translate
from nnsim.simulator.lessonformat import Question, Step

from . import theme
from .plaintext import plain_label, tooltip_html

#: The lesson text's size relative to the dock's font (it is read, often from afar).
TEXT_SCALE = 1.15
DONE = "✓"


def _wrapping_label(scale: float = 1.0, color: str | None = None, bold: bool = False):
    label = plain_label()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setStyleSheet(f"color: {color or theme.TEXT};")
    label.setProperty("fontScale", scale)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def choice_style() -> str:
    """The answers' radio buttons, in the current theme's colours: Fusion draws their
    circle in the window's own shades, nearly unseen on the dark theme, so they get a
    ring that stands out and a filled dot when chosen."""
    return f"""
QRadioButton::indicator {{ width: 12px; height: 12px; border-radius: 8px;
    border: 2px solid {theme.MUTED}; background: {theme.BACKGROUND}; }}
QRadioButton::indicator:hover {{ border-color: {theme.ACCENT}; }}
QRadioButton::indicator:checked {{ border-color: {theme.ACCENT}; background: qradialgradient(
    cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {theme.ACCENT},
    stop: 0.5 {theme.ACCENT}, stop: 0.6 {theme.BACKGROUND}, stop: 1 {theme.BACKGROUND}); }}
"""


class LessonsPanel(QWidget):
    """The lessons and the present step of the chosen one."""

    lessonChosen = Signal(int)       # row in the list
    answerChosen = Signal(int)       # choice index of the step's question
    checkRequested = Signal()
    nextRequested = Signal()
    backRequested = Signal()
    openRequested = Signal()
    resetRequested = Signal()
    startRequested = Signal()        # set the app up for the lesson shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self.list.setAccessibleName(translate("ui.lessons_panel", "Lessons"))
        # A click (or Enter) chooses, even the lesson already shown: it sets it up again.
        self.list.itemClicked.connect(lambda item: self.lessonChosen.emit(self.list.row(item)))
        self.list.itemActivated.connect(lambda item: self.lessonChosen.emit(self.list.row(item)))
        self.open_button = QPushButton(translate("ui.lessons_panel", "Open Lesson…"))
        self.reset_button = QPushButton(translate("ui.lessons_panel", "Reset progress"))
        self.open_button.clicked.connect(self.openRequested)
        self.reset_button.clicked.connect(self.resetRequested)
        self.factor = 1.0
        self.step_box = self._build_step()
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        layout.addLayout(buttons)
        layout.addWidget(_rule())
        layout.addWidget(self.step_box, 1)
        self.scale_fonts(1.0)

    # ------------------------------------------------------------------ building
    def _build_step(self) -> QWidget:
        self.lesson_title = _wrapping_label(1.35, bold=True)
        self.position = _wrapping_label(0.95, theme.MUTED)
        self.step_title = _wrapping_label(1.15, theme.ACCENT, bold=True)
        self.text = _wrapping_label(TEXT_SCALE)
        self.question = _wrapping_label(TEXT_SCALE, bold=True)
        self.choices_box = QWidget()
        self.choices_layout = QVBoxLayout(self.choices_box)
        self.choices_layout.setContentsMargins(12, 0, 0, 0)
        self.choices_box.setStyleSheet(choice_style())
        self.choices = QButtonGroup(self)
        self.choices.idClicked.connect(self.answerChosen)
        self.explanation = _wrapping_label(1.0, theme.MUTED)
        self.task = _wrapping_label(TEXT_SCALE, bold=True)
        self.result = _wrapping_label(1.0)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 6, 0)
        for widget in (self.lesson_title, self.position, self.step_title, self.text,
                       self.question, self.choices_box, self.explanation, self.task,
                       self.result):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.back_button = QPushButton(translate("ui.lessons_panel", "◀ Back"))
        self.check_button = QPushButton(translate("ui.lessons_panel", "Check"))
        self.next_button = QPushButton(translate("ui.lessons_panel", "Next ▶"))
        self.start_button = QPushButton(translate("ui.lessons_panel", "Start this lesson ▶"))
        self.start_button.setToolTip(
            translate("ui.lessons_panel", "Open what the lesson works on and begin"))
        self.start_button.clicked.connect(self.startRequested)
        self.start_button.hide()
        self.check_button.setToolTip(
            translate("ui.lessons_panel", "Check the task on the network as it is now"))
        self.back_button.clicked.connect(self.backRequested)
        self.check_button.clicked.connect(self.checkRequested)
        self.next_button.clicked.connect(self.nextRequested)
        navigation = QHBoxLayout()
        navigation.addWidget(self.back_button)
        navigation.addStretch(1)
        navigation.addWidget(self.check_button)
        navigation.addWidget(self.next_button)
        navigation.addWidget(self.start_button)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(navigation)
        return box

    def scale_fonts(self, factor: float) -> None:
        """Every label at its own scale of the dock's font times ``factor`` (1 normally,
        larger for a projector)."""
        self.factor = factor
        for widget in self.step_box.findChildren(QWidget):
            self._scale(widget)

    def _scale(self, widget: QWidget) -> None:
        scale = widget.property("fontScale")
        if scale is not None:
            font = QFont(widget.font())
            font.setPointSizeF(self.font().pointSizeF() * float(scale) * self.factor)
            widget.setFont(font)

    # ------------------------------------------------------------------ showing
    def show_lessons(self, rows: list[tuple[str, str, str]], current: int) -> None:
        """Each lesson's title, progress ("step 2 of 4", "✓ done") and, as its tooltip,
        its summary."""
        self.list.blockSignals(True)
        self.list.clear()
        for number, (title, summary, progress) in enumerate(rows, start=1):
            item = QListWidgetItem(
                translate("ui.lessons_panel", "{number}. {title}  ·  {progress}").format(
                    number=number, title=title, progress=progress) if progress else
                translate("ui.lessons_panel", "{number}. {title}").format(
                    number=number, title=title))
            item.setToolTip(tooltip_html(summary) if summary else "")
            self.list.addItem(item)
        self.list.setCurrentRow(current)
        self.list.blockSignals(False)
        rows_shown = min(len(rows), 9)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * rows_shown
                                   + 2 * self.list.frameWidth() + 4)

    def show_step(self, lesson_title: str, index: int, count: int, step: Step) -> None:
        self.lesson_title.setText(lesson_title)
        self.position.setText(translate("ui.lessons_panel", "Step {number} of {count}").format(
            number=index + 1, count=count))
        self.step_title.setText(step.title)
        self.text.setText(step.text)
        self._show_question(step.question)
        self.task.setText(translate("ui.lessons_panel", "Your task: {task}").format(task=step.task)
                          if step.task else "")
        self.task.setVisible(bool(step.task))
        self.result.setText("")
        self.back_button.setEnabled(index > 0)
        self.check_button.setVisible(step.check is not None)

    def _show_question(self, question: Question | None) -> None:
        for button in self.choices.buttons():
            self.choices.removeButton(button)
            button.deleteLater()
        self.explanation.setText("")
        self.explanation.hide()
        self.question.setVisible(question is not None)
        self.choices_box.setVisible(question is not None)
        if question is None:
            return
        self.question.setText(question.prompt)
        for number, choice in enumerate(question.choices):
            button = QRadioButton(choice)
            button.setProperty("fontScale", TEXT_SCALE)
            self._scale(button)
            self.choices.addButton(button, number)
            self.choices_layout.addWidget(button)
            button.show()   # at once: a layout shows a child of a shown widget only later

    def show_answer(self, right: bool, explanation: str) -> None:
        if not right:
            self.explanation.setText(translate("ui.lessons_panel", "Not quite — try again."))
        elif explanation:
            self.explanation.setText(translate("ui.lessons_panel", "Right. {explanation}")
                                     .format(explanation=explanation))
        else:
            self.explanation.setText(translate("ui.lessons_panel", "Right."))
        self.explanation.show()
        self.explanation.setStyleSheet(f"color: {theme.TEXT if right else theme.ERROR};")

    def show_result(self, passed: bool, reason: str, hint: str, is_last: bool) -> None:
        """✓ when the step is done; else what was found and the lesson's hint."""
        if passed:
            done = translate("ui.lessons_panel", "Lesson complete!") if is_last \
                else translate("ui.lessons_panel", "Done — press Next.")
            self.result.setText(f"{DONE} {done}")
            self.result.setStyleSheet(f"color: {theme.POSITIVE}; font-weight: bold;")
        else:
            hint = translate("ui.lessons_panel", "Hint: {hint}").format(hint=hint) \
                if hint else ""
            parts = [part for part in (_sentence(reason), hint) if part]
            self.result.setText("✗ " + "\n".join(parts) if parts else "")
            self.result.setStyleSheet(f"color: {theme.NEGATIVE};")
        self.next_button.setEnabled(passed and not is_last)

    def clear_result(self, passed: bool, is_last: bool) -> None:
        """Before the first Check: nothing said yet; Next waits for the check (a reading
        step has passed)."""
        self.result.setText("")
        self.next_button.setEnabled(passed and not is_last)

    def show_waiting(self, waiting: bool) -> None:
        """A lesson shown but not set up yet (as the window opens): Start, not Next."""
        self.start_button.setVisible(waiting)
        for button in (self.back_button, self.next_button):
            button.setVisible(not waiting)
        if waiting:
            self.check_button.hide()

    def show_problem(self, text: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {theme.ERROR};")


def _sentence(text: str) -> str:
    """What a check found, as a sentence: a capital first letter and a full stop (in
    Chinese the full-width "。")."""
    if not text:
        return ""
    return translate("ui.lessons_panel", "{found}.").format(found=text[:1].upper() + text[1:])


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.HLine)
    line.setStyleSheet(f"color: {theme.BORDER};")
    return line
