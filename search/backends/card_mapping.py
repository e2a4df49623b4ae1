"""The engines' document of a case study, as modelsearch maps it, with the card its hits show (search.cards).

The card is an object the engine keeps in `_source` without indexing it (`enabled: false`): it costs no
analysis and cannot match a search; it only comes back with the hits.
"""

from search.cards import CARD_FIELD, card_of


def _has_card(model) -> bool:
    from projets.models import ProjectPage

    return issubclass(model, ProjectPage)


class CardMapping:
    """A mixin for an ElasticsearchBaseMapping subclass (search.backends.opensearch, .elasticsearch)."""

    def get_mapping(self):
        mapping = super().get_mapping()
        if _has_card(self.model):
            mapping["properties"][CARD_FIELD] = {"type": "object", "enabled": False}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        if _has_card(self.model):
            document[CARD_FIELD] = card_of(obj)
        return document
