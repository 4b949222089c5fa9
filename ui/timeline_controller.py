"""The timeline bar bound to the session: look back at any saved moment of the run,
restore it, replay the run, and size the memory its moments may use.

Looking back is the session's (``view_past``, ``back_to_now``): every view then shows
that moment, this controller keeps the bar and the loss plot's marker in step.  Replay
is a timer here stepping the session through the timeline (``view_next``); nothing is
trained again.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from nnsim.session import Checkpoint
from nnsim.simulator.i18n import translate

from .controller import Controller
from .pacing import RateLimit
from .timeline_bar import budget_text

#: Where the window's settings keep the timeline's budget (MB).
BUDGET_KEY = "timelineBudgetMB"


class TimelineController(Controller):
    """Keeps ``window.timeline_bar`` showing the session's timeline."""

    def __init__(self, window):
        super().__init__(window)
        self.bar = window.timeline_bar
        self.track = self.bar.track
        self.replay_timer = QTimer(self)
        self.replay_timer.timeout.connect(self._replay_step)
        self.slow_views = RateLimit()
        self._apply_saved_budget()
        self.on(self.refresh, "project_replaced", "timeline_changed", "run_replaced")
        self.on(self._on_viewing, "viewing_changed")
        self.on(self._on_frame, "frame")
        self.on(lambda busy: busy or self.refresh(), "busy_changed")   # a run's end
        self._connect_bar()
        self.refresh()

    def _connect_bar(self) -> None:
        bar = self.bar
        self.track.momentChosen.connect(self.view)
        self.track.nowChosen.connect(self.back_to_now)
        bar.back_button.clicked.connect(self.back_to_now)
        bar.restore_button.clicked.connect(self.restore)
        bar.replay_button.toggled.connect(self._on_replay_toggled)
        bar.replay_speed.currentIndexChanged.connect(self._set_replay_interval)
        bar.budget.valueChanged.connect(self._on_budget_changed)
        self._set_replay_interval()

    # ------------------------------------------------------------------ the user's asks
    def view(self, index: int) -> None:
        """Look at the ``index``-th saved moment (the views follow the session)."""
        self.session.view_past(self.session.timeline.checkpoints[index])

    def back_to_now(self) -> None:
        self.bar.replay_button.setChecked(False)
        self.session.back_to_now()

    def restore(self) -> None:
        """Make the moment viewed the present (one undo step)."""
        checkpoint = self.session.viewing
        if checkpoint is None:
            return
        self.bar.replay_button.setChecked(False)
        self.session.restore(checkpoint)
        self.window.show_status(translate(
            "ui.timeline_controller", "Restored epoch {epoch}, step {step}: training goes on "
            "from here (Ctrl+Z to undo)").format(epoch=f"{checkpoint.epoch:,}",
                                                 step=f"{checkpoint.step:,}"), 6000)

    # ------------------------------------------------------------------ replay
    def _on_replay_toggled(self, on: bool) -> None:
        if not on:
            self.replay_timer.stop()
            return
        timeline, viewed = self.session.timeline, self.session.viewing
        if not len(timeline):
            self.bar.replay_button.setChecked(False)
            return
        if viewed is None or viewed.step >= timeline.checkpoints[-1].step:
            self.session.view_past(timeline.checkpoints[0])  # from the start
        self.replay_timer.start()

    def _replay_step(self) -> None:
        if not self.session.view_next():
            self.bar.replay_button.setChecked(False)  # the end: it stays on the last

    def _set_replay_interval(self, *_) -> None:
        self.replay_timer.setInterval(round(1000 / self.bar.replay_per_second))

    # ------------------------------------------------------------------ the budget
    def _apply_saved_budget(self) -> None:
        saved = self.window.settings.value(BUDGET_KEY)
        try:
            megabytes = int(saved) if saved is not None else None
        except (TypeError, ValueError):
            megabytes = None  # a settings file edited by hand: keep the default
        if megabytes is not None:
            low, high = self.bar.budget.minimum(), self.bar.budget.maximum()
            self.session.set_timeline_budget(min(max(megabytes, low), high) * 2**20)
        self.bar.budget.setValue(self.session.timeline.budget_bytes // 2**20)

    def _on_budget_changed(self, megabytes: int) -> None:
        if megabytes * 2**20 != self.session.timeline.budget_bytes:
            self.session.set_timeline_budget(megabytes * 2**20)
            self.window.settings.setValue(BUDGET_KEY, megabytes)

    # ------------------------------------------------------------------ following the session
    def refresh(self, *_) -> None:
        """The moments on the track, the budget line, the state line."""
        timeline = self.session.timeline
        positions = [c.position for c in timeline.checkpoints]
        self.track.set_moments(positions, self._present_epoch())
        self.bar.budget_label.setText(budget_text(len(timeline), timeline.nbytes))
        self.bar.setEnabled(self.session.trainer is not None)
        self._on_viewing(self.session.viewing)

    def _on_frame(self, snapshot) -> None:
        if self.slow_views.due(not self.session.running):
            self.track.set_moments(self.track.positions, snapshot.epoch_progress)
            if self.session.viewing is None:   # "Now: epoch N" follows training
                self.bar.show_state(self._present_text(), viewing=False)

    def _present_epoch(self) -> float:
        """The present's place on the epoch axis: the latest snapshot's (the trainer is
        the training thread's while it trains), the trainer's before any."""
        trainer = self.session.trainer
        if trainer is None:
            return 0.0
        latest = self.session.latest
        return latest.epoch_progress if latest is not None else float(trainer.epoch)

    def _on_viewing(self, checkpoint: Checkpoint | None) -> None:
        self.window.loss_plot.show_moment(None if checkpoint is None else
                                          checkpoint.position)
        if checkpoint is None:
            self.bar.replay_button.setChecked(False)
            self.track.set_current(None)
            self.bar.show_state(self._present_text(), viewing=False)
            return
        index = self._index_of(checkpoint)
        self.track.set_current(index)
        self.bar.show_state(translate(
            "ui.timeline_controller", "Viewing epoch {epoch} of {now} · step {step}").format(
                epoch=f"{checkpoint.epoch:,}", now=f"{self._now_epoch():,}",
                step=f"{checkpoint.step:,}"), viewing=True)

    def _index_of(self, checkpoint: Checkpoint) -> int | None:
        """Where ``checkpoint`` is on the track (the nearest moment left, when a
        smaller budget thinned it away while it was viewed)."""
        steps = [c.step for c in self.session.timeline.checkpoints]
        if not steps:
            return None
        return min(range(len(steps)), key=lambda i: abs(steps[i] - checkpoint.step))

    def _now_epoch(self) -> int:
        return int(self._present_epoch())

    def _present_text(self) -> str:
        if self.session.trainer is None:
            return translate("ui.timeline_controller", "The timeline fills as the network trains")
        if not len(self.session.timeline):
            return translate("ui.timeline_controller", "Now · train, then drag to look back")
        return translate("ui.timeline_controller", "Now: epoch {epoch} · drag to look back").format(
            epoch=f"{self._now_epoch():,}")
