from __future__ import annotations

from typing import Any

import pytest

from tutorbot.core.pacing import Pacer, RateLimits


def simulate(pacer: Pacer, chats: list[int], start: float = 0.0) -> list[tuple[int, float]]:
    """Send to ``chats`` in order, each as early as the pacer allows; return (chat, time) sent."""
    now = start
    sent = []
    for chat in chats:
        now = pacer.earliest(chat, now)
        assert pacer.try_take(chat, now)
        sent.append((chat, now))
    return sent


def max_in_any_window(times: list[float], window: float) -> int:
    times = sorted(times)
    best, left = 0, 0
    for right, moment in enumerate(times):
        while moment - times[left] >= window - 1e-9:  # float sums of intervals
            left += 1
        best = max(best, right - left + 1)
    return best


@pytest.mark.parametrize(("overall", "count"), [(30, 300), (30, 31), (10, 95), (1, 5)])
def test_never_more_than_the_overall_limit_in_any_second(overall: int, count: int) -> None:
    pacer = Pacer(RateLimits(overall=overall))
    sent = simulate(pacer, list(range(count)))
    times = [t for _, t in sent]
    assert max_in_any_window(times, 1.0) <= overall
    # ...and still at the full rate: count messages need about count/overall seconds
    assert (count - overall) / overall <= times[-1] <= count / overall * 1.05


def test_sends_are_spread_evenly_after_a_small_burst() -> None:
    pacer = Pacer(RateLimits(overall=30, burst=2))
    sent = simulate(pacer, list(range(5)))
    assert [t for _, t in sent] == pytest.approx([0, 0, 1 / 30, 2 / 30, 3 / 30])


def test_a_late_sender_catches_up_a_little_but_not_in_a_flood() -> None:
    pacer = Pacer(RateLimits(overall=30, burst=3))
    assert pacer.try_take(1, 0.0)
    late = 5.0  # woken long after its slot: may send burst=3 back to back, no more
    assert [pacer.try_take(chat, late) for chat in range(2, 7)] == [True, True, True, False, False]


@pytest.mark.parametrize(("interval", "gap"), [(1.0, 1.0), (2.0, 2.0), (0.5, 0.5)])
def test_one_message_per_interval_to_the_same_chat(interval: float, gap: float) -> None:
    pacer = Pacer(RateLimits(overall=30, per_chat_interval=interval))
    sent = simulate(pacer, [7, 7, 7])
    assert [t for _, t in sent] == pytest.approx([0.0, gap, 2 * gap])


def test_other_chats_are_not_held_up_by_one_busy_chat() -> None:
    pacer = Pacer()
    assert pacer.try_take(7, 0.0)
    assert not pacer.try_take(7, 0.1)
    assert pacer.try_take(8, 0.1)


@pytest.mark.parametrize(("retry_after", "resume"), [(5.0, 15.0), (0.0, 10.0), (1.5, 11.5)])
def test_429_pauses_every_chat_for_retry_after(retry_after: float, resume: float) -> None:
    pacer = Pacer()
    pacer.pause(10.0, retry_after)
    assert pacer.earliest(1, 10.0) == pytest.approx(resume)
    assert pacer.earliest(2, 10.0) == pytest.approx(resume)
    assert pacer.earliest(3, resume + 1) == pytest.approx(resume + 1)


def test_a_shorter_second_429_does_not_cut_the_first_pause() -> None:
    pacer = Pacer()
    pacer.pause(0.0, 10.0)
    pacer.pause(1.0, 2.0)
    assert pacer.earliest(1, 1.0) == pytest.approx(10.0)


def test_many_distinct_chats_keep_the_per_chat_limit_after_pruning() -> None:
    pacer = Pacer(RateLimits(overall=30))
    simulate(pacer, list(range(5000)))
    last = 5000 // 30
    assert pacer.try_take(10_000, last + 10)
    assert not pacer.try_take(10_000, last + 10.5)


@pytest.mark.parametrize("limits", [{"overall": 0}, {"window": 0.0}, {"per_chat_interval": -1.0}])
def test_nonsense_limits_are_refused(limits: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="positive"):
        RateLimits(**limits)


def test_without_a_chat_only_the_overall_limits_apply() -> None:
    pacer = Pacer(RateLimits(overall=30, per_chat_interval=1.0))
    pacer.record(7, 0.0)
    assert pacer.earliest(7, 0.0) == 1.0
    assert pacer.earliest(None, 0.0) < 0.1  # a reply to the student need not wait a second
    pacer.pause(0.0, 5.0)
    assert pacer.earliest(None, 0.0) == 5.0
