"""Fixtures of the admin tests: users in the project's groups, a case study submitted for moderation."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from projets.models import ProjectPage
from tests.projets.admin_data import form_errors, project_form_data


@pytest.fixture
def user_in(django_user_model):
    def build(group_name, username=None):
        user = django_user_model.objects.create_user(username or group_name.lower(), password="x")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return build


@pytest.fixture
def submitted_page(client, user_in, project_index):
    """A case study written by a contributor and submitted for moderation through the admin form."""
    client.force_login(user_in("Contributeurs"))
    url = reverse("wagtailadmin_pages:add", args=["projets", "projectpage", project_index.pk])
    response = client.post(url, {**project_form_data(title="Jardins ouvriers"), "action-submit": "action-submit"})
    assert response.status_code == 302, form_errors(response)
    client.logout()
    return ProjectPage.objects.get(slug="jardins-ouvriers")
