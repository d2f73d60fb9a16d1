from django.contrib.auth import authenticate

from tests.factories import UserFactory


def test_factory_passwords_use_the_fast_hasher_and_still_sign_in(db):
    user = UserFactory()

    assert user.password.startswith("md5$"), user.password[:30]
    assert authenticate(username=user.username, password="correct horse battery") == user
