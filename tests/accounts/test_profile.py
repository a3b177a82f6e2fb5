"""Citizens manage their public name and can delete their account."""

from django.contrib.auth import get_user_model

from tests.factories import TEST_PASSWORD, UserFactory

User = get_user_model()


def test_profile_requires_login(client, db):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_change_display_name(client, citizen):
    client.force_login(citizen)
    response = client.post("/accounts/profile/", {"display_name": "Neuer_Name"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == "Neuer_Name"


def test_display_names_are_unique_regardless_of_case(client, citizen):
    UserFactory(display_name="Vergeben")
    client.force_login(citizen)
    response = client.post("/accounts/profile/", {"display_name": "VERGEBEN"})
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == [
        "Dieser Anzeigename ist bereits vergeben."
    ]
    citizen.refresh_from_db()
    assert citizen.display_name == "Radlerin"


def test_database_enforces_case_insensitive_uniqueness(db):
    import pytest
    from django.db import IntegrityError

    UserFactory(display_name="Einmalig")
    with pytest.raises(IntegrityError):
        UserFactory(display_name="einmalig")


def test_delete_account_needs_the_password(client, citizen):
    client.force_login(citizen)
    response = client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert User.objects.filter(pk=citizen.pk).exists()

    response = client.post("/accounts/delete/", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=citizen.pk).exists()
    assert "_auth_user_id" not in client.session
