"""The names of the two channels, translated once for every screen and the command line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.domain.enums import Channel


def channel_name(channel: Channel) -> str:
    """ "Email" or "SMS" as a heading, a column value or a choice."""
    if channel is Channel.EMAIL:
        return QCoreApplication.translate("ChannelWords", "Email")
    return QCoreApplication.translate("ChannelWords", "SMS")
