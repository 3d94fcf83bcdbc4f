"""The per-account limit on logging in, on a real Redis as the workers share it: an attempt
is counted before the password is checked, atomically (callbacks.security.LoginAttempts)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from callbacks.security import LoginAttempts
from devtools.serving import running_redis, stop


def test_two_workers_share_the_count_and_a_success_forgets_it() -> None:
    with running_redis() as redis:
        one, two = LoginAttempts(redis.url), LoginAttempts(redis.url)  # two workers
        assert [one.allow("Rita"), two.allow("rita"), one.allow("RITA")] == [True] * 3
        assert [two.allow("rita"), one.allow("rita")] == [True, True]
        assert not two.allow("rita")  # the sixth attempt in five minutes
        assert one.allow("carl")  # another account is not affected
        one.succeeded("rita")
        assert two.allow("rita")


def test_attempts_sent_together_are_counted_one_by_one() -> None:
    with running_redis() as redis:
        attempts = LoginAttempts(redis.url)
        with ThreadPoolExecutor(16) as pool:
            allowed = list(pool.map(lambda _: attempts.allow("tess"), range(16)))
        assert sum(allowed) == 5


def test_a_stopped_redis_falls_back_to_this_process() -> None:
    with running_redis() as redis:
        attempts = LoginAttempts(redis.url)
        assert attempts.allow("rita")
        stop(redis.process)
        assert [attempts.allow("rita") for _ in range(6)] == [True] * 5 + [False]
