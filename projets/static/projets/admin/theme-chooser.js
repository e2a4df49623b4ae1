/* Theme chooser of the case study editor: filter the grouped checkboxes as the editor types and keep the
 * list of chosen themes up to date. A Stimulus controller registered on Wagtail's admin application, so it
 * also connects to choosers added to the page later. The checkboxes are the form's own inputs: the admin's
 * unsaved-changes check sees their change events like any other field. The filter box has no name, so
 * typing in it changes nothing the form sends. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function register() {
    if (!window.wagtail || !window.wagtail.app || !window.StimulusModule) {
      return false;
    }
    class ThemeChooserController extends window.StimulusModule.Controller {
      static targets = ["filter", "filterBox", "group", "item", "summary", "empty"];
      static values = { none: String, one: String, many: String };

      connect() {
        this.filterBoxTarget.hidden = false;
      }

      ignoreEnter(event) {
        event.preventDefault();
      }

      filter() {
        const words = fold(this.filterTarget.value);
        let shown = 0;
        this.groupTargets.forEach((group) => {
          const legend = group.querySelector("legend");
          const groupMatches = words !== "" && fold(legend && legend.textContent).includes(words);
          let visible = 0;
          group.querySelectorAll("[data-theme-chooser-target~='item']").forEach((item) => {
            const match = words === "" || groupMatches || fold(item.dataset.name).includes(words);
            item.hidden = !match;
            visible += match ? 1 : 0;
          });
          group.hidden = visible === 0;
          shown += visible;
        });
        this.emptyTarget.hidden = shown > 0;
      }

      update() {
        const chosen = this.element.querySelectorAll("input[type=checkbox]:checked");
        const count = this.summaryTarget.querySelector("p");
        const list = this.summaryTarget.querySelector("ul");
        if (chosen.length === 0) {
          count.textContent = this.noneValue;
        } else if (chosen.length === 1) {
          count.textContent = this.oneValue;
        } else {
          count.textContent = this.manyValue.replace("__count__", String(chosen.length));
        }
        list.replaceChildren(
          ...Array.from(chosen, (input) => {
            const li = document.createElement("li");
            li.textContent = input.dataset.label;
            return li;
          }),
        );
      }
    }
    window.wagtail.app.register("theme-chooser", ThemeChooserController);
    return true;
  }

  if (!register()) {
    document.addEventListener("DOMContentLoaded", register, { once: true });
  }
})();
