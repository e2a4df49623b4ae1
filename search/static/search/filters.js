/*
 * Filters of the catalogue and of the search page, applied without reloading the page.
 *
 * Progressive enhancement: without this script the facets are links and the year filter a GET form.
 * With it, following a facet link or changing a field of a filter form fetches the same URL (the normal
 * HTML page: one code path on the server, and the same entry in the anonymous page cache), swaps the
 * filter panel and the results for the new ones, records the address in the history (Back re-renders
 * it), announces the new count and keeps the focus on the control used. Any failure falls back to a
 * normal page load. Below 48em the filter panel starts closed.
 */
(function () {
  "use strict";

  var REQUIRED = ["filtres", "resultats"];
  var OPTIONAL = ["search-params", "suivre"];
  var DELAY_MS = 300;

  var layout = document.querySelector("[data-live-filters]");
  if (!layout) {
    return;
  }
  var status = document.getElementById("results-status");
  var timer = null;
  var pending = null;
  var shown = location.pathname + location.search;

  function closeOnSmallScreens() {
    var query = layout.getAttribute("data-small-screen");
    var panel = document.querySelector("#filtres .facets__panel");
    if (panel && query && window.matchMedia && window.matchMedia(query).matches) {
      panel.removeAttribute("open");
    }
  }

  function focusKey(element) {
    if (!element || !element.closest || !element.closest("#filtres, #resultats")) {
      return null;
    }
    if (element.hasAttribute("data-facet")) {
      return '[data-facet="' + CSS.escape(element.getAttribute("data-facet")) + '"][data-value="' +
        CSS.escape(element.getAttribute("data-value")) + '"]';
    }
    return element.id ? "#" + CSS.escape(element.id) : null;
  }

  function keepDisclosures(fresh) {
    var oldPanel = document.querySelector("#filtres .facets__panel");
    var newPanel = fresh.querySelector(".facets__panel");
    if (oldPanel && newPanel) {
      newPanel.open = oldPanel.open;
    }
    fresh.querySelectorAll("details[data-facet-group]").forEach(function (group) {
      var name = group.getAttribute("data-facet-group");
      var before = document.querySelector('#filtres details[data-facet-group="' + CSS.escape(name) + '"]');
      if (before) {
        group.open = before.open;
      }
    });
  }

  function swap(doc) {
    var missing = REQUIRED.some(function (id) {
      return !document.getElementById(id) || !doc.getElementById(id);
    });
    if (missing) {
      return false;
    }
    var key = focusKey(document.activeElement);
    keepDisclosures(doc.getElementById("filtres"));
    REQUIRED.concat(OPTIONAL).forEach(function (id) {
      var current = document.getElementById(id);
      var fresh = doc.getElementById(id);
      if (current && fresh) {
        current.replaceWith(document.adoptNode(fresh));
      }
    });
    document.title = doc.title;
    var feed = 'link[rel="alternate"][type="application/atom+xml"]';
    var oldFeed = document.querySelector(feed);
    var newFeed = doc.querySelector(feed);
    if (oldFeed && newFeed) {
      oldFeed.setAttribute("href", newFeed.getAttribute("href"));
    }
    var target = key && document.querySelector(key);
    (target || document.getElementById("results-title")).focus();
    announce();
    return true;
  }

  function announce() {
    var heading = document.getElementById("results-title");
    if (!status || !heading) {
      return;
    }
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = heading.textContent.trim();
    }, 100);
  }

  function load(url, push, fallback) {
    if (pending) {
      pending.abort();
    }
    var controller = new AbortController();
    pending = controller;
    layout.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin", signal: controller.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (!swap(doc)) {
          throw new Error("regions");
        }
        var address = new URL(url, location.href);
        shown = address.pathname + address.search;
        if (push) {
          history.pushState({ liveFilters: true }, "", address.pathname + address.search);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          fallback();
        }
      })
      .finally(function () {
        if (pending === controller) {
          pending = null;
          var current = document.querySelector("[data-live-filters]");
          if (current) {
            current.removeAttribute("aria-busy");
          }
        }
      });
  }

  function schedule(url, fallback) {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      load(url, true, fallback);
    }, DELAY_MS);
  }

  function formUrl(form) {
    var url = new URL(form.getAttribute("action") || location.pathname, location.href);
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") {
        params.append(name, value);
      }
    });
    url.search = params.toString();
    return url.pathname + url.search;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#filtres a[data-facet]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    var url = link.getAttribute("href");
    schedule(url, function () {
      location.assign(url);
    });
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    var form = field.form;
    if (!form || !field.closest("#filtres") || (field.type === "number" && !field.checkValidity())) {
      return;
    }
    schedule(formUrl(form), function () {
      form.submit();
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.closest("#filtres") || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    window.clearTimeout(timer);
    load(formUrl(form), true, function () {
      form.submit();
    });
  });

  window.addEventListener("popstate", function () {
    var address = location.pathname + location.search;
    if (address === shown) {
      return; // only the fragment changed (the skip link)
    }
    load(address, false, function () {
      location.reload();
    });
  });

  closeOnSmallScreens();
})();
