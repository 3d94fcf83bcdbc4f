"""The per-account limit on logging in, on a real Redis as the workers share it: an attempt
is counted before the password is checked, atomically (callbacks.security.LoginAttempts)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from callbacks.security import LoginAttempts
from devtools.serving import running_redis, stop


def test_two_workers_share_the_count_and_a_success_forgets_it() -> None:
    with running_redis() as redis:
        one, two = LoginAttempts(redis.url), LoginAttempts(redis.url)  # two workers
        assert [one.allow("rita"), two.allow("rita"), one.allow("rita")] == [True] * 3
        assert [two.allow("rita"), one.allow("rita")] == [True, True]
        assert not two.allow("rita")  # the sixth attempt in five minutes
        assert one.allow("carl")  # another account is not affected
        one.succeeded("rita")
        assert two.allow("rita")


def test_an_account_differing_by_case_forgets_only_its_own_attempts() -> None:
    # Logins are case-sensitive: « Alice » signing in must not reset « alice »'s failures.
    with running_redis() as redis:
        attempts = LoginAttempts(redis.url)
        assert all(attempts.allow("alice") for _ in range(5))
        assert attempts.allow("Alice")
        attempts.succeeded("Alice")
        assert not attempts.allow("alice")


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


@contextmanager
def silent_server() -> Iterator[tuple[int, list[socket.socket]]]:
    """A port that accepts connections and never answers (a frozen Redis), and the
    connections it accepted."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    done = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not done.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], held
    finally:
        done.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def test_a_frozen_redis_is_given_up_then_left_alone_for_a_while() -> None:
    """A Redis that never answers: the first attempt gives up on it (socket timeouts) and
    counts in memory; the next ones count in memory without trying it again."""
    with silent_server() as (port, held):
        attempts = LoginAttempts(f"redis://127.0.0.1:{port}/0")
        answers: list[bool] = []
        first = threading.Thread(target=lambda: answers.append(attempts.allow("rita")))
        first.start()
        first.join(timeout=30)  # a guard: without socket timeouts this would hang
        assert not first.is_alive() and answers == [True]
        tried = len(held)
        assert tried >= 1
        assert all(attempts.allow("rita") for _ in range(4)) and not attempts.allow("rita")
        assert len(held) == tried  # no new connection while the storage is given up
