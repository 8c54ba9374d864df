"""The real parts a show runs on — OBS over its WebSocket, the SQLite ledger, the HTTP sales
feeds, the OS keyring — built here and handed to the engine (services/ports.ShowParts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hostconsole.adapters.secrets import get_secret
from hostconsole.adapters.storage.ledger_db import LedgerStore

if TYPE_CHECKING:
    from pathlib import Path

    from hostconsole.adapters.sales.maker import HttpSalesFeeds
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.services.ports import ObsPort

SecretReader = Callable[[], str | None]


class StudioParts:
    """``obs_control=False``: no OBS (--no-obs; a read-only console asks for none). A secret
    given here (``obs_password``, ``sales_token``) is used instead of the keyring's: the
    suite's OBS has its own password."""

    def __init__(
        self,
        *,
        obs_control: bool = True,
        obs_password: SecretReader | None = None,
        sales_token: SecretReader | None = None,
    ) -> None:
        self.obs_control = obs_control
        self._given: dict[str, SecretReader] = {}
        if obs_password is not None:
            self._given["obs-password"] = obs_password
        if sales_token is not None:
            self._given["sales-token"] = sales_token

    def obs(self, settings: Settings, password: Callable[[], str | None]) -> ObsPort | None:
        if not self.obs_control:
            return None
        # Imported only with OBS control on: obsws-python and websocket-client are not
        # needed to show a run sheet.
        from hostconsole.adapters.obs.link import ObsLink, ObsSettings

        return ObsLink(ObsSettings(host=settings.obs_host, port=settings.obs_port), password)

    def ledger(self, path: Path) -> LedgerStore:
        return LedgerStore(path)

    def sales_feeds(self, settings: Settings) -> HttpSalesFeeds:
        # Imported here: httpx costs a tenth of a second at start-up, for shows without a feed.
        from hostconsole.adapters.sales.maker import HttpSalesFeeds

        return HttpSalesFeeds(verify_tls=settings.verify_tls)

    def secret(self, name: str) -> str | None:
        given = self._given.get(name)
        return given() if given is not None else get_secret(name)
