"""The interface language: chosen in View ▸ Language, remembered, applied at start.

"System" (the default) follows the desktop's locale: Chinese locales get 简体中文,
others English.  Qt builds every label once, so a new choice applies when nnsim starts
again; the menu offers to restart at once (after the usual offer to save).
"""

from __future__ import annotations

import sys
from importlib import resources

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QProcess,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from nnsim.simulator import i18n
from nnsim.simulator.i18n import translate

from . import messages

#: Each language by its code, named in itself (a reader finds their own language).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SYSTEM = "system"


def chosen_language(settings: QSettings) -> str:
    """The code of the language to use: the remembered choice, or the system's."""
    choice = settings.value("language", SYSTEM)
    if choice in LANGUAGES:
        return choice
    return system_language()


def system_language() -> str:
    """The desktop locale's language among ``LANGUAGES``: zh_CN for Chinese written in
    simplified characters (zh_CN, zh_SG), English otherwise (zh_TW, zh_HK included)."""
    locale = QLocale.system()
    simplified = locale.script() == QLocale.SimplifiedChineseScript
    return "zh_CN" if locale.language() == QLocale.Chinese and simplified else "en"


def install_language(app: QCoreApplication, language: str) -> None:
    """Load nnsim's and Qt's own translations for ``language`` into ``app``.

    Qt's dialogs (file chooser, message box buttons) come from ``qtbase_<language>``,
    shipped with PySide6.  English needs no translator.
    """
    for old in getattr(app, "_nnsim_translators", []):
        app.removeTranslator(old)
    translators = []
    if language != "en":
        folder = resources.files("nnsim.resources") / "i18n"
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, where in ((f"nnsim_{language}", str(folder)), (f"qtbase_{language}", qt_folder)):
            translator = QTranslator(app)
            if translator.load(name, where):
                app.installTranslator(translator)
                translators.append(translator)
    app._nnsim_translators = translators
    i18n.install(QCoreApplication.translate if translators else None,
                 language if translators else "en")


class LanguageMenu:
    """View ▸ Language: System, then each language; a choice is remembered."""

    def __init__(self, window, menu: QMenu):
        self.window = window
        self.settings: QSettings = window.settings
        self.group = QActionGroup(menu)
        current = self.settings.value("language", SYSTEM)
        system_name = LANGUAGES[system_language()]
        choices = {SYSTEM: translate("ui.preferences", "System ({language})").format(
            language=system_name), **LANGUAGES}
        for code, label in choices.items():
            action = QAction(label, menu, checkable=True)
            action.setChecked(code == current or (code == SYSTEM and current not in LANGUAGES))
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            self.group.addAction(action)
            menu.addAction(action)

    def choose(self, code: str) -> None:
        before = chosen_language(self.settings)
        self.settings.setValue("language", code)
        after = chosen_language(self.settings)
        if after != before:
            offer_restart(self.window, translate(
                "ui.preferences", "nnsim will be in {language} from its next start.").format(
                language=LANGUAGES[after]))


def offer_restart(window, text: str) -> None:
    """Say ``text`` and offer to restart now; a restart reopens the saved file."""
    box = messages.message_box(window, QMessageBox.Information,
                               translate("ui.preferences", "Restart nnsim"), text,
                               QMessageBox.NoButton)
    restart = box.addButton(translate("ui.preferences", "Restart Now"), QMessageBox.AcceptRole)
    box.addButton(translate("ui.preferences", "Later"), QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is restart and window.close():
        path = window.session.path
        reopen = [str(path)] if path else []
        QProcess.startDetached(sys.executable, ["-m", "nnsim.cli", *reopen])
        QApplication.quit()
