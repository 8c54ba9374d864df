"""The stream watch's judgement of OBS's numbers (the faults a test cannot make real on
this machine: congestion held, frames dropped or lagged, a low frame rate)."""

from __future__ import annotations

from hostconsole.domain.stream_watch import AlarmKind, Reading, StreamWatch


def streaming(at: float, frames: int, **changes: float | bool) -> Reading:
    values: dict[str, float | bool] = {
        "streaming": True,
        "stream_total": frames,
        "render_total": frames,
        "output_total": frames,
        "fps": 30.0,
    }
    values.update(changes)
    return Reading(at=at, **values)  # type: ignore[arg-type]


def test_congestion_is_an_alarm_only_when_it_holds() -> None:
    watch = StreamWatch()
    watch.observe(streaming(0, 0, congestion=0.9), on_air=True)
    raised, _ = watch.observe(streaming(1, 30, congestion=0.9), on_air=True)
    assert raised == []  # a second is a blip
    raised, _ = watch.observe(streaming(2, 60, congestion=0.8), on_air=True)
    assert [a.kind for a in raised] == [AlarmKind.CONGESTION]
    _, cleared = watch.observe(streaming(3, 90, congestion=0.1), on_air=True)
    assert [(a.kind, a.since, a.until) for a in cleared] == [(AlarmKind.CONGESTION, 2, 3)]
    assert watch.history == cleared


def test_dropped_and_lagged_frames_are_judged_over_the_window() -> None:
    watch = StreamWatch()
    watch.observe(streaming(0, 0), on_air=True)
    raised, _ = watch.observe(streaming(1, 30, stream_skipped=3, render_skipped=2), on_air=True)
    assert {a.kind for a in raised} == {AlarmKind.DROPPED_FRAMES, AlarmKind.LAGGED_FRAMES}
    # Ten seconds later without a new drop: the window has moved past them.
    for second in range(2, 13):
        watch.observe(
            streaming(second, 30 * second, stream_skipped=3, render_skipped=2), on_air=True
        )
    assert not watch.active


def test_low_fps_not_streaming_and_a_rehearsal() -> None:
    watch = StreamWatch()
    raised, _ = watch.observe(Reading(at=0, streaming=False, fps=20.0), on_air=True)
    assert {a.kind for a in raised} == {AlarmKind.NOT_STREAMING, AlarmKind.LOW_FPS}
    rehearsal = StreamWatch()
    raised, _ = rehearsal.observe(
        Reading(at=0, streaming=False, fps=30.0), on_air=True, rehearsal=True
    )
    assert raised == []  # nothing goes out in a rehearsal
    idle = StreamWatch()
    assert idle.observe(Reading(at=0, streaming=False, fps=30.0), on_air=False) == ([], [])


def test_obs_going_away_ends_its_alarms_and_restarts_the_counts() -> None:
    watch = StreamWatch()
    watch.observe(Reading(at=0, streaming=False, fps=30.0), on_air=True)
    ended = watch.lost(5)
    assert [(a.kind, a.until) for a in ended] == [(AlarmKind.NOT_STREAMING, 5)]
    # Counters from a restarted OBS start at zero: no drop is invented from the difference.
    watch.observe(streaming(6, 9000, stream_skipped=500), on_air=True)
    raised, _ = watch.observe(streaming(7, 30, stream_skipped=0), on_air=True)
    assert raised == []
