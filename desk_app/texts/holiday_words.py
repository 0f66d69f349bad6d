"""The names of the German states and of their public holidays, translated once for the
settings and the command line (``domain.public_holidays`` has only codes)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk_app.domain.public_holidays import Holiday

# QT_TRANSLATE_NOOP's stub says object: the texts are str, passed through str() below.
_STATES: dict[str, object] = {
    "BW": QT_TRANSLATE_NOOP("HolidayWords", "Baden-Württemberg"),
    "BY": QT_TRANSLATE_NOOP("HolidayWords", "Bavaria"),
    "BE": QT_TRANSLATE_NOOP("HolidayWords", "Berlin"),
    "BB": QT_TRANSLATE_NOOP("HolidayWords", "Brandenburg"),
    "HB": QT_TRANSLATE_NOOP("HolidayWords", "Bremen"),
    "HH": QT_TRANSLATE_NOOP("HolidayWords", "Hamburg"),
    "HE": QT_TRANSLATE_NOOP("HolidayWords", "Hesse"),
    "MV": QT_TRANSLATE_NOOP("HolidayWords", "Mecklenburg-Western Pomerania"),
    "NI": QT_TRANSLATE_NOOP("HolidayWords", "Lower Saxony"),
    "NW": QT_TRANSLATE_NOOP("HolidayWords", "North Rhine-Westphalia"),
    "RP": QT_TRANSLATE_NOOP("HolidayWords", "Rhineland-Palatinate"),
    "SL": QT_TRANSLATE_NOOP("HolidayWords", "Saarland"),
    "SN": QT_TRANSLATE_NOOP("HolidayWords", "Saxony"),
    "ST": QT_TRANSLATE_NOOP("HolidayWords", "Saxony-Anhalt"),
    "SH": QT_TRANSLATE_NOOP("HolidayWords", "Schleswig-Holstein"),
    "TH": QT_TRANSLATE_NOOP("HolidayWords", "Thuringia"),
}

_HOLIDAYS: dict[Holiday, object] = {
    Holiday.NEW_YEAR: QT_TRANSLATE_NOOP("HolidayWords", "New Year's Day"),
    Holiday.EPIPHANY: QT_TRANSLATE_NOOP("HolidayWords", "Epiphany"),
    Holiday.WOMENS_DAY: QT_TRANSLATE_NOOP("HolidayWords", "International Women's Day"),
    Holiday.GOOD_FRIDAY: QT_TRANSLATE_NOOP("HolidayWords", "Good Friday"),
    Holiday.EASTER_SUNDAY: QT_TRANSLATE_NOOP("HolidayWords", "Easter Sunday"),
    Holiday.EASTER_MONDAY: QT_TRANSLATE_NOOP("HolidayWords", "Easter Monday"),
    Holiday.LABOUR_DAY: QT_TRANSLATE_NOOP("HolidayWords", "Labour Day"),
    Holiday.ASCENSION: QT_TRANSLATE_NOOP("HolidayWords", "Ascension Day"),
    Holiday.WHIT_SUNDAY: QT_TRANSLATE_NOOP("HolidayWords", "Whit Sunday"),
    Holiday.WHIT_MONDAY: QT_TRANSLATE_NOOP("HolidayWords", "Whit Monday"),
    Holiday.CORPUS_CHRISTI: QT_TRANSLATE_NOOP("HolidayWords", "Corpus Christi"),
    Holiday.ASSUMPTION: QT_TRANSLATE_NOOP("HolidayWords", "Assumption Day"),
    Holiday.CHILDRENS_DAY: QT_TRANSLATE_NOOP("HolidayWords", "World Children's Day"),
    Holiday.GERMAN_UNITY: QT_TRANSLATE_NOOP("HolidayWords", "Day of German Unity"),
    Holiday.REFORMATION: QT_TRANSLATE_NOOP("HolidayWords", "Reformation Day"),
    Holiday.ALL_SAINTS: QT_TRANSLATE_NOOP("HolidayWords", "All Saints' Day"),
    Holiday.REPENTANCE: QT_TRANSLATE_NOOP("HolidayWords", "Day of Repentance and Prayer"),
    Holiday.CHRISTMAS: QT_TRANSLATE_NOOP("HolidayWords", "Christmas Day"),
    Holiday.BOXING_DAY: QT_TRANSLATE_NOOP("HolidayWords", "Boxing Day"),
}


def state_name(code: str) -> str:
    """ "Nordrhein-Westfalen" for "NW"; the code itself for anything else."""
    source = _STATES.get(code)
    return QCoreApplication.translate("HolidayWords", str(source)) if source else code


def holiday_names() -> dict[Holiday, str]:
    """Every holiday's name in the user's language (stored as the closed day's note)."""
    return {
        holiday: QCoreApplication.translate("HolidayWords", str(source))
        for holiday, source in _HOLIDAYS.items()
    }
