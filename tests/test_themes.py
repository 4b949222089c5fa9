"""The dark and light themes: View ▸ Theme remembers a choice and offers a restart,
``theme.use`` switches every colour, both themes are legible (WCAG contrast), and a
window built in the light theme is light everywhere."""

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMenu

from nnsim.simulator.resources import resource_path
from nnsim.ui import preferences, theme
from nnsim.ui.canvas import style
from nnsim.ui.mainwindow import apply_theme
from nnsim.ui.preferences import SYSTEM, ThemeMenu, chosen_theme, system_theme


@pytest.fixture
def light(qapp):
    """The light theme for one test; the dark one again afterwards."""
    theme.use("light")
    apply_theme(qapp)
    yield
    theme.use("dark")
    apply_theme(qapp)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two opaque colours."""
    def luminance(color: str) -> float:
        c = QColor(color)
        channels = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
                    for x in (c.redF(), c.greenF(), c.blueF())]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", theme.NAMES)
def test_text_reads_on_every_surface(name):
    p = theme.PALETTES[name]
    for surface in ("BACKGROUND", "SURFACE", "SURFACE_RAISED"):
        assert contrast(p["TEXT"], p[surface]) >= 4.5, (name, surface)
        assert contrast(p["MUTED"], p[surface]) >= 4.5, (name, surface)
    for role in ("ERROR", "ACCENT"):   # error messages, links and headings
        assert contrast(p[role], p["BACKGROUND"]) >= 4.5, (name, role)
        assert contrast(p[role], p["SURFACE"]) >= 4.5, (name, role)
    assert contrast(p["BACKGROUND"], p["ACCENT"]) >= 4.5    # selected text on its highlight
    assert contrast(p["BACKGROUND"], p["PAST"]) >= 4.5      # the timeline's "viewing" label


@pytest.mark.parametrize("name", theme.NAMES)
def test_lines_and_marks_stand_out_from_the_canvas(name):
    p = theme.PALETTES[name]
    for role in ("POSITIVE", "NEGATIVE", "TRAIN_COLOR", "TEST_COLOR", "SUCCESS", "SATURATED",
                 "PAST", *range(len(p["CATEGORICAL"]))):
        color = p["CATEGORICAL"][role] if isinstance(role, int) else p[role]
        assert contrast(color, p["BACKGROUND"]) >= 3.0, (name, role)


def test_the_light_theme_keeps_blue_positive_and_orange_negative_weights():
    p = theme.PALETTES["light"]
    assert QColor(p["BACKGROUND"]).lightness() > 240
    assert QColor(p["TEXT"]).lightness() < 60
    positive, negative = QColor(p["POSITIVE"]), QColor(p["NEGATIVE"])
    assert 200 <= positive.hslHue() <= 230 and 15 <= negative.hslHue() <= 40
    low, high = QColor(p["GLOW_LOW"]), QColor(p["GLOW_HIGH"])
    assert low.lightness() > 220 and low.hslSaturation() < 80      # resting: pale
    assert high.hslSaturation() > 200 and 30 <= high.hslHue() <= 50  # glowing: warm


def test_use_switches_every_constant_the_palette_and_the_caches(qapp):
    dark_glow = style.glow_brushes()[-1].color().name()
    try:
        theme.use("light")
        assert theme.NAME == "light"
        for key, value in theme.PALETTES["light"].items():
            assert getattr(theme, key) == value, key
        palette = theme.application_palette()
        assert palette.color(QPalette.Window).name() == theme.PALETTES["light"]["SURFACE"]
        assert palette.color(QPalette.Base).name() == "#ffffff"
        assert palette.color(QPalette.WindowText).name() == theme.PALETTES["light"]["TEXT"]
        assert palette.color(QPalette.Mid).lightness() > 128
        assert style.glow_brushes()[-1].color().name() == theme.PALETTES["light"]["GLOW_HIGH"]
        assert style.glow_brushes()[-1].color().name() != dark_glow
    finally:
        theme.use("dark")
    for key, value in theme.PALETTES["dark"].items():
        assert getattr(theme, key) == value, key
    assert style.glow_brushes()[-1].color().name() == dark_glow
    with pytest.raises(ValueError):
        theme.use("purple")


def test_an_unknown_or_missing_choice_follows_the_system(tmp_path, qapp):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    assert system_theme() in theme.NAMES
    assert chosen_theme(settings) == system_theme()
    settings.setValue("theme", "purple")
    assert chosen_theme(settings) == system_theme()
    settings.setValue("theme", "light")
    assert chosen_theme(settings) == "light"


def test_the_menu_remembers_the_choice_and_offers_a_restart(window, messages):
    menu = QMenu()
    themes = ThemeMenu(window, menu)
    labels = [action.text() for action in menu.actions()]
    assert labels[1:] == ["Dark", "Light"] and labels[0].startswith("System (")
    assert [a.data() for a in menu.actions() if a.isChecked()] == [SYSTEM]
    other = "light" if system_theme() == "dark" else "dark"
    themes.choose(other)
    assert window.settings.value("theme") == other
    assert messages == [("information", "Restart nnsim",
                         f"nnsim will use the {other} theme from its next start.")]
    again = QMenu()
    ThemeMenu(window, again)
    assert [a.data() for a in again.actions() if a.isChecked()] == [other]
    themes.choose(other)              # no change: nothing to restart for
    assert len(messages) == 1


def test_a_window_built_in_the_light_theme_is_light(light, window, qtbot):
    window.files.open_path(resource_path("examples") / "xor-2-2-1.nnsim.json", example=True)
    qtbot.wait(100)
    image = window.canvas.grab().toImage()
    assert image.width() > 100
    corner = image.pixelColor(5, image.height() - 5)
    assert corner.lightness() > 240, corner.name()
    dark_pixels = sum(image.pixelColor(x, y).lightness() < 60
                      for x in range(0, image.width(), 7) for y in range(0, image.height(), 7))
    assert dark_pixels > 0          # the labels, in dark text
    for widget in (window, window.canvas, *window.docks.values()):
        assert widget.palette().color(QPalette.Window).lightness() > 200, widget
        assert widget.palette().color(QPalette.WindowText).lightness() < 80, widget


@pytest.mark.parametrize("scheme, expected", [(Qt.ColorScheme.Light, "light"),
                                              (Qt.ColorScheme.Dark, "dark"),
                                              (Qt.ColorScheme.Unknown, "dark")])
def test_the_system_theme_is_light_only_when_the_desktop_says_so(monkeypatch, scheme,
                                                                  expected):
    """A bare X server or a desktop that says nothing gets nnsim's own dark look, even
    though Qt's default palette there is light.  (Platforms here don't let a program set
    the scheme Qt reports, so the desktop's answer is stood in for.)"""
    class Desktop:
        @staticmethod
        def instance():
            return True

        @staticmethod
        def styleHints():   # noqa: N802 - Qt's name
            return SimpleNamespace(colorScheme=lambda: scheme)

    monkeypatch.setattr(preferences, "QGuiApplication", Desktop)
    assert system_theme() == expected
