"""The theme chooser of the case study editor: checkboxes grouped under their parent theme, with a filter box.

The field and the data stay a plain many-to-many (search, filters, exports and the API read it); only the
widget changes. Without JavaScript it is a list of labelled checkboxes; the script adds the filter box and
keeps the count of chosen themes up to date.
"""

import unicodedata

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def sort_key(name: str) -> str:
    """Alphabetical order as a French reader expects it: "Économie" among the E, not after Z."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


class ThemeChooserWidget(forms.CheckboxSelectMultiple):
    template_name = "projets/widgets/theme_chooser.html"

    class Media:
        js = ["projets/admin/theme-chooser.js"]
        css = {"all": ["projets/admin/theme-chooser.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [option for group in context["widget"]["optgroups"] for option in group[1]]
        context["widget"]["groups"] = self.theme_groups(options)
        context["widget"]["chosen"] = [option for option in options if option["selected"]]
        return context

    def theme_groups(self, options: list[dict]) -> list[dict]:
        """Top-level themes, each with itself then its sub-themes (two levels: Theme.clean refuses a third)."""
        from projets.models import Theme

        by_id = {str(option["value"]): option for option in options}
        themes = {
            str(theme.pk): theme for theme in Theme.objects.filter(pk__in=list(by_id)).only("pk", "name", "parent")
        }
        groups: dict[str, dict] = {}
        for pk, theme in sorted(themes.items(), key=lambda item: sort_key(item[1].name)):
            option = {**by_id[pk], "name": theme.name}
            key = str(theme.parent_id) if theme.parent_id and str(theme.parent_id) in themes else pk
            group = groups.setdefault(key, {"parent": None, "children": []})
            if key == pk:
                group["parent"] = option
            else:
                group["children"].append(option)
        ordered = [group for group in groups.values() if group["parent"] is not None]
        return sorted(ordered, key=lambda group: sort_key(group["parent"]["name"]))

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (templates/projets/widgets/), not the form renderer's.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308
