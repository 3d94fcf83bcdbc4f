// The tile maps of France (layouts/drawings.py). A map of buttons inside an element carrying
// data-tile-target (the id of the territory control of the page) chooses a territory: a
// click, Enter or Space on a tile (a native <button>) sets that control's value, which then
// goes through the page's callbacks as a choice in the list would (address, headline,
// charts). The map is one tab stop: the arrow keys move between tiles to the nearest one in
// that direction (Home and End: first and last), the tile reached becoming the map's tab
// stop (a "roving tabindex"). The page draws the map again with the new choice outlined: the
// tile chosen keeps the focus across that redraw. Our own code, served by the app from assets/.
(function () {
  "use strict";

  var FOCUS_WAIT_MS = 10000; // a redraw later than this is not the answer to the choice
  var pending = null; // {target, code, until}: the tile to focus again once redrawn

  function tileOf(node) {
    return node && node.closest ? node.closest("button[data-tile-code]") : null;
  }

  document.addEventListener("click", function (event) {
    var tile = tileOf(event.target);
    if (!tile) return;
    var holder = tile.closest("[data-tile-target]");
    var clientside = window.dash_clientside;
    if (!holder || !clientside || !clientside.set_props) return;
    var target = holder.getAttribute("data-tile-target");
    var code = tile.getAttribute("data-tile-code");
    if (document.activeElement === tile) {
      pending = {target: target, code: code, until: Date.now() + FOCUS_WAIT_MS};
    }
    clientside.set_props(target, {value: code});
  });

  // After a redraw the focused tile is gone (focus falls back to the page): focus its
  // successor, unless the person has moved on since.
  new MutationObserver(function () {
    if (!pending) return;
    if (Date.now() > pending.until) {
      pending = null;
      return;
    }
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    var holder = document.querySelector(
      '[data-tile-target="' + CSS.escape(pending.target) + '"]'
    );
    var tile = holder && holder.querySelector(
      'button[data-tile-code="' + CSS.escape(pending.code) + '"]'
    );
    if (tile) tile.focus();
  }).observe(document.documentElement, {subtree: true, childList: true});

  var STEPS = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };

  function place(tile) {
    return [
      Number(tile.getAttribute("data-column")),
      Number(tile.getAttribute("data-row")),
    ];
  }

  // The nearest tile in the direction (dx, dy): ahead along it first, then least aside.
  function neighbour(tiles, from, dx, dy) {
    var origin = place(from);
    var best = null;
    var bestScore = Infinity;
    tiles.forEach(function (tile) {
      if (tile === from) return;
      var at = place(tile);
      var ahead = (at[0] - origin[0]) * dx + (at[1] - origin[1]) * dy;
      if (ahead <= 0) return;
      var aside = Math.abs((at[0] - origin[0]) * dy) + Math.abs((at[1] - origin[1]) * dx);
      var score = ahead + 2 * aside;
      if (score < bestScore) {
        bestScore = score;
        best = tile;
      }
    });
    return best;
  }

  function moveTo(tiles, target) {
    tiles.forEach(function (tile) {
      tile.setAttribute("tabindex", tile === target ? "0" : "-1");
    });
    target.focus();
  }

  document.addEventListener("keydown", function (event) {
    var tile = tileOf(event.target);
    if (!tile || event.altKey || event.ctrlKey || event.metaKey) return;
    var grid = tile.parentElement;
    var tiles = Array.prototype.slice.call(grid.querySelectorAll("button[data-tile-code]"));
    var target = null;
    if (event.key === "Home") target = tiles[0];
    else if (event.key === "End") target = tiles[tiles.length - 1];
    else if (STEPS[event.key]) {
      target = neighbour(tiles, tile, STEPS[event.key][0], STEPS[event.key][1]);
    } else return;
    event.preventDefault();
    if (target) moveTo(tiles, target);
  });

  // A press (pointer or key) anywhere but on a tile ends the wait for a redraw: the person
  // has moved on, and the focus is theirs.
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(
      type,
      function (event) {
        if (!tileOf(event.target)) pending = null;
      },
      true
    );
  });

  // A tile that takes the focus (a click, or the page's own re-render) is the map's tab stop;
  // focus anywhere else ends the wait for a redraw.
  document.addEventListener("focusin", function (event) {
    var tile = tileOf(event.target);
    if (!tile) {
      pending = null;
      return;
    }
    if (tile.getAttribute("tabindex") === "0") return;
    var tiles = Array.prototype.slice.call(
      tile.parentElement.querySelectorAll("button[data-tile-code]")
    );
    tiles.forEach(function (other) {
      other.setAttribute("tabindex", other === tile ? "0" : "-1");
    });
  });
})();
