"""Texts of Qt's own file dialog that Qt's Simplified Chinese translation (qtbase_zh_CN)
lacks for this Qt (its labels gained mnemonics, "&Look in:", after it was translated).

nnsim's catalogue carries them in Qt's own contexts: Qt asks each installed translator in
turn, so where its own has no answer nnsim's does, and the dialog reads in one language.
"""

from nnsim.simulator.i18n import QT_TRANSLATE_NOOP

#: (context, text) of each Qt text nnsim translates.
QT_TEXTS = (
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive")),
)
