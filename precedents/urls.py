from django.urls import path

from precedents.views import contracts, guide, lessons, partners

app_name = "precedents"

urlpatterns = [
    path("precedents/", contracts.precedent_list, name="list"),
    path("precedents/export.csv", contracts.precedent_csv, name="csv"),
    path("precedents/comparer/", contracts.precedent_compare, name="compare"),
    path("precedents/guide/", guide.contract_guide, name="guide"),
    path("enseignements/", lessons.lesson_list, name="lessons"),
    path("trouver-un-partenaire/", partners.partner_finder, name="partners"),
]
