"""The OBS adapter's errors, importable without loading obsws-python."""

from __future__ import annotations

from hostconsole.domain.said import Said


class ObsError(Exception):
    """Base of every failure the OBS adapter reports; its message, a Said, is for the
    producer (``told(error)`` keeps its code)."""


class ObsUnreachableError(ObsError):
    """Nothing answers at the address (OBS not running, wrong port, firewall)."""


class ObsAuthError(ObsError):
    """OBS refused the password."""


class ObsIncompatibleError(ObsError):
    """OBS answers, but not with obs-websocket 5."""


class ObsConnectionLostError(ObsError):
    """The connection broke or timed out; the session is unusable and must be rebuilt."""


class ObsRequestError(ObsError):
    """OBS received the request and refused it (e.g. no such scene); the connection is fine."""

    def __init__(self, request_type: str, code: int, comment: str | None) -> None:
        self.request_type = request_type
        self.code = code
        self.comment = comment or ""
        super().__init__(
            Said("obs.refused-saying", request_type, code, comment)
            if comment
            else Said("obs.refused", request_type, code)
        )


class ObsNotConnectedError(ObsError):
    """A command was given while OBS is not connected; nothing was sent."""
