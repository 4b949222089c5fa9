"""The Lessons dock's controller: which lesson and step are shown, the step's actions
run in the window, its check made live on the session's events and on Check, and the
progress remembered in the settings (per lesson: the step reached, whether done).

The check itself is Qt-free (``nnsim.session.lessons``); the window answers what only
it knows through :class:`WindowFacts`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from nnsim.session.lessons import SESSION_ACTIONS, LessonRun, run_session_action
from nnsim.simulator.i18n import translate
from nnsim.simulator.lessonformat import (
    SUFFIX,
    Lesson,
    LessonFileError,
    bundled_lessons,
    load_lesson,
)
from nnsim.simulator.resources import resource_path

from . import messages, theme
from .controller import Controller
from .pacing import RateLimit

#: How long a highlighted control keeps its frame.
HIGHLIGHT_MS = 4000


def file_filter() -> str:
    """The Open Lesson dialog's filter, in the interface's language."""
    return translate("ui.lessons", "nnsim lessons ({pattern});;All files (*)").format(
        pattern=f"*{SUFFIX}")


class WindowFacts:
    """What the checks ask the window (``lessonchecks.UiFacts``)."""

    def __init__(self, window):
        self.window = window

    def selected_neuron(self) -> tuple[int, int] | None:
        selected = self.window.inspection.selected
        return (selected[1], selected[2]) if selected and selected[0] == "neuron" else None

    def walkthrough_phase(self) -> str | None:
        walk = self.window.walkthrough
        return walk.steps[walk.index].kind if walk.active and walk.steps else None

    def digit_prediction(self) -> str | None:
        return self.window.digit_pad.reading()


class LessonsController(Controller):
    """Binds ``window.lessons_panel`` to the lessons and to the session."""

    def __init__(self, window):
        super().__init__(window)
        self.panel = window.lessons_panel
        self.settings = window.settings
        self.facts = WindowFacts(window)
        self.lessons: list[Lesson] = []
        for path in bundled_lessons():
            try:
                self.lessons.append(load_lesson(path))
            except LessonFileError as error:   # a damaged installation: the others still work
                window.show_status(str(error), 10_000)
        self.run: LessonRun | None = None
        self.slow = RateLimit()
        self.open_action = window.make_action(
            translate("ui.lessons", "Open &Lesson…"), self.open_dialog,
            tip=translate("ui.lessons", "Open a lesson file ({pattern})").format(
                pattern=f"*{SUFFIX}"))
        self._connect()
        self.show_list()
        if self.lessons:
            self.panel.list.setCurrentRow(0)
            self.choose(0, run_actions=False)

    def _connect(self) -> None:
        panel = self.panel
        panel.lessonChosen.connect(self.choose)
        panel.answerChosen.connect(self.answer)
        panel.checkRequested.connect(self.check)
        panel.nextRequested.connect(lambda: self.go(1))
        panel.backRequested.connect(lambda: self.go(-1))
        panel.openRequested.connect(self.open_dialog)
        panel.startRequested.connect(lambda: self.choose(self.panel.list.currentRow()))
        panel.resetRequested.connect(self.reset_progress)
        self.on(self.follow, "project_replaced", "structure_changed", "activations_changed",
                "params_changed", "config_changed", "run_replaced", "dataset_changed",
                "running_changed", "viewing_changed")
        self.on(lambda _frame: self.slow.due(not self.session.running) and self.follow(),
                "frame")
        window = self.window
        window.canvas.neuronClicked.connect(lambda *_: QTimer.singleShot(0, self.follow))
        window.canvas.selectionCleared.connect(self.follow)
        window.walkthrough_bar.moved.connect(lambda *_: QTimer.singleShot(0, self.follow))
        window.digit_pad.pad.area.drawingChanged.connect(self.follow)

    # ------------------------------------------------------------------ choosing
    def choose(self, row: int, run_actions: bool = True) -> None:
        """Show lesson ``row`` at the step reached last time, set up as its steps so far
        set the app up."""
        if not 0 <= row < len(self.lessons):
            return
        lesson = self.lessons[row]
        self.run = LessonRun(lesson, self.session, self.facts)
        reached = min(self._stored(lesson, "step", 0), len(lesson.steps) - 1)
        if run_actions:
            for step in lesson.steps[:reached + 1]:
                self._run_actions(step.actions)
        self._begin(reached)
        self.panel.show_waiting(not run_actions)

    def go(self, offset: int) -> None:
        """Next (when the step is done) or Back: the new step's actions run."""
        run = self.run
        if run is None or (offset > 0 and (not run.passed or run.is_last)):
            return
        index = run.index + offset
        if not 0 <= index < len(run.lesson.steps):
            return
        self._run_actions(run.lesson.steps[index].actions)
        self._begin(index)

    def _begin(self, index: int) -> None:
        run = self.run
        run.begin(index)
        step = run.step
        self.panel.show_step(run.lesson.title, run.index, len(run.lesson.steps), step)
        if run.passed and step.check is not None:    # done already as it begins
            self.panel.show_result(True, "", "", run.is_last)
        else:
            self.panel.clear_result(run.passed, run.is_last)
        self._remember()

    # ------------------------------------------------------------------ checking
    def check(self) -> None:
        """Check pressed: the step's check now, with what it found and the hint."""
        run = self.run
        if run is None:
            return
        run.observe()
        self.panel.show_result(run.passed, run.result.reason, run.step.hint, run.is_last)
        self._remember()

    def answer(self, choice: int) -> None:
        run = self.run
        if run is None or run.step.question is None:
            return
        right = run.answer(choice)
        self.panel.show_answer(right, run.step.question.explanation)
        if run.passed:
            self.panel.show_result(True, "", "", run.is_last)
            self._remember()

    def follow(self, *_) -> None:
        """Something changed: a step whose check now passes shows its ✓ at once."""
        run = self.run
        if run is None or run.passed or run.step.check is None:
            return
        if run.observe():
            self.panel.show_result(True, "", "", run.is_last)
            self._remember()

    # ------------------------------------------------------------------ actions
    def _run_actions(self, actions) -> None:
        for action in actions:
            try:
                self._run_action(action)
            except ValueError as error:
                self.panel.show_problem(translate(
                    "ui.lessons", "This step could not set up the app: {reason}").format(
                        reason=error))

    def _run_action(self, action: dict) -> None:
        kind, window = action["do"], self.window
        if kind in SESSION_ACTIONS:
            run_session_action(self.session, action)
        elif kind == "open_example":
            path = resource_path("examples", f"{action['example']}.nnsim.json")
            window.files.open_path(path, example=True)
        elif kind == "select_neuron":
            network = self.session.network
            if network is None or not 1 <= action["layer"] < network.n_layers \
                    or action["neuron"] >= network.sizes[action["layer"]]:
                raise ValueError(translate("ui.lessons", "the network has no such neuron"))
            window.inspection.select(("neuron", action["layer"], action["neuron"]))
        elif kind == "raise_dock":
            dock = window.docks[action["dock"]]
            dock.show()
            dock.raise_()
        elif kind == "highlight":
            self.highlight(action["control"])
        elif kind == "start_walkthrough":
            window.walkthrough.start()
        elif kind == "open_digit_pad":
            window.digit_pad.open()

    def control(self, name: str):
        """The widget a lesson may point at by name (``lessonvocab.CONTROLS``)."""
        window = self.window
        training = window.training_panel
        return {"training.play": training.play_button, "training.step": training.step_button,
                "training.epoch": training.epoch_button,
                "training.batch_size": training.batch_size,
                "training.learning_rate": training.learning_rate,
                "perceptron.bias": window.perceptron.bias_row.field,
                "perceptron.weights": window.perceptron.weight_rows[0].field,
                "inspector.activation": window.inspector,
                "walkthrough.next": window.walkthrough_bar.next,
                "data.draw": window.data_panel.draw_button}[name]

    def highlight(self, name: str) -> None:
        """Frame the control for a few seconds and bring its dock forward."""
        widget = self.control(name)
        if widget.property("lessonHighlight"):
            return      # framed already: its style now is not the one to go back to
        dock = next((d for d in self.window.docks.values() if d.isAncestorOf(widget)), None)
        if dock is not None and name != "walkthrough.next":
            dock.show()
            dock.raise_()
        widget.setProperty("lessonHighlight", True)
        before = widget.styleSheet()
        widget.setStyleSheet(f"{before}; border: 2px solid {theme.PAST};" if before
                             else f"border: 2px solid {theme.PAST};")
        QTimer.singleShot(HIGHLIGHT_MS, widget, lambda: self._unhighlight(widget, before))

    @staticmethod
    def _unhighlight(widget, style: str) -> None:
        widget.setProperty("lessonHighlight", False)
        widget.setStyleSheet(style)

    # ------------------------------------------------------------------ files
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, translate("ui.lessons", "Open Lesson"), "", file_filter())
        if path:
            self.open_file(path)

    def open_file(self, path) -> bool:
        """Add a teacher's lesson file to the list and show it (a bad file says why)."""
        try:
            lesson = load_lesson(Path(path))
        except LessonFileError as error:
            messages.fail(self.window, translate("ui.lessons", "Could not open the lesson"),
                          str(error))
            return False
        known = next((k for k, old in enumerate(self.lessons) if old.id == lesson.id), None)
        if known is None:
            self.lessons.append(lesson)
            known = len(self.lessons) - 1
        else:
            self.lessons[known] = lesson
        self.show_list(known)
        self.window.docks["lessons"].show()
        self.window.docks["lessons"].raise_()
        self.choose(known)
        return True

    # ------------------------------------------------------------------ progress
    def _key(self, lesson: Lesson, name: str) -> str:
        return f"lessons/{lesson.id}/{name}"

    def _stored(self, lesson: Lesson, name: str, default):
        value = self.settings.value(self._key(lesson, name), default)
        try:
            return type(default)(value) if not isinstance(default, bool) \
                else value in (True, "true", 1, "1")
        except (TypeError, ValueError):
            return default

    def _remember(self) -> None:
        """Store the step reached (the furthest) and completion, and show them."""
        run = self.run
        lesson = run.lesson
        reached = max(run.index, self._stored(lesson, "step", 0))
        self.settings.setValue(self._key(lesson, "step"), reached)
        if run.is_last and run.passed:
            self.settings.setValue(self._key(lesson, "done"), True)
        self.show_list()

    def progress_text(self, lesson: Lesson) -> str:
        if self._stored(lesson, "done", False):
            return translate("ui.lessons", "✓ done")
        step = self._stored(lesson, "step", 0)
        return translate("ui.lessons", "step {number} of {count}").format(
            number=step + 1, count=len(lesson.steps)) if step else ""

    def show_list(self, current: int | None = None) -> None:
        if current is None:
            current = self.lessons.index(self.run.lesson) if self.run else 0
        self.panel.show_lessons([(lesson.title, lesson.summary, self.progress_text(lesson))
                                 for lesson in self.lessons], current)

    def reset_progress(self) -> None:
        """Forget every lesson's progress; the lesson shown starts again."""
        self.settings.remove("lessons")
        row = self.lessons.index(self.run.lesson) if self.run else 0
        self.show_list(row)
        self.choose(row)
