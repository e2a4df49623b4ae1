"""bench.settle: the harness waits for a quiet machine, within a bound, and says what it reached."""

from bench.settle import settle


def test_a_quiet_enough_machine_is_measured_at_once():
    outcome = settle(quiet_load=1_000_000, max_wait=5)
    assert outcome["quiet"] is True
    assert outcome["waited_s"] < 1
    assert len(outcome["load_average"]) == 3


def test_the_wait_is_bounded_and_reported_when_the_machine_stays_busy():
    outcome = settle(quiet_load=-1, max_wait=0.3, poll=0.1)  # a load average is never negative
    assert outcome["quiet"] is False
    assert 0.3 <= outcome["waited_s"] < 2
