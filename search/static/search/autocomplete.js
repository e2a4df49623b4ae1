/*
 * Suggestions while typing in the search box (titles, organisations, themes from /api/autocomplete).
 * ARIA 1.2 combobox with a listbox popup: arrows move, Enter opens the suggestion, Escape closes.
 * Progressive enhancement: without this script the box is a plain search field.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;
  var KIND_LABELS = { projet: "étude de cas", organisation: "organisation", theme: "thème" };

  function setUp(input) {
    var url = input.getAttribute("data-autocomplete-url");
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var timer = null;
    var lastQuery = "";
    var active = -1;
    var items = [];

    list.id = listId;
    list.className = "search-form__suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      items.forEach(function (item, position) {
        item.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(results) {
      list.textContent = "";
      items = results.map(function (result, position) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = listId + "-" + position;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", result.url);
        option.textContent = result.label + " ";
        kind.className = "search-form__suggestion-kind";
        kind.textContent = "(" + (KIND_LABELS[result.kind] || result.kind) + ")";
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box until we navigate
          window.location.assign(result.url);
        });
        list.appendChild(option);
        return option;
      });
      status.textContent = results.length
        ? results.length + (results.length > 1 ? " suggestions disponibles." : " suggestion disponible.")
        : "";
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        show([]);
        return;
      }
      fetch(url + "?" + new URLSearchParams({ q: query }).toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            show(data.results || []);
          }
        })
        .catch(function () {
          show([]);
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden || !items.length) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].getAttribute("data-url"));
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(setUp);
})();
