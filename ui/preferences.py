"""The interface language and the colour theme: chosen in View ▸ Language and View ▸
Theme, remembered, applied at start.

"System" (the default) follows the desktop: Chinese locales get 简体中文, others
English; a light desktop gets the light theme, others the dark one.  Qt builds every
label and colour once, so a new choice applies when nnsim starts again; the menu offers
to restart at once (after the usual offer to save).
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
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from nnsim.simulator import i18n
from nnsim.simulator.i18n import translate

from . import messages, theme

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


class PreferenceMenu:
    """A View submenu of radio entries, System first, for a setting the window is built
    with: the choice is remembered, and a change offers a restart.

    ``labels`` maps each choice's code to its entry; ``chosen(settings)`` is the code in
    effect at the next start; ``restart_text(code)`` says what that start will bring."""

    def __init__(self, window, menu: QMenu, key: str, labels: dict[str, str],
                 system_label: str, chosen, restart_text):
        self.window = window
        self.settings: QSettings = window.settings
        self.key, self.chosen, self.restart_text = key, chosen, restart_text
        self.group = QActionGroup(menu)
        current = self.settings.value(key, SYSTEM)
        for code, label in {SYSTEM: system_label, **labels}.items():
            action = QAction(label, menu, checkable=True)
            action.setChecked(code == current or (code == SYSTEM and current not in labels))
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            self.group.addAction(action)
            menu.addAction(action)

    def choose(self, code: str) -> None:
        before = self.chosen(self.settings)
        self.settings.setValue(self.key, code)
        after = self.chosen(self.settings)
        if after != before:
            offer_restart(self.window, self.restart_text(after))


class LanguageMenu(PreferenceMenu):
    """View ▸ Language: System, then each language (named in itself)."""

    def __init__(self, window, menu: QMenu):
        super().__init__(
            window, menu, "language", LANGUAGES,
            translate("ui.preferences", "System ({language})").format(
                language=LANGUAGES[system_language()]),
            chosen_language,
            lambda code: translate("ui.preferences", "nnsim will be in {language} from its "
                                   "next start.").format(language=LANGUAGES[code]))


def theme_names() -> dict[str, str]:
    """Each theme's name (``theme.NAMES``) and its label in the menu."""
    return {"dark": translate("ui.preferences", "Dark"),
            "light": translate("ui.preferences", "Light")}


def chosen_theme(settings: QSettings) -> str:
    """The name of the theme to use: the remembered choice, or the system's."""
    choice = settings.value("theme", SYSTEM)
    if choice in theme.NAMES:
        return choice
    return system_theme()


def system_theme() -> str:
    """"light" when the desktop says its colour scheme is light, "dark" otherwise: nnsim's
    own look where the desktop says nothing (a bare X server, an older desktop)."""
    if QGuiApplication.instance() is None:
        return "dark"
    light = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Light
    return "light" if light else "dark"


class ThemeMenu(PreferenceMenu):
    """View ▸ Theme: System, Dark, Light (every widget is built in the theme's colours)."""

    def __init__(self, window, menu: QMenu):
        names = theme_names()
        super().__init__(
            window, menu, "theme", names,
            translate("ui.preferences", "System ({theme})").format(
                theme=names[system_theme()]),
            chosen_theme,
            lambda code: translate("ui.preferences", "nnsim will use the {theme} theme from "
                                   "its next start.").format(theme=names[code].lower()))


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
