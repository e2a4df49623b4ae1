"""The theme chooser of the case study editor: checkboxes grouped under their parent theme, with a filter box.

The field and the data stay a plain many-to-many (search, filters, exports and the API read it); only the
widget changes. Without JavaScript it is a list of labelled checkboxes; the script adds the filter box and
keeps the count of chosen themes up to date.
"""

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.collation import sort_key


class ThemeChooserWidget(forms.CheckboxSelectMultiple):
    template_name = "projets/widgets/theme_chooser.html"
    root_class = "theme-chooser"

    class Media:
        js = ["projets/admin/theme-chooser.js"]
        css = {"all": ["projets/admin/theme-chooser.css"]}

    def texts(self, chosen: int) -> dict:
        return {
            "none": _("Aucun thème choisi."),
            "one": _("1 thème choisi :"),
            "many": _("__count__ thèmes choisis :"),
            "count": ngettext("%(count)s thème choisi :", "%(count)s thèmes choisis :", chosen) % {"count": chosen}
            if chosen
            else _("Aucun thème choisi."),
            "filter": _("Filtrer les thèmes"),
            "no_match": _("Aucun thème ne correspond."),
            "whole_group": _("(tout le thème)"),
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [option for group in context["widget"]["optgroups"] for option in group[1]]
        context["widget"]["groups"] = self.theme_groups(options)
        context["widget"]["chosen"] = [option for option in options if option["selected"]]
        context["widget"]["texts"] = self.texts(len(context["widget"]["chosen"]))
        context["widget"]["root_class"] = self.root_class
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


class TerritoryChooserWidget(ThemeChooserWidget):
    """The same chooser for territories: regions first, each with its départements, then wider scopes."""

    root_class = "territory-chooser"

    def texts(self, chosen: int) -> dict:
        return {
            "none": _("Aucun territoire choisi."),
            "one": _("1 territoire choisi :"),
            "many": _("__count__ territoires choisis :"),
            "count": ngettext("%(count)s territoire choisi :", "%(count)s territoires choisis :", chosen)
            % {"count": chosen}
            if chosen
            else _("Aucun territoire choisi."),
            "filter": _("Filtrer les territoires (nom ou code)"),
            "no_match": _("Aucun territoire ne correspond."),
            "whole_group": _("(toute la région)"),
        }

    def theme_groups(self, options: list[dict]) -> list[dict]:
        from projets.choices import TerritoryKind
        from projets.models import Territory

        by_id = {str(option["value"]): option for option in options}
        territories = {
            str(t.pk): t
            for t in Territory.objects.filter(pk__in=list(by_id)).only("pk", "name", "code", "kind", "region")
        }
        groups: dict[str, dict] = {}
        wider = {"parent": None, "children": []}
        for pk, territory in sorted(territories.items(), key=lambda item: (item[1].code, sort_key(item[1].name))):
            # The code is in the searchable name: "59" finds the Nord, "32" the Hauts-de-France.
            option = {**by_id[pk], "name": f"{territory.name} ({territory.code})"}
            if territory.kind == TerritoryKind.REGION:
                groups.setdefault(pk, {"parent": None, "children": []})["parent"] = option
            elif territory.kind == TerritoryKind.DEPARTEMENT and str(territory.region_id) in territories:
                region = groups.setdefault(str(territory.region_id), {"parent": None, "children": []})
                region["children"].append(option)
            else:
                wider["children"].append(option)
        ordered = sorted(
            (group for group in groups.values() if group["parent"] is not None),
            key=lambda group: sort_key(group["parent"]["name"]),
        )
        orphans = [child for group in groups.values() if group["parent"] is None for child in group["children"]]
        for child in orphans + wider["children"]:
            ordered.append({"parent": child, "children": []})
        return ordered
