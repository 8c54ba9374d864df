"""Settings changed in the dialog while a show is open: what can change on air changes at once
(goal, milestones, the sales prompts' thresholds, the poll interval); the rest is named, by
its field, as applying when the show is next opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from hostconsole.adapters.storage.settings import Settings
    from hostconsole.services.show.session import ShowSession

# Fields whose change needs the show opened again: connections and clients built at start.
AT_NEXT_START = (
    "obs_host",
    "obs_port",
    "feed_kind",
    "poll_url",
    "stream_url",
    "comments_url",
    "hub_url",
    "json_pointer",
    "verify_tls",
    "control_host",
    "control_port",
)


def apply_settings(session: ShowSession, before: Settings, after: Settings) -> list[str]:
    """Apply ``after`` to the running show; the fields that changed but apply only at the
    next start, in the dialog's order."""
    changed = {
        f.name
        for f in msgspec.structs.fields(after)
        if getattr(before, f.name) != getattr(after, f.name)
    }
    show = session.show
    if changed & {"goal", "milestones"}:
        goal = after.goal if after.goal is not None else show.goal
        milestones = tuple(after.milestones) if after.milestones is not None else show.milestones
        session.counter.retarget(goal, milestones)
    prompter = session.sales_prompter
    prompter.quiet_seconds = after.quiet_prompt_seconds
    prompter.burst_sales = after.burst_prompt_sales
    poll = session.feeds.poll
    if poll is not None and "poll_interval" in changed:
        poll.interval = after.poll_interval
    session.settings = after
    return [name for name in AT_NEXT_START if name in changed]
