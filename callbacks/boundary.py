"""The HTTP boundary of the app: what a request must be before anything of it is read or
computed, and what a visitor gets when a request is not one the pages send.

- A request body is at most MAX_REQUEST_BYTES (413 beyond, before it is read).
- A callback request (`POST /_dash-update-component`) is a JSON object of Dash's shape for one
  of the app's own callbacks; anything else is a 400 with one log line.
- A callback that fails anyway (a value of a type no page sends, say) answers "no update"
  and logs one line, never a traceback: each callback checks its inputs (see
  `controls_state`, `state_from_inputs`), this is the net under them.
- A static path the app does not serve (`/_dash-component-suites/../..`) is a 404.
"""

from __future__ import annotations

import logging
from typing import Any, Final

import flask
from dash import Dash, ctx
from dash.exceptions import DependencyException
from werkzeug.exceptions import BadRequest, NotFound

LOG = logging.getLogger("barometre.boundary")
MAX_REQUEST_BYTES: Final = 1024 * 1024  # the pages' callback requests are a few KB
CALLBACK_ROUTE: Final = "_dash-update-component"
MAX_INPUTS: Final = 64  # the app's largest callback reads a few tens of values
CALLBACK_FAILED: Final = "callback failed"  # the log line's start (tests look for it)


def _shape_problem(body: Any, callbacks: dict[str, Any]) -> str | None:
    """What is wrong with a callback request's body, or None when it has Dash's shape."""
    if not isinstance(body, dict):
        return "body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callbacks:
        return "unknown output"
    if not isinstance(body.get("outputs"), dict | list):
        return "outputs is not an object or a list"
    for key in ("inputs", "state", "changedPropIds"):
        value = body.get(key, [])
        if not isinstance(value, list) or len(value) > MAX_INPUTS:
            return f"{key} is not a list of at most {MAX_INPUTS}"
    for item in [*body.get("inputs", []), *body.get("state", [])]:
        # A pattern-matching input is a list of such objects; the app has none.
        if not isinstance(item, dict) or not isinstance(item.get("id"), str | dict):
            return "an input is not an {id, property, value} object"
        if not isinstance(item.get("property"), str):
            return "an input has no property"
    if not all(isinstance(p, str) for p in body.get("changedPropIds", [])):
        return "changedPropIds holds something other than text"
    return _arity_problem(body, callbacks[output])


def _arity_problem(body: dict[str, Any], spec: dict[str, Any]) -> str | None:
    """What differs between a request and its callback's declaration: the outputs' shape
    (a list for a callback of several outputs, an object for one), and each input and state
    (the same components and properties, in the declared order; the app has no
    pattern-matching callback). Dash would otherwise fail outside the callback, a 500."""
    output = str(body["output"])
    outputs = body["outputs"]
    if output.startswith(".."):
        if not isinstance(outputs, list) or len(outputs) != len(output[2:-2].split("...")):
            return "outputs do not match the callback's"
    elif not isinstance(outputs, dict):
        return "outputs do not match the callback's"
    for key in ("inputs", "state"):
        sent, declared = body.get(key, []), spec.get(key, [])
        if len(sent) != len(declared) or any(
            item.get("id") != want.get("id") or item.get("property") != want.get("property")
            for item, want in zip(sent, declared, strict=True)
        ):
            return f"{key} do not match the callback's"
    return None


def log_callback_error(error: Exception) -> None:
    """Dash's on_error for every callback: one line (which callback, what failed, where),
    and no update to the page."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    where = f"{frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else "?"
    try:
        outputs = ctx.outputs_list
    except Exception:  # outside a callback's context: nothing to name
        outputs = []
    listed = outputs if isinstance(outputs, list) else [outputs]
    names = ", ".join(f"{o.get('id')}.{o.get('property')}" for o in listed if isinstance(o, dict))
    LOG.error(
        "%s: %s: %s: %s (at %s)",
        CALLBACK_FAILED,
        names[:200] or "?",
        type(error).__name__,
        str(error)[:200],
        where,
    )


def install(app: Dash) -> None:
    """Bound the requests `app` accepts (see the module's docstring)."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    prefix = app.config.requests_pathname_prefix or "/"
    callback_path = prefix + CALLBACK_ROUTE

    @server.before_request
    def _check_callback_request() -> None:
        request = flask.request
        if request.method != "POST" or request.path != callback_path:
            return
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # JSON nested deeper than Python decodes (a hostile body)
            body = None
        problem = _shape_problem(body, app.callback_map)
        if problem is not None:
            LOG.warning("refused a callback request from %s: %s", request.remote_addr, problem)
            raise BadRequest(problem)

    @server.errorhandler(DependencyException)
    def _not_a_static_file(error: DependencyException) -> tuple[str, int]:
        LOG.warning("no such static file: %s", flask.request.path[:200])
        return NotFound.description or "Not Found", 404
