"""Tools for working on the app, shared by tests/, benchmarks/ and scripts/; the app itself
never imports them. `serving`: local servers on 127.0.0.1 (a free port, a clean environment,
waiting for a server, stopping it, a throw-away Redis, Debian's Chromium and its flags)."""
